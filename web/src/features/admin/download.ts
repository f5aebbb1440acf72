import { writeTar } from './tar'

/** Saves files as SLUG.tar holding SLUG/..., to untar into problems/. */
export function downloadFolder(slug: string, files: Record<string, string>) {
  const tar = writeTar(slug, files, Math.floor(Date.now() / 1000))
  const url = URL.createObjectURL(new Blob([tar as BlobPart], { type: 'application/x-tar' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `${slug}.tar`
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

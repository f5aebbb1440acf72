// A minimal ustar writer and reader, so a problem exports as a tar of its
// problems/SLUG/ folder (`tar xf SLUG.tar -C problems`) and imports from one,
// with no dependency. Regular files only; names up to 100 bytes.

const BLOCK = 512
const enc = new TextEncoder()
const dec = new TextDecoder()

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0'
}

function header(name: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK)
  const put = (s: string, off: number) => h.set(enc.encode(s), off)
  const nameBytes = enc.encode(name)
  if (nameBytes.length > 100) throw new Error(`${name}: a name over 100 bytes`)
  h.set(nameBytes, 0)
  put(octal(0o644, 8), 100)
  put(octal(0, 8), 108)
  put(octal(0, 8), 116)
  put(octal(size, 12), 124)
  put(octal(mtime, 12), 136)
  put('        ', 148) // the checksum counts its own field as spaces
  put('0', 156)
  put('ustar\0', 257)
  put('00', 263)
  const sum = h.reduce((s, b) => s + b, 0)
  put(octal(sum, 7) + ' ', 148)
  return h
}

/** A tar of files (path → text), each under dir/. */
export function writeTar(dir: string, files: Record<string, string>, mtime = 0): Uint8Array {
  const parts: Uint8Array[] = []
  for (const path of Object.keys(files).sort()) {
    const body = enc.encode(files[path])
    parts.push(header(`${dir}/${path}`, body.length, mtime))
    const padded = new Uint8Array(Math.ceil(body.length / BLOCK) * BLOCK)
    padded.set(body)
    parts.push(padded)
  }
  parts.push(new Uint8Array(BLOCK * 2))
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let off = 0
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

/** The regular files of a tar as path → text (directories skipped). */
export function readTar(data: Uint8Array): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  let off = 0
  while (off + BLOCK <= data.length) {
    const h = data.subarray(off, off + BLOCK)
    if (h.every((b) => b === 0)) break
    const str = (a: number, b: number) => dec.decode(h.subarray(a, b)).replace(/\0.*$/s, '')
    let name = str(0, 100)
    const prefix = str(345, 500)
    if (prefix) name = `${prefix}/${name}`
    const size = parseInt(str(124, 136).trim() || '0', 8)
    const type = str(156, 157)
    off += BLOCK
    if (type === '0' || type === '') out.push({ path: name.replace(/^\.\//, ''), text: dec.decode(data.subarray(off, off + size)) })
    off += Math.ceil(size / BLOCK) * BLOCK
  }
  return out
}

import { api, ApiError, buildURL, request } from '../../lib/api'
import type { DeleteAccountRequest } from '../../lib/api.gen'
import type { Facets, Profile, ProfilePatch } from '../../lib/types'

export const updateProfile = (patch: ProfilePatch) => api.patch<Profile>('/api/users/profile', patch)

// Company suggestions come from the library's facets.
export const companySuggestions = async (signal?: AbortSignal) =>
  (await api.get<Facets>('/api/problems/facets', undefined, signal)).companies

/** Needs the current password when the account has one; revokes every other session. */
export const changePassword = (current_password: string, new_password: string) =>
  api.post<void>('/api/auth/password', { current_password, new_password })

/** Revokes every session of the account, this one included. */
export const signOutEverywhere = () => api.post<void>('/api/auth/signout-all')

/**
 * Builds the archive of everything stored about you and saves it as a zip
 * (POST /api/users/data-export answers the file itself).
 */
export async function downloadMyData(): Promise<void> {
  let res: Response
  try {
    res = await fetch(buildURL('/api/users/data-export'), { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/zip, application/json' } })
  } catch {
    throw new ApiError(0, 'network', "Can't reach mockroom. Check your connection and try again.")
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined
    throw new ApiError(res.status, data?.error?.code ?? 'export_failed', data?.error?.message ?? 'The export failed. Try again in a minute.')
  }
  const blob = await res.blob()
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'mockroom-data.zip'
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Deletes the account for good; the password, or for a provider-only account the e-mail typed out. */
export const deleteMyAccount = (body: DeleteAccountRequest) => request<void>('DELETE', '/api/users/data', { body })

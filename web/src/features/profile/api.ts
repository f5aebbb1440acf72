import { api } from '../../lib/api'
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

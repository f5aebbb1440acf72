import { api } from '../../lib/api'
import type { Facets, Profile, ProfilePatch } from '../../lib/types'

export const updateProfile = (patch: ProfilePatch) => api.patch<Profile>('/api/users/profile', patch)

// Company suggestions come from the library's facets.
export const companySuggestions = async (signal?: AbortSignal) =>
  (await api.get<Facets>('/api/problems/facets', undefined, signal)).companies

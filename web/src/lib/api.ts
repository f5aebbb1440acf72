// The one client for the JSON API. Every call goes through request(), which
// sends and reads JSON, keeps the session cookie on the same origin, and turns
// any failure into an ApiError with a code the UI can switch on.

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  /** Seconds to wait, from Retry-After, on 429. */
  readonly retryAfter?: number

  constructor(status: number, code: string, message: string, retryAfter?: number) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.retryAfter = retryAfter
  }
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code)
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return 'Something went wrong. Reload the page and try again.'
}

export type Query = Record<string, string | number | undefined | null>

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
}

// Messages for failures that carry no usable body (proxies, crashes, outages).
function fallbackMessage(status: number): { code: string; message: string } {
  if (status === 401) return { code: 'unauthenticated', message: 'Your session has ended. Sign in again.' }
  if (status === 403) return { code: 'forbidden', message: "You don't have access to this." }
  if (status === 404) return { code: 'not_found', message: "We couldn't find that." }
  if (status === 429) return { code: 'rate_limited', message: 'Too many requests. Wait a moment and try again.' }
  if (status >= 500) return { code: 'server_error', message: 'mockroom had a problem on its side. Try again in a moment.' }
  return { code: 'http_' + status, message: `The request failed (HTTP ${status}). Try again.` }
}

export function buildURL(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

function parseRetryAfter(h: string | null): number | undefined {
  if (!h) return undefined
  const n = Number(h)
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n)
  const date = Date.parse(h)
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000))
  return undefined
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: string | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  let res: Response
  try {
    res = await fetch(buildURL(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, 'network', "Can't reach mockroom. Check your connection and try again.")
  }

  if (res.status === 204) return undefined as T
  const text = await res.text()
  let data: unknown = undefined
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = undefined
    }
  }

  if (!res.ok) {
    const fb = fallbackMessage(res.status)
    const e = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
    const code = typeof e?.code === 'string' && e.code ? e.code : fb.code
    const message = typeof e?.message === 'string' && e.message ? e.message : fb.message
    throw new ApiError(res.status, code, message, parseRetryAfter(res.headers.get('Retry-After')))
  }
  if (data === undefined && text) {
    throw new ApiError(res.status, 'bad_response', 'mockroom sent a reply we could not read. Reload the page.')
  }
  return data as T
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
}

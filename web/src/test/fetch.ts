// A fetch double for the network boundary in unit tests: each handler gets the
// parsed URL and the init, and returns a Response. Calls are recorded.
import { vi } from 'vitest'

export type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

export function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message } }, status, headers)
}

/** Routes are "METHOD /path" keys; an unknown route fails the test loudly. */
export function mockFetch(routes: Record<string, Handler>) {
  const calls: { method: string; url: URL; init: RequestInit }[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    calls.push({ method, url, init })
    const h = routes[`${method} ${url.pathname}`]
    if (!h) throw new Error(`unexpected fetch ${method} ${url.pathname}`)
    return h(url, init)
  })
  vi.stubGlobal('fetch', fn)
  return { fn, calls }
}

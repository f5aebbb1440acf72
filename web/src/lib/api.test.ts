import { describe, expect, it, vi } from 'vitest'
import { ApiError, api, buildURL, request } from './api'
import { apiError, json, mockFetch } from '../test/fetch'

describe('request error mapping', () => {
  const cases: {
    name: string
    respond: () => Response | Promise<Response>
    status: number
    code: string
    message: RegExp
    retryAfter?: number
  }[] = [
    {
      name: 'server error body is kept',
      respond: () => apiError(409, 'email_taken', 'that email is already registered'),
      status: 409,
      code: 'email_taken',
      message: /already registered/,
    },
    {
      name: 'rate limit carries Retry-After seconds',
      respond: () => apiError(429, 'rate_limited', 'slow down', { 'Retry-After': '17' }),
      status: 429,
      code: 'rate_limited',
      message: /slow down/,
      retryAfter: 17,
    },
    {
      name: 'HTML from a proxy becomes a server error',
      respond: () => new Response('<html>Bad Gateway</html>', { status: 502 }),
      status: 502,
      code: 'server_error',
      message: /problem on its side/,
    },
    {
      name: 'empty 401 means signed out',
      respond: () => new Response('', { status: 401 }),
      status: 401,
      code: 'unauthenticated',
      message: /Sign in again/,
    },
    {
      name: 'error without a code falls back by status',
      respond: () => json({ error: { message: 'nope' } }, 404),
      status: 404,
      code: 'not_found',
      message: /nope/,
    },
    {
      name: 'unusual status gets a generic code',
      respond: () => new Response('', { status: 418 }),
      status: 418,
      code: 'http_418',
      message: /HTTP 418/,
    },
    {
      name: 'a 200 that is not JSON is an error, not undefined data',
      respond: () => new Response('<html>', { status: 200 }),
      status: 200,
      code: 'bad_response',
      message: /could not read/,
    },
  ]

  for (const tc of cases) {
    it(tc.name, async () => {
      mockFetch({ 'GET /api/x': tc.respond })
      const err = await api.get('/api/x').catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ApiError)
      const e = err as ApiError
      expect(e.status).toBe(tc.status)
      expect(e.code).toBe(tc.code)
      expect(e.message).toMatch(tc.message)
      expect(e.retryAfter).toBe(tc.retryAfter)
    })
  }

  it('maps a network failure to a friendly error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const err = (await api.get('/api/x').catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('network')
    expect(err.status).toBe(0)
  })

  it('lets an abort through untouched', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new DOMException('aborted', 'AbortError'))))
    const err = await api.get('/api/x').catch((e: unknown) => e)
    expect(err).not.toBeInstanceOf(ApiError)
    expect((err as DOMException).name).toBe('AbortError')
  })
})

describe('request success', () => {
  it('sends JSON with same-origin credentials and parses the reply', async () => {
    const { calls } = mockFetch({ 'POST /api/auth/signin': () => json({ ok: true }) })
    const res = await api.post<{ ok: boolean }>('/api/auth/signin', { email: 'a@b.co', password: 'secret123' })
    expect(res).toEqual({ ok: true })
    const c = calls[0]!
    expect(c.init.credentials).toBe('same-origin')
    expect((c.init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect(JSON.parse(String(c.init.body))).toEqual({ email: 'a@b.co', password: 'secret123' })
  })

  it('returns undefined for 204', async () => {
    mockFetch({ 'POST /api/auth/signout': () => new Response(null, { status: 204 }) })
    await expect(request('POST', '/api/auth/signout')).resolves.toBeUndefined()
  })
})

describe('buildURL', () => {
  it.each([
    ['/api/p', undefined, '/api/p'],
    ['/api/p', {}, '/api/p'],
    ['/api/p', { difficulty: 'easy', q: '', page: 2, company: undefined, category: null }, '/api/p?difficulty=easy&page=2'],
    ['/api/p', { q: 'two sum&x=1' }, '/api/p?q=two+sum%26x%3D1'],
  ])('%s %j → %s', (path, query, want) => {
    expect(buildURL(path, query)).toBe(want)
  })
})

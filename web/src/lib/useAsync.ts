// A small loader hook: runs fn when deps change, cancels stale runs, and
// exposes loading/error/data plus reload. Enough for this app's reads.
import { useCallback, useEffect, useRef, useState } from 'react'

export interface AsyncState<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => void
}

export function useAsync<T>(fn: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const [loading, setLoading] = useState(true)
  const [nonce, setNonce] = useState(0)
  const fnRef = useRef(fn)
  fnRef.current = fn

  useEffect(() => {
    const ctrl = new AbortController()
    setLoading(true)
    setError(undefined)
    fnRef.current(ctrl.signal).then(
      (v) => {
        if (ctrl.signal.aborted) return
        setData(v)
        setLoading(false)
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return
        setError(err)
        setLoading(false)
      },
    )
    return () => ctrl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { data, error, loading, reload }
}

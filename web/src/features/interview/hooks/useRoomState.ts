import { useCallback, useEffect, useRef, useState } from 'react'
import { loadLayout, loadRoom, saveLayout, saveRoom, type RoomLayout, type RoomState } from '../roomState'

/** The session's room state, saved in this browser on every change. */
export function useRoomState(id: string): [RoomState, (change: Partial<RoomState>) => void] {
  const [state, setState] = useState<RoomState>(() => loadRoom(id))
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    saveRoom(id, state)
  }, [id, state])
  const update = useCallback((change: Partial<RoomState>) => setState((s) => ({ ...s, ...change })), [])
  return [state, update]
}

/** Pane sizes, remembered across sessions. */
export function useRoomLayout(): [RoomLayout, (change: Partial<RoomLayout>) => void] {
  const [layout, setLayout] = useState<RoomLayout>(loadLayout)
  const update = useCallback((change: Partial<RoomLayout>) => {
    setLayout((l) => {
      const next = { ...l, ...change }
      saveLayout(next)
      return next
    })
  }, [])
  return [layout, update]
}

// The room's voice: the hook and its panel, in a component of their own
// so that voice updates re-render the panel, not the room.
import { useEffect, useRef } from 'react'
import type { RealtimeClient } from '../../../lib/realtime'
import { useVoice } from './useVoice'
import { VoicePanel } from './VoicePanel'

export function VoiceControl({ client }: { client: RealtimeClient }) {
  const v = useVoice(client)
  const root = useRef<HTMLDivElement>(null)
  // Switched to text: bring the chat to hand, unless the candidate is busy elsewhere.
  const fallback = v.state.fallback && v.state.status === 'off'
  useEffect(() => {
    if (!fallback) return
    const a = document.activeElement
    if (!a || a === document.body || root.current?.contains(a)) document.getElementById('chat-input')?.focus()
  }, [fallback])
  return (
    <div ref={root}>
      <VoicePanel
        state={v.state}
        stats={v.stats}
        talking={v.talking}
        onStart={v.start}
        onConfirm={v.confirm}
        onCancel={v.cancel}
        onStop={v.stop}
        onMute={v.setMuted}
        onPushToTalk={v.setPushToTalk}
        onTalk={v.talk}
        subscribeLevel={v.subscribeLevel}
      />
    </div>
  )
}

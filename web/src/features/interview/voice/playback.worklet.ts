// The interviewer's voice: PCM16 at the model's output rate, resampled to
// the audio context's rate into a jitter buffer (jitter.ts). It reports
// how much audio it has played, and confirms a flush (barge-in) at once.
import { JitterBuffer } from './jitter'
import { pcm16ToFloat } from './pcm'
import { Resampler } from './resample'

export type PlaybackCommand = { type: 'rate'; rate: number } | { type: 'push'; pcm: ArrayBuffer } | { type: 'end' } | { type: 'flush' }

export interface PlaybackTick {
  type: 'tick' | 'flushed'
  /** Audio samples played since the worklet started (silence not counted). */
  total: number
  /** Samples waiting. */
  buffered: number
  playing: boolean
}

/** Audio to hold before playing: 60 ms. */
const PREBUFFER_MS = 60

class Playback extends AudioWorkletProcessor {
  private readonly buf = new JitterBuffer(Math.round((sampleRate * PREBUFFER_MS) / 1000))
  private rs: Resampler | null = null
  private total = 0
  private quanta = 0
  private was = false

  constructor() {
    super()
    this.port.onmessage = (e: MessageEvent<PlaybackCommand>) => {
      const m = e.data
      switch (m.type) {
        case 'rate':
          if (m.rate !== this.rs?.from) this.rs = new Resampler(m.rate, sampleRate)
          break
        case 'push':
          if (this.rs) this.buf.push(this.rs.process(pcm16ToFloat(m.pcm)))
          break
        case 'end':
          this.buf.end()
          break
        case 'flush':
          this.buf.flush()
          this.report('flushed', false)
          break
      }
    }
  }

  private report(type: PlaybackTick['type'], playing: boolean) {
    this.was = playing
    this.port.postMessage({ type, total: this.total, buffered: this.buf.buffered, playing } satisfies PlaybackTick)
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0]
    const ch = out?.[0]
    if (!out || !ch) return true
    const n = this.buf.pull(ch)
    for (let c = 1; c < out.length; c++) out[c]!.set(ch)
    this.total += n
    const playing = n > 0 || this.buf.buffered > 0
    // About every 10 ms while playing, and on every change.
    if (playing !== this.was || (playing && ++this.quanta % 4 === 0)) this.report('tick', playing)
    return true
  }
}

registerProcessor('mockroom-playback', Playback)

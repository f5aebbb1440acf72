// The microphone's worklet: mixes the input to mono, reports its level
// every 20 ms (the meter and the barge-in detector), and, once the page
// names the speech model's input rate, posts 20 ms PCM16 frames at it.
// Vite bundles it with its imports into one module (engine.ts).
import { Framer, Resampler, frameSamples } from './resample'

export type CaptureMessage = { type: 'level'; level: number } | { type: 'frame'; pcm: ArrayBuffer; level: number }

class Capture extends AudioWorkletProcessor {
  private rs: Resampler | null = null
  private framer: Framer | null = null
  private mono = new Float32Array(128)
  private readonly levelSize = frameSamples(sampleRate)
  private sum = 0
  private n = 0

  constructor() {
    super()
    this.port.onmessage = (e: MessageEvent<{ rate?: number }>) => {
      const rate = e.data.rate ?? 0
      if (rate > 0 && rate !== this.rs?.to) {
        this.rs = new Resampler(sampleRate, rate)
        this.framer = new Framer(frameSamples(rate))
      } else if (rate <= 0) {
        this.rs = null
        this.framer = null
      }
    }
  }

  process(inputs: Float32Array[][]): boolean {
    const chans = inputs[0]
    if (!chans || chans.length === 0) return true
    const len = chans[0]!.length
    if (this.mono.length !== len) this.mono = new Float32Array(len)
    const x = this.mono
    x.set(chans[0]!)
    if (chans.length > 1) {
      for (let c = 1; c < chans.length; c++) for (let i = 0; i < len; i++) x[i]! += chans[c]![i]!
      for (let i = 0; i < len; i++) x[i]! /= chans.length
    }
    for (let i = 0; i < len; i++) {
      this.sum += x[i]! * x[i]!
      if (++this.n === this.levelSize) {
        this.port.postMessage({ type: 'level', level: Math.sqrt(this.sum / this.n) } satisfies CaptureMessage)
        this.sum = 0
        this.n = 0
      }
    }
    if (this.rs && this.framer) {
      for (const f of this.framer.push(this.rs.process(x))) this.port.postMessage({ type: 'frame', pcm: f.pcm, level: f.level } satisfies CaptureMessage, [f.pcm])
    }
    return true
  }
}

registerProcessor('mockroom-capture', Capture)

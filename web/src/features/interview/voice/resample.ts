// A streaming resampler and a 20 ms framer: the capture worklet turns the
// audio context's rate (44.1 or 48 kHz, whatever the device gives) into
// the speech model's input rate (16 or 24 kHz) in whole protocol frames.
// Pure and stateful across chunks, so a stream cut anywhere resamples the
// same as in one piece.
import { floatToPcm16, rms } from './pcm'

/**
 * Linear interpolation between input samples; when it lowers the rate, a
 * low-pass (two cascaded biquads at 0.45 of the new rate) first removes
 * what the new rate cannot carry, so it does not fold back as noise.
 */
export class Resampler {
  readonly from: number
  readonly to: number
  private readonly step: number // input samples per output sample
  private t = 0 // where the next output sample falls, relative to the next chunk's first sample (-1 < t)
  private prev = 0 // the previous chunk's last (filtered) sample, at position -1
  private readonly filters: Biquad[]

  constructor(from: number, to: number) {
    if (!(from > 0 && to > 0)) throw new Error(`resampler: rates must be positive (${from} → ${to})`)
    this.from = from
    this.to = to
    this.step = from / to
    this.filters = to < from ? [Biquad.lowPass(from, 0.45 * to), Biquad.lowPass(from, 0.45 * to)] : []
  }

  process(input: ArrayLike<number>): Float32Array {
    const n = input.length
    if (n === 0) return new Float32Array(0)
    let x: ArrayLike<number> = input
    if (this.from === this.to) {
      return Float32Array.from(input)
    }
    for (const f of this.filters) x = f.run(x)
    const out = new Float32Array(Math.max(0, Math.ceil((n - 1 - this.t) / this.step) + 1))
    let k = 0
    let t = this.t
    while (t <= n - 1) {
      const i = Math.floor(t)
      const frac = t - i
      const a = i < 0 ? this.prev : x[i]!
      const b = frac === 0 ? a : x[i + 1]!
      out[k++] = a + (b - a) * frac
      t += this.step
    }
    this.t = t - n
    this.prev = x[n - 1]!
    return k === out.length ? out : out.slice(0, k)
  }
}

/** A biquad low-pass (RBJ cookbook, Q = 1/√2), direct form I. */
class Biquad {
  private x1 = 0
  private x2 = 0
  private y1 = 0
  private y2 = 0
  private constructor(
    private readonly b0: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly a1: number,
    private readonly a2: number,
  ) {}

  static lowPass(rate: number, cutoff: number): Biquad {
    const w = (2 * Math.PI * cutoff) / rate
    const alpha = Math.sin(w) / (2 * Math.SQRT1_2)
    const cos = Math.cos(w)
    const a0 = 1 + alpha
    return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0)
  }

  run(x: ArrayLike<number>): Float32Array {
    const y = new Float32Array(x.length)
    for (let i = 0; i < x.length; i++) {
      const v = this.b0 * x[i]! + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2
      this.x2 = this.x1
      this.x1 = x[i]!
      this.y2 = this.y1
      this.y1 = v
      y[i] = v
    }
    return y
  }
}

/** One protocol frame: PCM16 LE bytes and the frame's loudness (RMS of the floats). */
export interface Frame {
  pcm: ArrayBuffer
  level: number
}

/** Samples in one 20 ms frame at rate. */
export const frameSamples = (rate: number) => Math.round((rate * 20) / 1000)

/** Collects samples into whole frames of a fixed length. */
export class Framer {
  private readonly buf: Float32Array
  private fill = 0

  constructor(readonly size: number) {
    if (!(size > 0)) throw new Error('framer: size must be positive')
    this.buf = new Float32Array(size)
  }

  push(samples: ArrayLike<number>): Frame[] {
    const out: Frame[] = []
    for (let i = 0; i < samples.length; ) {
      const take = Math.min(this.size - this.fill, samples.length - i)
      for (let j = 0; j < take; j++) this.buf[this.fill + j] = samples[i + j]!
      this.fill += take
      i += take
      if (this.fill === this.size) {
        out.push({ pcm: floatToPcm16(this.buf), level: rms(this.buf) })
        this.fill = 0
      }
    }
    return out
  }

  /** Drops a partial frame (the rate changed, or capture paused). */
  reset() {
    this.fill = 0
  }
}

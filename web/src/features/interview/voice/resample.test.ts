import { describe, expect, it } from 'vitest'
import { Framer, Resampler, frameSamples } from './resample'
import { pcm16ToFloat, rms } from './pcm'

const sine = (rate: number, freq: number, n: number, amp = 0.5) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate))

/** Zero crossings per second of x at rate: twice the frequency of a sine. */
function crossings(x: Float32Array, rate: number) {
  let c = 0
  for (let i = 1; i < x.length; i++) if ((x[i - 1]! < 0) !== (x[i]! < 0)) c++
  return (c * rate) / x.length
}

describe('Resampler', () => {
  it.each([
    { from: 48000, to: 24000 },
    { from: 48000, to: 16000 },
    { from: 44100, to: 24000 },
    { from: 44100, to: 16000 },
    { from: 16000, to: 24000 },
    { from: 24000, to: 24000 },
  ])('$from → $to: length, loudness and pitch are kept', ({ from, to }) => {
    const r = new Resampler(from, to)
    const x = sine(from, 440, from) // one second
    // In the worklet's 128-sample pieces.
    const parts: Float32Array[] = []
    for (let i = 0; i < x.length; i += 128) parts.push(r.process(x.subarray(i, i + 128)))
    const y = Float32Array.from(parts.flatMap((p) => [...p]))
    expect(Math.abs(y.length - to)).toBeLessThanOrEqual(1)
    // Skip the filter's first milliseconds.
    const steady = y.subarray(Math.round(to / 50))
    expect(rms(steady)).toBeCloseTo(0.5 * Math.SQRT1_2, 1)
    expect(crossings(steady, to)).toBeGreaterThan(2 * 440 - 5)
    expect(crossings(steady, to)).toBeLessThan(2 * 440 + 5)
  })

  it('gives the same samples however the stream is cut', () => {
    const x = sine(44100, 300, 4410)
    const whole = new Resampler(44100, 16000).process(x)
    const r = new Resampler(44100, 16000)
    const cut = [...r.process(x.subarray(0, 1)), ...r.process(x.subarray(1, 1000)), ...r.process(x.subarray(1000, 1001)), ...r.process(x.subarray(1001))]
    expect(cut.length).toBe(whole.length)
    cut.forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 5))
  })

  it('removes what the lower rate cannot carry instead of folding it back', () => {
    // 15 kHz at 48 kHz, taken down to 16 kHz (Nyquist 8 kHz), would alias to 1 kHz.
    const y = new Resampler(48000, 16000).process(sine(48000, 15000, 48000))
    expect(rms(y.subarray(1600))).toBeLessThan(0.02)
  })

  it('refuses a zero rate', () => {
    expect(() => new Resampler(0, 16000)).toThrow()
  })
})

describe('Framer', () => {
  it.each([
    { rate: 16000, want: 320 },
    { rate: 24000, want: 480 },
    { rate: 48000, want: 960 },
  ])('a 20 ms frame at $rate Hz is $want samples', ({ rate, want }) => {
    expect(frameSamples(rate)).toBe(want)
  })

  it('emits whole 20 ms frames of PCM16 with their level, keeping the remainder', () => {
    const f = new Framer(frameSamples(24000))
    expect(f.push(new Float32Array(300).fill(0.5))).toHaveLength(0)
    const frames = f.push(new Float32Array(1000).fill(0.5)) // 1300 in all: two frames, 340 left
    expect(frames).toHaveLength(2)
    for (const fr of frames) {
      expect(fr.pcm.byteLength).toBe(960)
      expect(fr.level).toBeCloseTo(0.5, 5)
      expect(pcm16ToFloat(fr.pcm)[0]).toBeCloseTo(0.5, 3)
    }
    expect(f.push(new Float32Array(140))).toHaveLength(1)
    f.push(new Float32Array(100))
    f.reset()
    expect(f.push(new Float32Array(479))).toHaveLength(0)
  })
})

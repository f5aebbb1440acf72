import { describe, expect, it } from 'vitest'
import { floatToPcm16, pcm16ToFloat, rms, samplesToMs } from './pcm'

describe('floatToPcm16', () => {
  it.each([
    { name: 'silence', in: [0], want: [0] },
    { name: 'full scale both ways', in: [1, -1], want: [32767, -32768] },
    { name: 'clips beyond full scale', in: [1.5, -2], want: [32767, -32768] },
    { name: 'half scale rounds', in: [0.5, -0.5], want: [16384, -16384] },
  ])('$name', ({ in: x, want }) => {
    const buf = floatToPcm16(x)
    expect(buf.byteLength).toBe(x.length * 2)
    const view = new DataView(buf)
    expect(want.map((_, i) => view.getInt16(i * 2, true))).toEqual(want)
  })

  it('writes little-endian bytes', () => {
    // 0x0102 = 258 → bytes 02 01.
    const buf = floatToPcm16([258 / 32767])
    expect([...new Uint8Array(buf)]).toEqual([0x02, 0x01])
  })
})

describe('pcm16ToFloat', () => {
  it('reads little-endian samples and inverts floatToPcm16 within one step', () => {
    const x = [0, 0.25, -0.25, 0.999, -1]
    const y = pcm16ToFloat(floatToPcm16(x))
    x.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 4))
  })
  it('ignores an odd trailing byte', () => {
    expect(pcm16ToFloat(new Uint8Array([0, 0x40, 7]).buffer).length).toBe(1)
  })
})

describe('rms', () => {
  it.each([
    { name: 'empty', in: [] as number[], want: 0 },
    { name: 'silence', in: [0, 0, 0], want: 0 },
    { name: 'square wave', in: [0.5, -0.5, 0.5, -0.5], want: 0.5 },
    { name: 'full sine', in: Array.from({ length: 480 }, (_, i) => Math.sin((2 * Math.PI * i) / 48)), want: Math.SQRT1_2 },
  ])('$name', ({ in: x, want }) => {
    expect(rms(x)).toBeCloseTo(want, 5)
  })
})

describe('samplesToMs', () => {
  it.each([
    [480, 24000, 20],
    [320, 16000, 20],
    [24000, 24000, 1000],
    [5, 0, 0],
  ])('%i samples at %i Hz is %i ms', (n, rate, ms) => {
    expect(samplesToMs(n, rate)).toBe(ms)
  })
})

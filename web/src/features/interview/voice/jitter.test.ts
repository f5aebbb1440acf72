import { describe, expect, it } from 'vitest'
import { JitterBuffer } from './jitter'

const chunk = (n: number, v = 0.5) => new Float32Array(n).fill(v)

/** Pulls quanta of 128 and returns the audio samples each wrote. */
function pulls(b: JitterBuffer, times: number) {
  const out = new Float32Array(128)
  return Array.from({ length: times }, () => b.pull(out))
}

describe('JitterBuffer', () => {
  it('waits for the prebuffer, plays silence meanwhile, then plays it all in order', () => {
    const b = new JitterBuffer(1440) // 60 ms at 24 kHz
    b.push(chunk(1000, 0.1))
    const out = new Float32Array(128).fill(9)
    expect(b.pull(out)).toBe(0)
    expect(out.every((v) => v === 0)).toBe(true)
    expect(b.playing).toBe(false)
    b.push(chunk(1000, 0.2))
    expect(b.playing).toBe(true)
    const got = pulls(b, 16)
    expect(got.reduce((a, n) => a + n, 0)).toBe(2000)
    expect(got.slice(0, 15).every((n) => n === 128)).toBe(true)
    expect(b.buffered).toBe(0)
  })

  it('keeps the samples in order across chunk boundaries', () => {
    const b = new JitterBuffer(3)
    b.push(Float32Array.from([1, 2]))
    b.push(Float32Array.from([3, 4, 5]))
    const out = new Float32Array(4)
    expect(b.pull(out)).toBe(4)
    expect([...out]).toEqual([1, 2, 3, 4])
    expect(b.pull(out)).toBe(1)
    expect([...out]).toEqual([5, 0, 0, 0])
  })

  it('after an underrun plays silence and buffers again', () => {
    const b = new JitterBuffer(256)
    b.push(chunk(300))
    expect(pulls(b, 3)).toEqual([128, 128, 44])
    b.push(chunk(200)) // under the prebuffer: waits
    expect(pulls(b, 1)).toEqual([0])
    b.push(chunk(100))
    expect(pulls(b, 3)).toEqual([128, 128, 44])
  })

  it('plays a short tail at once when the answer ended', () => {
    const b = new JitterBuffer(1440)
    b.push(chunk(200))
    expect(pulls(b, 1)).toEqual([0])
    b.end()
    expect(pulls(b, 2)).toEqual([128, 72])
  })

  it('flushes at once (barge-in) and says how much it dropped', () => {
    const b = new JitterBuffer(100)
    b.push(chunk(1000))
    pulls(b, 2)
    expect(b.flush()).toBe(744)
    expect(b.buffered).toBe(0)
    expect(b.playing).toBe(false)
    expect(pulls(b, 1)).toEqual([0])
    // The next answer prebuffers again.
    b.push(chunk(50))
    expect(pulls(b, 1)).toEqual([0])
  })
})

// PCM16 little-endian mono, the realtime protocol's audio: conversions to
// and from the Web Audio API's float samples, and a loudness measure.
// Pure, so the audio worklets and the unit tests share it.

/** Float samples in [-1, 1] to PCM16 (clipped), little-endian bytes. */
export function floatToPcm16(src: ArrayLike<number>): ArrayBuffer {
  const buf = new ArrayBuffer(src.length * 2)
  const view = new DataView(buf)
  for (let i = 0; i < src.length; i++) {
    const s = Math.max(-1, Math.min(1, src[i]!))
    // Asymmetric scale: -1 maps to -32768 and 1 to 32767, both exactly.
    view.setInt16(i * 2, s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff), true)
  }
  return buf
}

/** PCM16 little-endian bytes (an odd trailing byte is ignored) to float samples. */
export function pcm16ToFloat(buf: ArrayBuffer): Float32Array<ArrayBuffer> {
  const view = new DataView(buf)
  const n = buf.byteLength >> 1
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const v = view.getInt16(i * 2, true)
    out[i] = v < 0 ? v / 0x8000 : v / 0x7fff
  }
  return out
}

/** Root mean square of float samples: 0 for silence, ~0.707 for a full-scale sine. */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0
  let sum = 0
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!
  return Math.sqrt(sum / samples.length)
}

/** Milliseconds of audio in n samples at rate. */
export const samplesToMs = (n: number, rate: number) => (rate > 0 ? Math.round((n * 1000) / rate) : 0)

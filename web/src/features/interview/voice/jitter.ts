// The playback worklet's jitter buffer: the interviewer's audio arrives in
// bursts (the model streams faster than real time, the network bunches
// frames), the sound card pulls 128 samples at a time. Playback starts
// once a little is buffered, an underrun plays silence and buffers again,
// and a flush drops everything at once (barge-in). Pure, for the tests.

export class JitterBuffer {
  private chunks: Float32Array[] = []
  private offset = 0 // read position in chunks[0]
  private size = 0
  private started = false

  /** prebuffer: samples to hold before playing (or after an underrun). */
  constructor(readonly prebuffer: number) {}

  /** Samples waiting to be played. */
  get buffered(): number {
    return this.size
  }

  /** Whether the next pull plays audio rather than waits. */
  get playing(): boolean {
    return this.started && this.size > 0
  }

  push(samples: Float32Array) {
    if (samples.length === 0) return
    this.chunks.push(samples)
    this.size += samples.length
    if (this.size >= this.prebuffer) this.started = true
  }

  /** The answer's audio is all here: play out the rest without waiting for more. */
  end() {
    if (this.size > 0) this.started = true
  }

  /** Drops everything at once; returns how many samples were dropped. */
  flush(): number {
    const dropped = this.size
    this.chunks = []
    this.offset = 0
    this.size = 0
    this.started = false
    return dropped
  }

  /** Fills out with audio, silence where there is none; returns the audio samples written. */
  pull(out: Float32Array): number {
    let n = 0
    if (this.started) {
      while (n < out.length && this.chunks.length > 0) {
        const c = this.chunks[0]!
        const take = Math.min(out.length - n, c.length - this.offset)
        out.set(c.subarray(this.offset, this.offset + take), n)
        n += take
        this.offset += take
        if (this.offset === c.length) {
          this.chunks.shift()
          this.offset = 0
        }
      }
      this.size -= n
      if (this.size === 0) {
        // Drained: an answer that ended is over; one still arriving underran
        // and waits for the prebuffer again rather than stuttering.
        this.started = false
      }
    }
    out.fill(0, n)
    return n
  }
}

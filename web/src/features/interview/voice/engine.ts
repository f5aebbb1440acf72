// The spoken interview's audio: the microphone through the capture worklet
// (20 ms PCM16 frames at the model's input rate, and a level), and the
// interviewer's voice through the playback worklet (a jitter buffer). One
// AudioContext at the device's rate serves both, so echo cancellation sees
// what is played. Both worklets are bundled by Vite as module assets on
// this origin; nothing comes from a CDN.
import captureURL from './capture.worklet.ts?worker&url'
import playbackURL from './playback.worklet.ts?worker&url'
import type { CaptureMessage } from './capture.worklet'
import type { PlaybackCommand, PlaybackTick } from './playback.worklet'

export interface EngineEvents {
  /** One 20 ms microphone frame, PCM16 LE mono at the input rate. */
  frame?: (pcm: ArrayBuffer) => void
  /** The microphone's loudness (RMS, 0..1) every 20 ms. */
  level?: (level: number) => void
  /** The interviewer's voice started or stopped playing. */
  speaking?: (on: boolean) => void
  /** A flush took effect in the audio thread, at performance.now() `at`. */
  flushed?: (at: number) => void
}

export type MicProblem = 'denied' | 'missing' | 'busy' | 'unsupported' | 'other'

/** Why the microphone could not be opened. */
export class MicError extends Error {
  constructor(
    readonly problem: MicProblem,
    message: string,
  ) {
    super(message)
  }
}

/** The candidate's getUserMedia constraints: the browser cleans the voice up. */
export const MIC_CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
}

function micProblem(err: unknown): MicProblem {
  const name = (err as { name?: string } | null)?.name ?? ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing'
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'busy'
  return 'other'
}

export class VoiceEngine {
  private readonly ctx: AudioContext
  private stream: MediaStream | null = null
  private source: MediaStreamAudioSourceNode | null = null
  private capture: AudioWorkletNode | null = null
  private playback: AudioWorkletNode | null = null
  private closed = false
  private inputRate = 0
  private outputRate = 0
  // The playback worklet's latest report, and when it came.
  private tick: PlaybackTick = { type: 'tick', total: 0, buffered: 0, playing: false }
  private tickAt = 0
  private answerBase = 0 // tick.total where the current answer began

  /**
   * Makes the audio context: call it in the click that starts voice (a
   * browser lets a page make sound only after a gesture), then open().
   */
  constructor(private readonly on: EngineEvents) {
    const Ctx = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
    if (!Ctx || typeof AudioWorkletNode === 'undefined') throw new MicError('unsupported', 'this browser has no AudioWorklet')
    this.ctx = new Ctx({ latencyHint: 'interactive' })
    void this.ctx.resume().catch(() => {})
  }

  /** Asks for the microphone (the browser's prompt) and starts both worklets. */
  async open(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) throw new MicError('unsupported', 'no getUserMedia (voice needs HTTPS)')
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia(MIC_CONSTRAINTS)
    } catch (err) {
      throw new MicError(micProblem(err), String((err as Error)?.message ?? err))
    }
    if (this.closed) {
      stream.getTracks().forEach((t) => t.stop())
      return
    }
    this.stream = stream
    await Promise.all([this.ctx.audioWorklet.addModule(captureURL), this.ctx.audioWorklet.addModule(playbackURL)])
    if (this.closed) return
    this.source = this.ctx.createMediaStreamSource(stream)
    // One output, silent, so the graph pulls the worklet.
    this.capture = new AudioWorkletNode(this.ctx, 'mockroom-capture', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] })
    this.capture.port.onmessage = (e: MessageEvent<CaptureMessage>) => {
      if (e.data.type === 'level') this.on.level?.(e.data.level)
      else this.on.frame?.(e.data.pcm)
    }
    this.source.connect(this.capture).connect(this.ctx.destination)
    this.playback = new AudioWorkletNode(this.ctx, 'mockroom-playback', { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1] })
    this.playback.port.onmessage = (e: MessageEvent<PlaybackTick>) => this.onTick(e.data)
    this.playback.connect(this.ctx.destination)
    if (this.inputRate) this.setInputRate(this.inputRate)
    if (this.outputRate) this.setOutputRate(this.outputRate)
    await this.ctx.resume().catch(() => {})
  }

  private onTick(t: PlaybackTick) {
    const was = this.tick.playing
    this.tick = t
    this.tickAt = performance.now()
    if (t.type === 'flushed') this.on.flushed?.(this.tickAt)
    if (was !== t.playing) this.on.speaking?.(t.playing)
  }

  /** The speech model's input rate: frames start (or change rate). */
  setInputRate(rate: number) {
    this.inputRate = rate
    this.capture?.port.postMessage({ rate })
  }

  setOutputRate(rate: number) {
    this.outputRate = rate
    this.send({ type: 'rate', rate })
  }

  /** Mutes the microphone itself: no frames, no level, no barge-in. */
  setMuted(muted: boolean) {
    this.stream?.getAudioTracks().forEach((t) => (t.enabled = !muted))
  }

  private send(c: PlaybackCommand, transfer: Transferable[] = []) {
    this.playback?.port.postMessage(c, transfer)
  }

  /** The first audio of a new answer is about to be played. */
  newAnswer() {
    // Back to back with an answer still playing, this one starts after it.
    this.answerBase = this.estimate() + (this.tick.playing ? this.pendingSamples() : 0)
  }

  /** Queues interviewer audio (PCM16 LE at the output rate). */
  play(pcm: ArrayBuffer) {
    this.send({ type: 'push', pcm }, [pcm])
  }

  /** The answer's audio is complete: play out the tail without waiting. */
  endAnswer() {
    this.send({ type: 'end' })
  }

  /** Stops the interviewer's voice at once; returns the ms of the current answer played. */
  stopPlayback(): number {
    const played = this.answerPlayedMs()
    this.send({ type: 'flush' })
    // Until the worklet confirms, count nothing more as played.
    this.tick = { ...this.tick, total: this.estimate(), buffered: 0 }
    this.tickAt = performance.now()
    this.answerBase = this.tick.total
    return played
  }

  /** Whether the interviewer's voice is playing or queued. */
  get speaking(): boolean {
    return this.tick.playing
  }

  /** All of the interviewer's audio played so far, in ms. */
  get playedMs(): number {
    return Math.round((this.estimate() * 1000) / this.ctx.sampleRate)
  }

  answerPlayedMs(): number {
    return Math.max(0, Math.round(((this.estimate() - this.answerBase) * 1000) / this.ctx.sampleRate))
  }

  private pendingSamples() {
    return Math.max(0, this.tick.buffered - (this.estimate() - this.tick.total))
  }

  /** Samples played now: the last report plus the time since, within what was buffered. */
  private estimate(): number {
    if (!this.tick.playing || !this.tickAt) return this.tick.total
    const since = ((performance.now() - this.tickAt) * this.ctx.sampleRate) / 1000
    return this.tick.total + Math.min(this.tick.buffered, Math.max(0, Math.round(since)))
  }

  /** Releases the microphone and the audio context. */
  close() {
    if (this.closed) return
    this.closed = true
    this.stream?.getTracks().forEach((t) => t.stop())
    this.source?.disconnect()
    this.capture?.disconnect()
    this.playback?.disconnect()
    if (this.capture) this.capture.port.onmessage = null
    if (this.playback) this.playback.port.onmessage = null
    if (this.tick.playing) this.on.speaking?.(false)
    void this.ctx.close().catch(() => {})
  }
}

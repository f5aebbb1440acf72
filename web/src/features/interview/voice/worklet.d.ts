// The AudioWorkletGlobalScope, which TypeScript's DOM library leaves out:
// just what the two worklets use.
declare const sampleRate: number
declare function registerProcessor(name: string, ctor: new (options: AudioWorkletNodeOptions) => AudioWorkletProcessor): void
declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort
  constructor(options?: AudioWorkletNodeOptions)
  abstract process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean
}

import { api } from '../../lib/api'
import type { ReferenceSolution, View } from '../../lib/api.gen'
import type { Report, Session, SessionView, Snapshot, TranscriptLine } from './types'

const base = (id: string) => `/api/sessions/${encodeURIComponent(id)}`

export const getSessionView = (id: string, signal?: AbortSignal) => api.get<SessionView>(base(id), undefined, signal)

/** Switches the language; code (the editor's text) is kept for the language left. Answers with the new view. */
export const switchLanguage = (id: string, language: string, code?: string) => api.patch<SessionView>(base(id), { language, code })

export const endSession = (id: string) => api.post<Session>(`${base(id)}/end`)

export const saveCode = (id: string, code: string, language: string) =>
  api.post<{ saved: boolean }>(`${base(id)}/code`, { code, language })

export const takeHint = (id: string) => api.post<{ hint: string; hints_used: number }>(`${base(id)}/hint`)

export const postChat = (id: string, text: string) => api.post<{ transcript: TranscriptLine[] }>(`${base(id)}/chat`, { text })

export async function getTranscript(id: string, signal?: AbortSignal): Promise<TranscriptLine[]> {
  const res = await api.get<{ transcript: TranscriptLine[] | null }>(`${base(id)}/transcript`, undefined, signal)
  return res.transcript ?? []
}

export async function getSnapshots(id: string, signal?: AbortSignal): Promise<Snapshot[]> {
  const res = await api.get<{ snapshots: Snapshot[] | null }>(`${base(id)}/snapshots`, undefined, signal)
  return res.snapshots ?? []
}

export interface ExecuteInput {
  code: string
  language: string
  mode: 'run' | 'submit'
  /** Custom input for Run: a JSON object of the function's parameters. */
  stdin?: Record<string, unknown>
}

export const execute = (id: string, input: ExecuteInput) => api.post<Report>(`${base(id)}/execute`, input)

export const realtimeToken = (sessionId: string) =>
  api.post<{ token: string; ws_url: string; expires_in: number }>('/api/realtime/token', { session_id: sessionId })

/** The session's report: in_progress while it runs, pending while the evaluator works, then ready with the evaluation. */
export const getEvaluation = (id: string, signal?: AbortSignal) => api.get<View>(`${base(id)}/evaluation`, undefined, signal)

/** Where the browser downloads the session in the recorded-session format. */
export const exportURL = (id: string) => `${base(id)}/export`

/** The reference solution and editorial; the server answers 409 interview_in_progress until the interview ends. */
export const getSolution = (id: string, signal?: AbortSignal) => api.get<ReferenceSolution>(`${base(id)}/solution`, undefined, signal)

// The evaluator's report on an ended interview: the overall score and the
// recommendation (or, honestly, "insufficient evidence"), the radar, each
// dimension's feedback with its evidence linked to the transcript, strengths
// and improvements, the measured signals set apart from the judgement, what
// the session cost, and the written report. Also its waiting and error states.
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { ClipboardCheck, Download, Gauge, Scale } from 'lucide-react'
import type { Evaluation, Evidence, Signals, Usage, View } from '../../../lib/api.gen'
import { errorMessage, isApiError } from '../../../lib/api'
import { dimensionInfo, RECOMMENDATIONS } from '../../../lib/dimensions'
import { formatDuration, plural, titleCase } from '../../../lib/format'
import { Alert } from '../../../components/ui/Alert'
import { Spinner } from '../../../components/ui/Spinner'
import { clock, dollars, evidenceLine, scoreText } from '../report'
import type { TranscriptLine } from '../types'
import { exportURL } from '../api'
import { RadarChart } from './RadarChart'
import { GrowthChart } from './GrowthChart'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'
const muted = 'text-zinc-600 dark:text-zinc-400'

export function scoreTone(score: number | null): string {
  if (score === null) return 'text-zinc-600 dark:text-zinc-400'
  if (score >= 75) return 'text-emerald-700 dark:text-emerald-300'
  if (score >= 50) return 'text-amber-700 dark:text-amber-300'
  return 'text-red-700 dark:text-red-300'
}

/** One piece of evidence: a button to its moment in the transcript, or plain text for a measured total. */
function EvidenceItem({ ev, lines, onJump }: { ev: Evidence; lines: TranscriptLine[]; onJump: (seq: number) => void }) {
  const seq = ev.kind === 'signal' ? null : evidenceLine(ev, lines)
  const what = ev.quote ? `“${ev.quote}”` : ev.kind === 'run' ? 'a run' : ev.kind === 'snapshot' ? 'the code then' : 'the conversation'
  if (ev.kind === 'signal') {
    // A measured total: name what was measured ("hints used: 1").
    const name = (ev.ref ?? 'value').replace(/_/g, ' ')
    return (
      <li className={`text-xs ${muted}`}>
        Measured {name}: {ev.quote ?? '—'}
      </li>
    )
  }
  if (seq === null) {
    return (
      <li className={`text-xs ${muted}`}>
        {`${clock(ev.t_ms)} `}
        {what}
      </li>
    )
  }
  return (
    <li>
      <button
        type="button"
        data-testid="evidence"
        data-seq={seq}
        onClick={() => onJump(seq)}
        aria-label={`Go to ${clock(ev.t_ms)} in the transcript: ${ev.quote ?? ev.kind}`}
        className="inline-flex max-w-full items-baseline gap-1.5 rounded text-left text-xs text-indigo-700 hover:underline dark:text-indigo-300"
      >
        <span className="shrink-0 font-semibold tabular-nums">{clock(ev.t_ms)}</span>
        <span className="min-w-0 break-words">{what}</span>
      </button>
    </li>
  )
}

function EvidenceList({ evidence, lines, onJump }: { evidence: Evidence[]; lines: TranscriptLine[]; onJump: (seq: number) => void }) {
  if (evidence.length === 0) return null
  return (
    <ul className="mt-1.5 space-y-1" aria-label="Evidence">
      {evidence.map((ev, i) => (
        <EvidenceItem key={i} ev={ev} lines={lines} onJump={onJump} />
      ))}
    </ul>
  )
}

function complexityLine(s: Signals): string {
  if (!s.final_complexity) return 'not measured'
  return s.optimal_complexity ? `${s.final_complexity} (optimum ${s.optimal_complexity})` : s.final_complexity
}

/** What was measured, not judged: counts and facts from the session. */
export function MeasuredSignals({ signals: s }: { signals: Signals }) {
  const rows: [string, string][] = [
    ['Hidden tests', s.submitted ? `${s.tests_passed} of ${s.tests_total} passed${s.accepted ? ' (accepted)' : ''}` : 'never submitted'],
    ['Runs and submits', `${plural(s.runs, 'run')}, ${plural(s.submits, 'submit')}`],
    ['Hints', `${s.hints_used} of ${s.hints_available}`],
    ['Time', formatDuration(s.duration_seconds) + ` of ${s.duration_minutes} min`],
    ['Complexity of the final code', complexityLine(s)],
    ...(s.measured_complexity ? [['Measured growth', s.measured_complexity] as [string, string]] : []),
    ['Final code', plural(s.final_code_lines, 'line')],
    ['You said', `${plural(s.candidate_words, 'word')} in ${plural(s.candidate_messages, 'message')}`],
    ['Clarifying questions', String(s.clarifying_questions)],
    ['Complexity discussed', s.complexity_discussed ? 'yes' : 'no'],
    ['Testing talked through', s.testing_discussed ? 'yes' : 'no'],
  ]
  return (
    <section aria-labelledby="measured-heading" className={card} data-testid="measured-signals">
      <h3 id="measured-heading" className="flex items-center gap-2 font-semibold">
        <Gauge className="size-4" aria-hidden="true" />
        Measured
      </h3>
      <p className={`mt-1 text-xs ${muted}`}>Counted from the session, not judged.</p>
      <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt className={muted}>{k}</dt>
            <dd className="font-medium">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

/** Minutes and seconds of audio, e.g. "2:05". */
function minutes(ms: number): string {
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** What the session's model calls and voice cost, per agent and speech model; an offline session says so. */
export function CostCard({ usage }: { usage: Usage }) {
  const voice = usage.voice ?? []
  const voiceCost = usage.voice_cost_micro_usd ?? 0
  return (
    <section aria-labelledby="cost-heading" className={card} data-testid="session-cost">
      <h3 id="cost-heading" className="font-semibold">
        What this session cost
      </h3>
      {usage.calls === 0 && voice.length === 0 ? (
        <p className={`mt-2 text-sm ${muted}`}>No model calls — offline. This session cost nothing to run.</p>
      ) : (
        <>
          <p className="mt-2 text-2xl font-semibold tabular-nums">{dollars(usage.cost_micro_usd + voiceCost)}</p>
          <p className={`text-xs ${muted}`}>
            {plural(usage.calls, 'model call')} · {usage.input_tokens.toLocaleString()} tokens in · {usage.output_tokens.toLocaleString()} out
            {voice.length > 0 && ` · voice ${dollars(voiceCost)}`}
          </p>
          {usage.by_agent.length > 0 && (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-xs">
                <thead className={muted}>
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">Agent</th>
                    <th scope="col" className="py-1 pr-3 font-medium">Model</th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">Calls</th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">Tokens in/out</th>
                    <th scope="col" className="py-1 text-right font-medium">Cost</th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {usage.by_agent.map((a) => (
                    <tr key={`${a.agent}-${a.provider}-${a.model}`} className="border-t border-zinc-200 dark:border-zinc-800">
                      <th scope="row" className="py-1 pr-3 font-medium">{titleCase(a.agent)}</th>
                      <td className="py-1 pr-3 break-all">{a.provider}/{a.model}</td>
                      <td className="py-1 pr-3 text-right">{a.calls}</td>
                      <td className="py-1 pr-3 text-right">
                        {a.input_tokens.toLocaleString()}/{a.output_tokens.toLocaleString()}
                      </td>
                      <td className="py-1 text-right">{dollars(a.cost_micro_usd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {voice.length > 0 && (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-xs" aria-label="Voice usage">
                <thead className={muted}>
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">Voice</th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">Connected</th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">Audio in/out</th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">Tokens in/out</th>
                    <th scope="col" className="py-1 text-right font-medium">Cost</th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {voice.map((v) => (
                    <tr key={`${v.provider}-${v.model}`} className="border-t border-zinc-200 dark:border-zinc-800">
                      <th scope="row" className="py-1 pr-3 font-medium break-all">{v.provider}/{v.model}</th>
                      <td className="py-1 pr-3 text-right">{minutes(v.connected_ms)}</td>
                      <td className="py-1 pr-3 text-right">
                        {minutes(v.audio_in_ms)}/{minutes(v.audio_out_ms)}
                      </td>
                      <td className="py-1 pr-3 text-right">
                        {v.input_tokens.toLocaleString()}/{v.output_tokens.toLocaleString()}
                      </td>
                      <td className="py-1 text-right">{dollars(v.cost_micro_usd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  )
}

function Findings({ title, items, lines, onJump, id }: { title: string; items: Evaluation['strengths']; lines: TranscriptLine[]; onJump: (seq: number) => void; id: string }) {
  return (
    <section aria-labelledby={id} className={card}>
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {items.length === 0 ? (
        <p className={`mt-2 text-sm ${muted}`}>Nothing the evidence supports.</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {items.map((f, i) => (
            <li key={i} className="text-sm" data-testid={`${id}-item`}>
              <p>{f.text}</p>
              <EvidenceList evidence={f.evidence} lines={lines} onJump={onJump} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The scored report. */
export function EvaluationBody({ evaluation: e, usage, lines, onJump }: { evaluation: Evaluation; usage: Usage; lines: TranscriptLine[]; onJump: (seq: number) => void }) {
  const insufficient = e.hiring_recommendation === 'insufficient-evidence'
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-5">
        <section aria-labelledby="overall-heading" className={`${card} lg:col-span-2`}>
          <h3 id="overall-heading" className="flex items-center gap-2 font-semibold">
            <Scale className="size-4" aria-hidden="true" />
            Assessment
          </h3>
          <div className="mt-3 flex flex-wrap items-end gap-x-6 gap-y-2">
            <div>
              <p className={`text-xs ${muted}`}>Overall</p>
              <p data-testid="overall-score" className={`text-4xl font-semibold tabular-nums ${scoreTone(e.overall_score)}`}>
                {e.overall_score === null ? '—' : Math.round(e.overall_score)}
                {e.overall_score !== null && <span className={`text-base font-normal ${muted}`}>/100</span>}
              </p>
            </div>
            <div>
              <p className={`text-xs ${muted}`}>Recommendation</p>
              <p data-testid="recommendation" data-value={e.hiring_recommendation} className="text-lg font-semibold">
                {RECOMMENDATIONS[e.hiring_recommendation] ?? e.hiring_recommendation}
              </p>
            </div>
          </div>
          {(insufficient || e.overall_score === null) && (
            <p data-testid="insufficient-note" className={`mt-2 text-sm ${muted}`}>
              There was too little in this session to judge fairly, so no score is given where the evidence is thin. Talk through your thinking and run your code next
              time, and the report will have something to go on.
            </p>
          )}
          <RadarChart dimensions={e.dimensions} />
          <p className={`text-xs ${muted}`}>
            Judged by {e.evaluator === 'offline' ? 'the offline evaluator (rules over measured signals)' : e.evaluator}.
          </p>
        </section>
        <section aria-labelledby="dims-heading" className={`${card} lg:col-span-3`}>
          <h3 id="dims-heading" className="font-semibold">
            Dimensions
          </h3>
          <ul className="mt-3 space-y-4">
            {e.dimensions.map((d) => (
              <li key={d.key} data-testid="dimension" data-key={d.key}>
                <div className="flex items-baseline justify-between gap-3">
                  <h4 className="font-medium">
                    {dimensionInfo(d.key)?.label ?? d.key} <span className={`text-xs font-normal ${muted}`}>{Math.round(d.weight * 100)} %</span>
                  </h4>
                  <span className={`text-sm font-semibold tabular-nums ${scoreTone(d.score)}`}>{d.score === null ? 'Insufficient evidence' : `${scoreText(d.score)}/100`}</span>
                </div>
                <div className="mt-1 h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden="true">
                  {d.score !== null && <div className="h-full rounded-full bg-indigo-600 dark:bg-indigo-400" style={{ width: `${Math.max(0, Math.min(100, d.score))}%` }} />}
                </div>
                <p className="mt-1.5 text-sm">{d.feedback}</p>
                <EvidenceList evidence={d.evidence} lines={lines} onJump={onJump} />
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Findings id="strengths" title="Strengths" items={e.strengths} lines={lines} onJump={onJump} />
        <Findings id="improvements" title="To improve" items={e.improvements} lines={lines} onJump={onJump} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <MeasuredSignals signals={e.signals} />
        <CostCard usage={usage} />
      </div>
      {e.detailed_report.trim() && (
        <details className={card}>
          <summary className="cursor-pointer font-semibold">The written report</summary>
          {/* react-markdown builds elements, never HTML strings; skipHtml drops raw HTML in the text. */}
          <div className="markdown mt-3 text-sm" data-testid="written-report">
            <Markdown remarkPlugins={[remarkGfm]} skipHtml>
              {e.detailed_report}
            </Markdown>
          </div>
        </details>
      )}
    </div>
  )
}

/** The whole evaluation section: waiting, failed, still running, or the report. */
export function EvaluationSection({
  sessionId,
  view,
  error,
  waitingLong,
  retry,
  lines,
  onJump,
}: {
  sessionId: string
  view: View | undefined
  error: unknown
  waitingLong: boolean
  retry: () => void
  lines: TranscriptLine[]
  onJump: (seq: number) => void
}) {
  const status = error ? 'error' : (view?.status ?? 'loading')
  return (
    <section aria-labelledby="eval-heading" data-testid="evaluation" data-status={status} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="eval-heading" className="flex items-center gap-2 text-lg font-semibold">
          <ClipboardCheck className="size-5" aria-hidden="true" />
          Your report
        </h2>
        <a
          href={exportURL(sessionId)}
          download
          className="inline-flex items-center gap-1.5 rounded text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          <Download className="size-4" aria-hidden="true" />
          Export session (JSON)
        </a>
      </div>
      {error ? (
        <Alert>
          {isApiError(error, 'not_found')
            ? 'This server has no reports yet. Your tests, code and transcript are below.'
            : `${errorMessage(error)} Your code and transcript are safe; the report is kept once it is written.`}{' '}
          <button type="button" className="font-semibold underline" onClick={retry}>
            Try again
          </button>
        </Alert>
      ) : !view ? (
        <div className={`${card} flex items-center gap-3 text-sm ${muted}`}>
          <Spinner className="size-4" label="Loading the report" />
          Loading the report…
        </div>
      ) : view.status === 'in_progress' ? (
        <div className={`${card} text-sm ${muted}`}>The interview is still running. Your report is written when it ends.</div>
      ) : view.status === 'pending' || !view.evaluation ? (
        <div className={card} data-testid="evaluation-pending">
          <p className="flex items-center gap-2 font-medium" role="status">
            <Spinner className="size-4" label="" />
            Your interviewer is writing your report…
          </p>
          <div className="mt-3 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-label="Writing the report">
            <div className="h-full w-1/3 animate-pulse rounded-full bg-indigo-600 dark:bg-indigo-400" />
          </div>
          <p className={`mt-2 text-sm ${muted}`}>
            {waitingLong
              ? 'This is taking longer than usual. The page keeps checking; you can also leave and open it later from your dashboard.'
              : 'This page updates itself when it is ready. Meanwhile your tests, code and transcript are below.'}
          </p>
          <div className="mt-4">
            <CostCard usage={view.usage} />
          </div>
        </div>
      ) : (
        <EvaluationBody evaluation={view.evaluation} usage={view.usage} lines={lines} onJump={onJump} />
      )}
      {view?.efficiency && <GrowthChart measurement={view.efficiency} />}
    </section>
  )
}

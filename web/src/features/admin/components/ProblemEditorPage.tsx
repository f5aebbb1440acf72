import { useEffect, useState, type ReactNode } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { errorMessage, isApiError } from '../../../lib/api'
import type { ProblemView } from '../../../lib/api.gen'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Alert } from '../../../components/ui/Alert'
import { Button } from '../../../components/ui/Button'
import { inputClass } from '../../../components/ui/Field'
import { PageSpinner } from '../../../components/ui/Spinner'
import { createProblem, exportProblem, getAdminProblem, saveProblem } from '../api'
import { downloadFolder } from '../download'
import { blankForm, fromForm, LANGUAGES, PATTERNS, toForm, type Form, type TestRow } from '../editor'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'
const area = inputClass + ' font-mono text-xs'

function Labelled({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="block">
      <span className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
      {children}
      {hint && <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">{hint}</span>}
    </label>
  )
}

/** Create (slug "new") or edit a problem; Save keeps a draft, Publish verifies it first. */
export function ProblemEditorPage() {
  const { slug = 'new' } = useParams()
  const isNew = slug === 'new'
  // /admin/problems/new?from=SLUG starts from a copy of another problem.
  const [params] = useSearchParams()
  const from = isNew ? params.get('from') : null
  useDocumentTitle(isNew ? 'Admin · New problem' : `Admin · ${slug}`)
  const navigate = useNavigate()
  const [view, setView] = useState<ProblemView | null>(null)
  const [form, setForm] = useState<Form | null>(isNew ? blankForm() : null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [busy, setBusy] = useState<'' | 'save' | 'publish' | 'export'>('')
  const [msg, setMsg] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)
  const [lang, setLang] = useState<string>('python')

  useEffect(() => {
    if (isNew && !from) {
      setView(null)
      setForm(blankForm())
      return
    }
    const ctrl = new AbortController()
    getAdminProblem(from ?? slug, ctrl.signal).then(
      (v) => {
        if (from) {
          setView(null)
          setForm({ ...toForm(v.source), slug: `${v.source.slug}-copy`, title: `${v.source.title} (copy)` })
          return
        }
        setView(v)
        setForm(toForm(v.source))
      },
      (err: unknown) => !ctrl.signal.aborted && setLoadError(err),
    )
    return () => ctrl.abort()
  }, [slug, isNew, from])

  if (loadError) return <Alert>{errorMessage(loadError)}</Alert>
  if (!form) return <PageSpinner label="Loading the problem" />
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v })
  const setTest = (i: number, patch: Partial<TestRow>) => set('tests', form.tests.map((t, j) => (j === i ? { ...t, ...patch } : t)))

  async function submit(publish: boolean) {
    const built = fromForm(form!)
    if (!built.ok) {
      setMsg({ tone: 'error', text: built.error })
      return
    }
    setBusy(publish ? 'publish' : 'save')
    setMsg(publish ? { tone: 'success', text: 'Verifying in the sandbox: every language, every check of problems verify. This can take a minute.' } : null)
    try {
      const v = isNew ? await createProblem(built.source, publish) : await saveProblem(built.source, publish)
      setView(v)
      setForm(toForm(v.source))
      const failing = v.checks.filter((c) => !c.ok).length
      setMsg(
        publish
          ? { tone: 'success', text: 'Published: every check passed.' }
          : failing
            ? { tone: 'error', text: `Draft saved, but it does not load yet: ${v.checks.find((c) => !c.ok)?.detail}` }
            : { tone: 'success', text: 'Draft saved; it loads. Publish to verify it in the sandbox and make it live.' },
      )
      if (isNew) navigate(`/admin/problems/${v.slug}`, { replace: true })
    } catch (err) {
      setMsg({ tone: 'error', text: errorMessage(err) })
      if (isApiError(err, 'verification_failed') && !isNew) {
        // The draft was saved with its checks: show them.
        getAdminProblem(slug).then((v) => setView(v), () => {})
      }
    } finally {
      setBusy('')
    }
  }

  async function doExport() {
    setBusy('export')
    try {
      const ex = await exportProblem(slug)
      downloadFolder(ex.slug, ex.files)
    } catch (err) {
      setMsg({ tone: 'error', text: errorMessage(err) })
    } finally {
      setBusy('')
    }
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <Link to="/admin/problems" className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
          ← Problems
        </Link>
        <h2 className="text-xl font-semibold">{isNew ? 'New problem' : form.title || slug}</h2>
        {view && (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            {view.origin} · {view.status}
            {view.unpublished_changes && view.origin === 'console' ? ' · unpublished changes' : ''}
            {view.differs_from_library ? ' · differs from repo' : ''} · hash <code title={view.content_hash}>{view.content_hash.slice(0, 10)}</code>
          </span>
        )}
        <div className="ml-auto flex gap-2">
          {!isNew && (
            <>
              <Link to={`/admin/problems/new?from=${encodeURIComponent(slug)}`} className="self-center text-sm text-indigo-700 hover:underline dark:text-indigo-300">
                Duplicate
              </Link>
              <Button variant="ghost" onClick={doExport} loading={busy === 'export'}>
                Export .tar
              </Button>
            </>
          )}
          <Button variant="secondary" onClick={() => submit(false)} loading={busy === 'save'} disabled={busy !== ''}>
            Save draft
          </Button>
          <Button onClick={() => submit(true)} loading={busy === 'publish'} disabled={busy !== ''}>
            Publish
          </Button>
        </div>
      </div>
      {isNew && !from && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          A problem needs everything a problems/ folder has (see problems/README.md): 2 to 5 examples and 12 hidden tests, one marked large, a
          reference solution in every language, the interviewer's guide and an editorial. Opening a similar problem and choosing Duplicate starts
          from a complete one.
        </p>
      )}
      {msg && <Alert tone={msg.tone}>{msg.text}</Alert>}
      {view && view.checks.length > 0 && (
        <section className={card} aria-label="Checks">
          <h3 className="mb-2 text-sm font-semibold">Last validation</h3>
          <table className="w-full text-left text-xs">
            <thead className="text-zinc-600 dark:text-zinc-400">
              <tr>
                <th className="py-1">Check</th>
                <th>Language</th>
                <th>Result</th>
                <th>Tests</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {view.checks.map((c, i) => (
                <tr key={i} className="border-t border-zinc-100 dark:border-zinc-800" data-testid="check-row" data-ok={c.ok}>
                  <td className="py-1">{c.what}</td>
                  <td>{c.language}</td>
                  <td className={c.ok ? 'text-emerald-700 dark:text-emerald-400' : 'font-semibold text-red-700 dark:text-red-400'}>{c.ok ? 'ok' : 'FAIL'}</td>
                  <td className="tabular-nums">{c.total ? `${c.passed}/${c.total}` : ''}</td>
                  <td>{c.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className={card + ' grid gap-4 md:grid-cols-2'} aria-label="Problem">
        <Labelled label="Slug" hint="lower-case letters, digits and dashes; the folder name in problems/">
          <input className={inputClass} value={form.slug} disabled={!isNew} onChange={(e) => set('slug', e.target.value)} required />
        </Labelled>
        <Labelled label="Title">
          <input className={inputClass} value={form.title} onChange={(e) => set('title', e.target.value)} />
        </Labelled>
        <Labelled label="Difficulty">
          <select className={inputClass} value={form.difficulty} onChange={(e) => set('difficulty', e.target.value)}>
            <option>easy</option>
            <option>medium</option>
            <option>hard</option>
          </select>
        </Labelled>
        <Labelled label="Pattern">
          <select className={inputClass} value={form.pattern} onChange={(e) => set('pattern', e.target.value)}>
            {PATTERNS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </Labelled>
        <Labelled label="Categories" hint="one a line">
          <textarea className={area} rows={3} value={form.categories} onChange={(e) => set('categories', e.target.value)} />
        </Labelled>
        <Labelled label="Companies" hint="one a line">
          <textarea className={area} rows={3} value={form.companies} onChange={(e) => set('companies', e.target.value)} />
        </Labelled>
        <Labelled label="Time complexity (optimal)">
          <input className={inputClass} value={form.timeComplexity} onChange={(e) => set('timeComplexity', e.target.value)} />
        </Labelled>
        <Labelled label="Space complexity (optimal)">
          <input className={inputClass} value={form.spaceComplexity} onChange={(e) => set('spaceComplexity', e.target.value)} />
        </Labelled>
        <div className="md:col-span-2">
          <Labelled label="Hints" hint="1 to 5, vaguest first, one a line; never shown until a candidate asks">
            <textarea className={area} rows={4} value={form.hints} onChange={(e) => set('hints', e.target.value)} />
          </Labelled>
        </div>
        <div className="md:col-span-2">
          <Labelled label="Statement (Markdown)">
            <textarea className={area} rows={10} value={form.statement} onChange={(e) => set('statement', e.target.value)} />
          </Labelled>
        </div>
        <div className="md:col-span-2">
          <Labelled label="Signature, checker and time limits (JSON)" hint="as in problem.json: see problems/README.md; the starter code below is generated from it">
            <textarea className={area} rows={12} value={form.spec} onChange={(e) => set('spec', e.target.value)} />
          </Labelled>
        </div>
      </section>

      <section className={card} aria-label="Tests">
        <div className="mb-2 flex items-center gap-2">
          <h3 className="text-sm font-semibold">Tests</h3>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            2 to 5 examples (shown to candidates), at least 12 hidden, at least one large. Input: a JSON object of the parameters.
          </span>
          <Button
            size="sm"
            variant="secondary"
            className="ml-auto"
            onClick={() => set('tests', [...form.tests, { name: `test ${form.tests.length + 1}`, input: '{}', output: 'null', example: false, large: false, generated: false, explanation: '' }])}
          >
            Add test
          </Button>
        </div>
        <div className="max-h-[32rem] space-y-2 overflow-auto">
          {form.tests.map((t, i) => (
            <div key={i} className="grid grid-cols-[8rem_1fr_1fr_auto] items-start gap-2 border-t border-zinc-100 pt-2 dark:border-zinc-800" data-testid="test-row">
              <input className={inputClass} aria-label={`Test ${i + 1} name`} value={t.name} onChange={(e) => setTest(i, { name: e.target.value })} />
              <textarea className={area} rows={1} aria-label={`Test ${i + 1} input`} value={t.input} onChange={(e) => setTest(i, { input: e.target.value })} />
              <textarea className={area} rows={1} aria-label={`Test ${i + 1} output`} value={t.output} onChange={(e) => setTest(i, { output: e.target.value })} />
              <div className="flex flex-col gap-1 text-xs">
                <label>
                  <input type="checkbox" checked={t.example} onChange={(e) => setTest(i, { example: e.target.checked })} /> example
                </label>
                <label>
                  <input type="checkbox" checked={t.large} onChange={(e) => setTest(i, { large: e.target.checked })} /> large
                </label>
                {t.generated && <span className="text-zinc-500">generated</span>}
                <button type="button" className="text-left text-red-700 hover:underline dark:text-red-400" onClick={() => set('tests', form.tests.filter((_, j) => j !== i))}>
                  remove
                </button>
              </div>
              {t.example && (
                <input
                  className={inputClass + ' col-span-3 col-start-2'}
                  placeholder="Explanation shown with the example"
                  value={t.explanation}
                  onChange={(e) => setTest(i, { explanation: e.target.value })}
                />
              )}
            </div>
          ))}
        </div>
      </section>

      <section className={card} aria-label="Code">
        <div className="mb-3 flex flex-wrap gap-1" role="tablist">
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              role="tab"
              aria-selected={lang === l}
              onClick={() => setLang(l)}
              className={'rounded-md px-3 py-1 text-sm ' + (lang === l ? 'bg-indigo-600 text-white' : 'bg-zinc-100 dark:bg-zinc-800')}
            >
              {l}
            </button>
          ))}
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <Labelled label={`Reference solution (${lang})`} hint="what a candidate would type into the starter code; every language needs one">
            <textarea className={area} rows={14} value={form.solutions[lang] ?? ''} onChange={(e) => set('solutions', { ...form.solutions, [lang]: e.target.value })} />
          </Labelled>
          <Labelled label={`Brute force (${lang}, optional)`} hint="correct but slow: must run out of time on a large test">
            <textarea className={area} rows={14} value={form.brute[lang] ?? ''} onChange={(e) => set('brute', { ...form.brute, [lang]: e.target.value })} />
          </Labelled>
          <div className="lg:col-span-2">
            <span className="mb-1 block text-sm font-medium">Starter code ({lang}, generated from the signature)</span>
            <pre className="max-h-48 overflow-auto rounded-lg bg-zinc-50 p-3 text-xs dark:bg-zinc-950">{view?.starter_code[lang] ?? 'Save to see it.'}</pre>
          </div>
        </div>
        <div className="mt-4">
          <Labelled label="Wrong solutions (JSON: name → language → code)" hint="plausible mistakes the tests must reject">
            <textarea className={area} rows={6} value={form.wrong} onChange={(e) => set('wrong', e.target.value)} />
          </Labelled>
        </div>
      </section>

      <section className={card + ' grid gap-4 md:grid-cols-2'} aria-label="Interviewer's guide and editorial">
        <div className="md:col-span-2">
          <Labelled label="Clarifications (JSON)" hint="answers for input_size, duplicates, negatives, empty, output_order (and more), with the keywords that ask them">
            <textarea className={area} rows={10} value={form.clarifications} onChange={(e) => set('clarifications', e.target.value)} />
          </Labelled>
        </div>
        <Labelled label="Pitfalls" hint="one a line">
          <textarea className={area} rows={4} value={form.pitfalls} onChange={(e) => set('pitfalls', e.target.value)} />
        </Labelled>
        <Labelled label="Edge cases" hint="at least two, one a line">
          <textarea className={area} rows={4} value={form.edgeCases} onChange={(e) => set('edgeCases', e.target.value)} />
        </Labelled>
        <Labelled label="Follow-ups" hint="one a line">
          <textarea className={area} rows={4} value={form.followUps} onChange={(e) => set('followUps', e.target.value)} />
        </Labelled>
        <div className="md:col-span-2">
          <Labelled label="Editorial (Markdown)" hint="sections: ## Approach, ## Why it works, ## Complexity, ## Common wrong turns">
            <textarea className={area} rows={10} value={form.editorial} onChange={(e) => set('editorial', e.target.value)} />
          </Labelled>
        </div>
      </section>
    </div>
  )
}

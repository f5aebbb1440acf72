import { useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { errorMessage } from '../../../lib/api'
import { useAsync } from '../../../lib/useAsync'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Alert } from '../../../components/ui/Alert'
import { Button, ButtonLink } from '../../../components/ui/Button'
import { inputClass } from '../../../components/ui/Field'
import { Spinner } from '../../../components/ui/Spinner'
import { importProblem, listAdminProblems } from '../api'
import { folderFiles } from '../format'
import { readTar } from '../tar'

const badge = 'rounded px-1.5 py-0.5 text-xs font-medium'

export function ProblemsPage() {
  useDocumentTitle('Admin · Problems')
  const { data, error, loading, reload } = useAsync((signal) => listAdminProblems(signal), [])
  const [filter, setFilter] = useState('')
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)
  const folderRef = useRef<HTMLInputElement>(null)
  const tarRef = useRef<HTMLInputElement>(null)
  const navigate = useNavigate()

  async function doImport(entries: { path: string; text: string }[]) {
    const { slug, files } = folderFiles(entries)
    if (!slug) {
      setMsg({ tone: 'error', text: 'Pick a problem folder (problems/SLUG) or a SLUG.tar exported from here.' })
      return
    }
    setBusy(true)
    setMsg(null)
    try {
      await importProblem(slug, files, false)
      navigate(`/admin/problems/${slug}`)
    } catch (err) {
      setMsg({ tone: 'error', text: errorMessage(err) })
    } finally {
      setBusy(false)
    }
  }

  const rows = (data?.problems ?? []).filter((p) => !filter || (p.slug + ' ' + p.title).toLowerCase().includes(filter.toLowerCase()))
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <input className={inputClass + ' max-w-xs'} placeholder="Filter" aria-label="Filter problems" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <ButtonLink to="/admin/problems/new" size="sm">
          New problem
        </ButtonLink>
        <Button size="sm" variant="secondary" loading={busy} onClick={() => folderRef.current?.click()}>
          Import folder
        </Button>
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => tarRef.current?.click()}>
          Import .tar
        </Button>
        <input
          ref={folderRef}
          type="file"
          className="hidden"
          multiple
          {...{ webkitdirectory: '' }}
          onChange={async (e) => {
            const list = Array.from(e.target.files ?? [])
            e.target.value = ''
            await doImport(await Promise.all(list.map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() }))))
          }}
        />
        <input
          ref={tarRef}
          type="file"
          accept=".tar,application/x-tar"
          className="hidden"
          onChange={async (e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (f) await doImport(readTar(new Uint8Array(await f.arrayBuffer())))
          }}
        />
        <Button size="sm" variant="ghost" onClick={reload}>
          Refresh
        </Button>
      </div>
      <p className="mb-3 text-xs text-zinc-600 dark:text-zinc-400">
        The hash is of the problem's files. <em>Differs from repo</em>: edited here and not the same as problems/ in the repo — export it and
        commit it (or import the repo's folder) so the two agree.
      </p>
      {msg && (
        <div className="mb-3">
          <Alert tone={msg.tone}>{msg.text}</Alert>
        </div>
      )}
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {loading && !data ? <Spinner /> : null}
      {data && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-600 dark:text-zinc-400">
            <tr>
              <th className="py-1">Problem</th>
              <th>Difficulty</th>
              <th>Source</th>
              <th>Status</th>
              <th>Hash</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.slug} className="border-t border-zinc-100 dark:border-zinc-800" data-testid="admin-problem-row">
                <td className="py-1.5">
                  <Link to={`/admin/problems/${p.slug}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {p.title || p.slug}
                  </Link>
                  <span className="ml-2 text-xs text-zinc-500">{p.slug}</span>
                </td>
                <td>{p.difficulty}</td>
                <td>
                  {p.origin}
                  {p.in_library && p.origin !== 'library' ? ' (in repo)' : ''}
                </td>
                <td className="space-x-1">
                  <span className={badge + (p.status === 'published' ? ' bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300' : ' bg-zinc-100 dark:bg-zinc-800')}>
                    {p.status}
                  </span>
                  {p.unpublished_changes && p.origin === 'console' && <span className={badge + ' bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200'}>unpublished changes</span>}
                  {p.differs_from_library && <span className={badge + ' bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300'}>differs from repo</span>}
                </td>
                <td className="font-mono text-xs" title={p.content_hash}>
                  {p.content_hash.slice(0, 10)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

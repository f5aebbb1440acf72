import { useEffect, useRef, useState } from 'react'
import { monaco } from '../monaco'
import { observerMarkers } from '../observation'
import type { CodeSyntaxError } from '../../../lib/protocol.gen'

/** What the room asks of the editor. */
export interface EditorHandle {
  getValue(): string
  /** Replaces the text without reporting it as the candidate's edit. */
  setValue(value: string): void
  /** Moves the cursor to line:column and marks it with msg. */
  jumpTo(line: number, column: number, msg?: string): void
  clearMarkers(): void
  focus(): void
}

/** Follows the app theme: the .dark class on <html>. */
export function useDarkClass(): boolean {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains('dark'))
  useEffect(() => {
    const obs = new MutationObserver(() => setDark(document.documentElement.classList.contains('dark')))
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] })
    return () => obs.disconnect()
  }, [])
  return dark
}

interface Props {
  initialValue: string
  language: string
  readOnly?: boolean
  ariaLabel: string
  onChange?: (value: string) => void
  onReady?: (h: EditorHandle) => void
  onRun?: () => void
  onSubmit?: () => void
  /** The code observer's syntax errors, shown as markers until the next finding. */
  observerErrors?: CodeSyntaxError[]
  className?: string
}

const MARKER_OWNER = 'mockroom-judge'
// The observer's markers have their own owner: a run's compile error and a
// pause's syntax check come and go independently.
const OBSERVER_OWNER = 'mockroom-observer'

export function CodeEditor({ initialValue, language, readOnly, ariaLabel, onChange, onReady, onRun, onSubmit, observerErrors, className = '' }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const ed = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const quiet = useRef(false)
  const dark = useDarkClass()
  // Handlers change every render; the editor keeps calling the latest ones.
  const cb = useRef({ onChange, onRun, onSubmit })
  cb.current = { onChange, onRun, onSubmit }

  useEffect(() => {
    if (!host.current) return
    const e = monaco.editor.create(host.current, {
      value: initialValue,
      language,
      readOnly,
      ariaLabel,
      theme: document.documentElement.classList.contains('dark') ? 'vs-dark' : 'vs',
      automaticLayout: true,
      minimap: { enabled: false },
      fontFamily: "'JetBrains Mono Variable', ui-monospace, monospace",
      fontLigatures: false,
      fontSize: 14,
      tabSize: 4,
      scrollBeyondLastLine: false,
      renderLineHighlight: readOnly ? 'none' : 'line',
      padding: { top: 8 },
    })
    ed.current = e
    e.onDidChangeModelContent(() => {
      if (!quiet.current) cb.current.onChange?.(e.getValue())
    })
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => cb.current.onRun?.())
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => cb.current.onSubmit?.())
    const handle: EditorHandle = {
      getValue: () => e.getValue(),
      setValue: (v) => {
        quiet.current = true
        try {
          e.setValue(v)
        } finally {
          quiet.current = false
        }
      },
      jumpTo: (line, column, msg) => {
        const model = e.getModel()
        if (!model) return
        const l = Math.min(Math.max(1, line), model.getLineCount())
        const c = Math.max(1, column)
        if (msg) {
          monaco.editor.setModelMarkers(model, MARKER_OWNER, [
            { severity: monaco.MarkerSeverity.Error, message: msg, startLineNumber: l, startColumn: c, endLineNumber: l, endColumn: model.getLineMaxColumn(l) },
          ])
        }
        e.setPosition({ lineNumber: l, column: c })
        e.revealLineInCenter(l)
        e.focus()
      },
      clearMarkers: () => {
        const model = e.getModel()
        if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, [])
      },
      focus: () => e.focus(),
    }
    onReady?.(handle)
    return () => {
      e.getModel()?.dispose()
      e.dispose()
      ed.current = null
    }
    // The editor is created once; language and theme follow through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const model = ed.current?.getModel()
    if (model) monaco.editor.setModelLanguage(model, language)
  }, [language])

  useEffect(() => {
    monaco.editor.setTheme(dark ? 'vs-dark' : 'vs')
  }, [dark])

  useEffect(() => {
    const model = ed.current?.getModel()
    if (!model) return
    const marks = observerMarkers(observerErrors ?? [], model.getLineCount()).map((m) => ({
      severity: monaco.MarkerSeverity.Error,
      source: 'syntax check',
      message: m.message,
      startLineNumber: m.line,
      startColumn: Math.min(m.column, model.getLineMaxColumn(m.line)),
      endLineNumber: m.line,
      endColumn: model.getLineMaxColumn(m.line),
    }))
    monaco.editor.setModelMarkers(model, OBSERVER_OWNER, marks)
  }, [observerErrors])

  return <div ref={host} data-testid="code-editor" className={`h-full min-h-0 w-full ${className}`} />
}

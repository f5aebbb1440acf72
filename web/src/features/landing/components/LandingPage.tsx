import { ArrowRight, BookOpen, Check, FileText, MessageSquare, ShieldCheck, Terminal } from 'lucide-react'
import { useAuth } from '../../../lib/auth'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { ButtonLink } from '../../../components/ui/Button'

const steps = [
  { icon: BookOpen, title: 'Pick a problem', text: 'Choose from the library by difficulty, topic or company, or let mockroom pick one.' },
  { icon: MessageSquare, title: 'Talk it through', text: 'An AI interviewer asks clarifying questions, listens to your approach and nudges when you are stuck.' },
  { icon: Terminal, title: 'Code in a real editor', text: 'Write and run your solution; hidden tests run in an isolated sandbox, just like the real thing.' },
  { icon: FileText, title: 'Learn from the report', text: 'A written review of problem solving, code quality, communication and efficiency, with next steps.' },
]

export function LandingPage() {
  useDocumentTitle(undefined)
  const { status } = useAuth()
  const signedIn = status === 'authenticated'

  return (
    <div>
      <section className="mx-auto max-w-6xl px-4 pt-16 pb-12 sm:px-6 lg:pt-24">
        <div className="max-w-3xl">
          <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">Mock interviews for software engineers</p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Practise the coding interview with an interviewer who talks back.
          </h1>
          <p className="mt-5 max-w-2xl text-lg leading-8 text-zinc-600 dark:text-zinc-400">
            mockroom is an AI interviewer that talks with you while you code in a real editor. Your solution runs against
            hidden tests in a sandbox, and afterwards you get a report you can actually learn from.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            {signedIn ? (
              <ButtonLink to="/dashboard" size="lg">
                Go to your dashboard
                <ArrowRight className="size-4" aria-hidden="true" />
              </ButtonLink>
            ) : (
              <ButtonLink to="/signup" size="lg">
                Start free: 3 interviews
                <ArrowRight className="size-4" aria-hidden="true" />
              </ButtonLink>
            )}
            <ButtonLink to="/problems" size="lg" variant="secondary">
              Browse problems
            </ButtonLink>
          </div>
        </div>
      </section>

      <section aria-labelledby="how-heading" className="border-y border-zinc-200 bg-zinc-50 py-16 dark:border-zinc-800 dark:bg-zinc-900/40">
        <div className="mx-auto max-w-6xl px-4 sm:px-6">
          <h2 id="how-heading" className="text-2xl font-semibold tracking-tight">
            How it works
          </h2>
          <ol className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {steps.map((s, i) => (
              <li key={s.title} className="rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
                <div className="flex items-center gap-3">
                  <span className="flex size-9 items-center justify-center rounded-lg bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
                    <s.icon className="size-5" aria-hidden="true" />
                  </span>
                  <span className="text-sm font-medium text-zinc-500 dark:text-zinc-400">Step {i + 1}</span>
                </div>
                <h3 className="mt-4 font-semibold">{s.title}</h3>
                <p className="mt-1 text-sm leading-6 text-zinc-600 dark:text-zinc-400">{s.text}</p>
              </li>
            ))}
          </ol>
          <p className="mt-8 flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <ShieldCheck className="size-4 shrink-0" aria-hidden="true" />
            Self-hosted: your code, voice and reports stay on this server.
          </p>
        </div>
      </section>

      <section aria-labelledby="pricing-heading" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="pricing-heading" className="text-2xl font-semibold tracking-tight">
          Pricing
        </h2>
        <div className="mt-8 grid max-w-3xl gap-6 sm:grid-cols-2">
          <div className="rounded-xl border-2 border-indigo-600 p-6 dark:border-indigo-500">
            <h3 className="font-semibold">Free</h3>
            <p className="mt-2 text-3xl font-semibold tracking-tight">$0</p>
            <ul className="mt-4 space-y-2 text-sm text-zinc-700 dark:text-zinc-300">
              {['3 mock interviews', 'The full problem library', 'A written report after each interview'].map((f) => (
                <li key={f} className="flex items-center gap-2">
                  <Check className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden="true" />
                  {f}
                </li>
              ))}
            </ul>
            {!signedIn && (
              <ButtonLink to="/signup" className="mt-6 w-full">
                Create a free account
              </ButtonLink>
            )}
          </div>
          <div className="rounded-xl border border-zinc-200 p-6 dark:border-zinc-800">
            <h3 className="font-semibold">Pro</h3>
            <p className="mt-2 text-3xl font-semibold tracking-tight text-zinc-500 dark:text-zinc-400">Coming soon</p>
            <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
              More interviews, voice conversations and deeper reports. Start free today; nothing changes for you when Pro arrives.
            </p>
          </div>
        </div>
      </section>
    </div>
  )
}

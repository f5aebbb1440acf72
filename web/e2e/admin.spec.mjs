#!/usr/bin/env node
// Browser test of the admin console as a new operator uses it: made an admin
// from the command line, they open Admin, see the problem library with its
// hashes, open a problem with its hidden tests, try to publish it with a
// broken reference (refused, the failing check named), export it, grant
// themselves credits and read the analytics.
//
//   BASE_URL=http://127.0.0.1:8080 E2E_ADMIN_CONTROL_URL=... node web/e2e/admin.spec.mjs
//
// E2E_ADMIN_CONTROL_URL: a POST there with ?email= runs `mockroom admin grant`
// on the server's database (TestBrowser serves it).
import { BASE_URL, StepError, expect, run, signUp } from './lib.mjs'

const CONTROL = process.env.E2E_ADMIN_CONTROL_URL ?? ''

await run('admin', ({ page, shot }) => {
  let email = ''
  return [
    [
      'a candidate sees no Admin link and the console refuses them',
      async () => {
        // The first account on a server is its admin: take that seat first,
        // so this one starts as a candidate even on a fresh server.
        await fetch(BASE_URL + '/api/auth/signup', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: `first-${Date.now()}@example.com`, password: 'correct horse battery', full_name: 'First' }),
        })
        email = await signUp(page, 'Ada Admin')
        expect((await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()) === 0, 'a candidate sees Admin')
        const status = await page.evaluate(async () => (await fetch('/api/admin/users')).status)
        expect(status === 403, `GET /api/admin/users answered ${status} to a candidate`)
      },
    ],
    [
      'made an admin, they see Admin and the problems',
      async () => {
        expect(CONTROL, 'E2E_ADMIN_CONTROL_URL is not set')
        const res = await fetch(`${CONTROL}?email=${encodeURIComponent(email)}`, { method: 'POST' })
        expect(res.ok, `granting admin answered ${res.status}: ${await res.text()}`)
        await page.reload()
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click()
        await page.waitForURL(/\/admin\/problems$/)
        await page.getByTestId('admin-problem-row').first().waitFor()
        const rows = await page.getByTestId('admin-problem-row').count()
        expect(rows >= 50, `only ${rows} problems listed`)
        await shot('01-problems')
      },
    ],
    [
      'the editor shows hidden tests, solutions and starter code',
      async () => {
        await page.getByLabel('Filter problems').fill('sqrt')
        await page.getByRole('link', { name: 'Sqrt(x)', exact: true }).click()
        await page.waitForURL(/\/admin\/problems\/sqrt-x$/)
        await page.getByTestId('test-row').first().waitFor()
        const tests = await page.getByTestId('test-row').count()
        expect(tests >= 15, `only ${tests} tests in the editor`)
        const ref = await page.getByLabel('Reference solution (python)').inputValue()
        expect(ref.includes('def mySqrt'), `the python reference reads ${JSON.stringify(ref.slice(0, 80))}`)
        await shot('02-editor')
      },
    ],
    [
      'publishing a broken reference is refused, naming the failed check',
      async () => {
        await page.getByLabel('Reference solution (python)').fill('class Solution:\n    def mySqrt(self, x: int) -> int:\n        return x // 2\n')
        await page.getByRole('button', { name: 'Publish' }).click()
        const alert = page.getByRole('alert').filter({ hasText: 'not published' })
        await alert.waitFor({ timeout: 200000 })
        const text = await alert.innerText()
        expect(text.includes('solution in python'), `the refusal reads ${JSON.stringify(text.slice(0, 300))}`)
        await page.locator('[data-testid="check-row"][data-ok="false"]').first().waitFor()
        await shot('03-refused')
      },
    ],
    [
      'export downloads the problem folder as a tar',
      async () => {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .tar' }).click()])
        expect(download.suggestedFilename() === 'sqrt-x.tar', `downloaded ${download.suggestedFilename()}`)
      },
    ],
    [
      'duplicate it into a new draft',
      async () => {
        await page.getByRole('link', { name: 'Duplicate' }).click()
        await page.waitForURL(/\/admin\/problems\/new\?from=sqrt-x$/)
        await page.waitForFunction(() => document.querySelector('input[value="sqrt-x-copy"]') !== null)
        await page.getByRole('button', { name: 'Save draft' }).click()
        await page.waitForURL(/\/admin\/problems\/sqrt-x-copy$/)
        await page.getByRole('status').filter({ hasText: 'Draft saved; it loads' }).waitFor()
        await page.getByText('console · draft').waitFor()
      },
    ],
    [
      'users: find themselves and grant credits',
      async () => {
        await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click()
        await page.getByPlaceholder('Search by e-mail or name').fill(email)
        await page.getByRole('button', { name: 'Search' }).click()
        await page.getByRole('button', { name: new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click()
        await page.getByLabel('Reason (kept in the ledger)').fill('e2e grant')
        await page.getByRole('button', { name: 'Grant' }).click()
        const ok = page.getByRole('status').filter({ hasText: 'Granted 5 credits' })
        await ok.waitFor().catch(async () => {
          const alert = await page.getByRole('alert').allInnerTexts().catch(() => [])
          throw new StepError(`no grant confirmation (alert: ${alert.join(' | ') || 'none'})`)
        })
        expect((await ok.innerText()).includes('balance now 8'), `grant said ${await ok.innerText()}`)
        await page.getByRole('cell', { name: /e2e grant/ }).waitFor()
        await shot('04-users')
      },
    ],
    [
      'analytics: tiles and charts for the last 30 days',
      async () => {
        await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Analytics' }).click()
        await page.getByTestId('sessions-chart').waitFor()
        const bars = await page.getByTestId('sessions-chart').locator('[data-testid="day-bar"]').count()
        expect(bars === 30, `${bars} day bars, want 30`)
        await page.getByText('Credits bought').waitFor()
        await shot('05-analytics')
      },
    ],
  ]
})


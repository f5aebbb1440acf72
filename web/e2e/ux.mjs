#!/usr/bin/env node
// Screenshots of every page and every state of the interview room, at
// 1280x800, 1440x900 and 390x844 (a phone), light and dark, for a person to look at. Not a test:
// it stops at the first thing it cannot do. Uses the real server, so the room
// states come from real runs in the sandbox; only the last-minute clock is
// staged (the server's timer frames are rewritten on their way to the page).
//
//   BASE_URL=http://127.0.0.1:8080 node web/e2e/ux.mjs   → test-output/ux/
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, TWO_SUM_PY, pasteCode, waitConnected, waitSaved } from './lib.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')
const OUT = path.resolve(process.env.UX_OUTPUT_DIR || path.resolve(here, '../../test-output/ux'))
const SIZES = [
  [1280, 800],
  [1440, 900],
  [390, 844],
]

await mkdir(OUT, { recursive: true })
const dir = await mkdtemp(path.join(tmpdir(), 'mockroom-ux-'))
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 800 },
  permissions: ['clipboard-read', 'clipboard-write'],
})
ctx.setDefaultTimeout(20000)
const page = ctx.pages()[0] ?? (await ctx.newPage())
page.on('pageerror', (e) => console.log('page error:', e.message))

// Every socket goes through here: during an outage the open ones close and new
// ones are refused; with fakeRemaining set, timer frames say so.
let down = false
let fakeRemaining = null
const sockets = new Set()
await page.routeWebSocket(/\/ws$/, (ws) => {
  if (down) {
    ws.close({ code: 1011, reason: 'ux outage' })
    return
  }
  const server = ws.connectToServer()
  server.onMessage((m) => {
    if (fakeRemaining !== null && typeof m === 'string' && m.includes('"timer"')) {
      const f = JSON.parse(m)
      if (f.type === 'timer') m = JSON.stringify({ ...f, remaining_ms: fakeRemaining, server_time: Date.now() })
    }
    ws.send(m)
  })
  const entry = { ws, server }
  sockets.add(entry)
  ws.onClose(() => sockets.delete(entry))
})

/** The page in every size and scheme; the theme follows the OS live, so no reload. */
async function snap(name, { sizes = SIZES, fullPage = false } = {}) {
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h })
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.waitForTimeout(250)
      await page.screenshot({ path: path.join(OUT, `${name}-${w}-${scheme}.png`), fullPage })
      const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
      if (sw > cw) console.log(`${name} ${w}: horizontal scroll (${sw} > ${cw})`)
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.emulateMedia({ colorScheme: 'light' })
  console.log('shot', name)
}

const go = (p) => page.goto(BASE_URL + p, { waitUntil: 'domcontentloaded' })

async function runAndWait(button) {
  await page.getByRole('button', { name: button, exact: true }).click()
  await page.getByTestId('report-summary').waitFor({ timeout: 60000 })
}

try {
  await go('/')
  await page.getByRole('heading', { level: 1 }).waitFor()
  await snap('01-landing')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await snap('01-landing-focus', { sizes: [SIZES[0]] })

  const email = `ux-${Date.now()}@example.com`
  await go('/signup')
  await page.getByLabel('Full name').waitFor()
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByLabel('Password').fill('short')
  await page.getByRole('button', { name: /create account/i }).click()
  await snap('02-signup-errors')

  await page.getByLabel('Full name').fill('Grace Hopper-Montgomery')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByLabel('Password').press('Enter')
  await page.waitForURL(/\/dashboard$/)
  await page.getByTestId('credit-balance').waitFor()
  await snap('04-dashboard-new')

  await go('/settings')
  await page.getByLabel('Full name').waitFor()
  await snap('05-settings')

  await go('/problems')
  await page.getByTestId('problem-row').first().waitFor()
  await snap('06-library')
  await go('/problems?difficulty=medium')
  await page.getByTestId('problem-row').first().waitFor()
  await snap('06-library-medium')
  await go('/problems?q=zzqqxx')
  await page.waitForTimeout(800)
  await snap('06-library-empty')

  await go('/problems/two-sum')
  await page.getByTestId('example').first().waitFor()
  await snap('07-problem')
  await page.getByRole('button', { name: 'Start interview' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByTestId('credit-cost').waitFor()
  await snap('08-start-dialog')
  await dialog.getByLabel('Language').selectOption('python')
  await dialog.getByRole('radio', { name: '30 min' }).check()
  await dialog.getByRole('button', { name: 'Start interview' }).click()
  await page.waitForURL(/\/interview\/[^/]+$/)
  await waitConnected(page)
  await page.locator('.view-lines').waitFor()
  await page.waitForTimeout(500)
  await snap('09-room-fresh')

  // The first run shows "Preparing environment…" while the sandbox warms up.
  await pasteCode(page, TWO_SUM_PY)
  await waitSaved(page)
  await page.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+Enter') // the shortcut, from inside the editor
  await page.getByText('Preparing environment…').waitFor({ timeout: 5000 })
  await page.screenshot({ path: path.join(OUT, '10-room-preparing-1280-light.png') })
  await page.getByTestId('report-summary').waitFor({ timeout: 60000 })
  await snap('11-room-pass')

  await pasteCode(page, 'class Solution:\n    def twoSum(self, nums, target)\n        return []\n')
  await waitSaved(page)
  await runAndWait('Run')
  await snap('12-room-compile-error')

  await pasteCode(page, 'class Solution:\n    def twoSum(self, nums, target):\n        return [0, 0]\n')
  await waitSaved(page)
  await runAndWait('Run')
  await snap('13-room-wrong-answer')

  // A fourth run within the minute is refused.
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await page.getByTestId('rate-limited').waitFor({ timeout: 20000 })
  await snap('16-room-rate-limited')

  await pasteCode(page, TWO_SUM_PY)
  await waitSaved(page)
  await page.locator('.view-lines').click()
  // Submit is refused too until the minute is over.
  await page.getByRole('button', { name: 'Submit', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 90000 })
  await page.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+Shift+Enter')
  await page.getByRole('dialog').waitFor()
  await snap('14-room-submit-confirm', { sizes: [SIZES[0]] })
  await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click()
  await page.getByTestId('hidden-summary').waitFor({ timeout: 60000 })
  await snap('15-room-hidden-summary')

  const cdp = await ctx.newCDPSession(page)
  await cdp.send('Network.enable')
  down = true
  await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
  for (const { ws, server } of sockets) {
    server.close({ code: 1001, reason: 'ux outage' })
    ws.close({ code: 1011, reason: 'ux outage' })
  }
  await page.locator('[data-testid="connection"]:not([data-state="connected"])').waitFor()
  await snap('17-room-reconnecting')
  down = false
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
  await page.locator('[data-testid="connection"][data-state="connected"]').waitFor({ timeout: 60000 })

  fakeRemaining = 47_000
  await page.locator('[data-testid="clock"][data-tone="critical"]').waitFor({ timeout: 15000 })
  await snap('18-room-last-minute')
  fakeRemaining = null

  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
  await snap('19-room-shortcuts', { sizes: [SIZES[0]] })
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'End interview' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'End interview' }).click()
  await page.waitForURL(/\/sessions\/[^/]+$/)
  await page.getByRole('heading', { level: 1 }).waitFor()
  await page.waitForTimeout(1500)
  await snap('20-summary')
  await snap('20-summary-full', { sizes: [SIZES[0]], fullPage: true })

  await go('/dashboard')
  await page.getByTestId('credit-balance').waitFor()
  await page.waitForTimeout(500)
  await snap('21-dashboard-history')

  // Sign out, then sign in wrong until locked out.
  await page.evaluate(() => fetch('/api/auth/signout', { method: 'POST', credentials: 'same-origin' }))
  await go('/signin')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('wrong password 1')
  await page.getByLabel('Password').press('Enter')
  await page.getByRole('alert').first().waitFor()
  await snap('03-signin-wrong')
  for (let i = 2; i <= 6; i++) {
    await page.getByLabel('Password').fill(`wrong password ${i}`)
    await page.getByLabel('Password').press('Enter')
    await page.waitForTimeout(400)
  }
  await page.getByText(/Too many/).waitFor()
  await snap('03-signin-locked')
} finally {
  await ctx.close()
  await rm(dir, { recursive: true, force: true })
}
console.log('screenshots in', OUT)

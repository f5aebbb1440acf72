// Shared harness of the interview browser tests: the system Chromium through
// playwright-core, one fresh profile per run, steps that stop at the first
// failure, screenshots under test-output/e2e/, and a final "N passed, M failed".
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
export const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/+$/, '')
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const OUT_DIR = process.env.E2E_OUTPUT_DIR || path.resolve(here, '../../test-output/e2e')
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS) || 15000

// Flags for a headless Debian Chromium on a closed network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

// More flags for one spec (the voice spec's fake microphone), whitespace-separated.
export const CHROMIUM_EXTRA_ARGS = (process.env.E2E_CHROMIUM_EXTRA_ARGS ?? '').split(/\s+/).filter(Boolean)

export class StepError extends Error {}
export function expect(cond, msg) {
  if (!cond) throw new StepError(msg)
}

function fail(msg) {
  console.error(`e2e: ${msg}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

/** A correct two-sum in Python. */
export const TWO_SUM_PY = [
  'class Solution:',
  '    def twoSum(self, nums: List[int], target: int) -> List[int]:',
  '        seen = {}',
  '        for i, x in enumerate(nums):',
  '            if target - x in seen:',
  '                return [seen[target - x], i]',
  '            seen[x] = i',
  '        return []',
].join('\n')

/** Runs steps in one browser page; prefix names the screenshots. */
export async function run(prefix, makeSteps) {
  if (!BASE_URL) fail('BASE_URL is not set (e.g. BASE_URL=http://127.0.0.1:8080)')
  if (!existsSync(CHROMIUM_PATH)) fail(`no Chromium at ${CHROMIUM_PATH}; install Debian's chromium or set CHROMIUM_PATH`)
  const host = new URL(BASE_URL).host // http and ws alike
  await mkdir(OUT_DIR, { recursive: true })
  const userDataDir = await mkdtemp(path.join(tmpdir(), `mockroom-e2e-${prefix}-`))
  let context
  let page
  let passed = 0
  let failed = 0
  const problems = []
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...CHROMIUM_EXTRA_ARGS],
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
      permissions: ['clipboard-read', 'clipboard-write'],
      timeout: 60000,
    })
    context.setDefaultTimeout(TIMEOUT)
    page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => {
      // Chrome logs every 4xx as "Failed to load resource" and every refused
      // socket as "WebSocket connection ... failed"; both are expected here.
      const t = msg.text()
      if (msg.type() === 'error' && !t.startsWith('Failed to load resource') && !/WebSocket connection to .* failed/.test(t)) {
        problems.push(`console error: ${t}`)
      }
    })
    page.on('response', (res) => {
      if (res.status() >= 500) problems.push(`server error: ${res.status()} ${res.request().method()} ${res.url()}`)
    })
    page.on('request', (req) => {
      const u = req.url()
      if (/^(data|blob|about):/.test(u)) return
      if (new URL(u).host !== host) problems.push(`request to another host: ${u}`)
    })
    const shot = (name) => page.screenshot({ path: path.join(OUT_DIR, `${prefix}-${name}.png`) })
    const steps = [
      ...makeSteps({ page, context, shot }),
      [
        'no page errors and nothing from another host',
        async () => {
          expect(problems.length === 0, problems.join('\n  '))
        },
      ],
    ]
    let skipping = false
    for (const [name, step] of steps) {
      if (skipping) {
        console.log(`SKIP ${name} (an earlier step failed)`)
        failed++
        continue
      }
      const t0 = Date.now()
      try {
        await step()
        passed++
        console.log(`PASS ${name} (${Date.now() - t0} ms)`)
      } catch (err) {
        failed++
        skipping = true
        console.log(`FAIL ${name}: ${err instanceof StepError ? err.message : err?.stack || err}`)
        console.log(`     at ${page.url()}`)
        await shot(`failure-${name.replace(/\W+/g, '-')}`).catch(() => {})
      }
    }
  } catch (err) {
    failed++
    console.log(`FAIL could not run the browser: ${err?.stack || err}`)
  } finally {
    await context?.close().catch(() => {})
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {})
  }
  console.log(`screenshots: ${OUT_DIR}`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed > 0 ? 1 : 0)
}

/** Signs a new person up through the form; returns the email. */
export async function signUp(page, name = 'Ada Room') {
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
  await page.goto(BASE_URL + '/signup', { waitUntil: 'domcontentloaded' })
  await page.getByLabel('Full name').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByLabel('Password').press('Enter')
  await page.waitForURL(/\/dashboard$/)
  return email
}

/** From the problem page: the start dialog, then the room; returns the session id. */
export async function startInterview(page, { slug = 'two-sum', language = 'python', minutes = 30 } = {}) {
  await page.goto(`${BASE_URL}/problems/${slug}`, { waitUntil: 'domcontentloaded' })
  await page.getByRole('button', { name: 'Start interview' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  await dialog.getByLabel('Language').selectOption(language)
  await dialog.getByRole('radio', { name: `${minutes} min` }).check()
  await dialog.getByTestId('credit-cost').filter({ hasText: /Uses 1 of your \d+ credits?/ }).waitFor()
  await dialog.getByRole('button', { name: 'Start interview' }).click()
  await page.waitForURL(/\/interview\/[^/]+$/)
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
  await waitConnected(page)
  return id
}

export async function waitConnected(page, timeout = TIMEOUT) {
  await page.locator('[data-testid="connection"][data-state="connected"]').waitFor({ timeout })
}

/** Waits until every edit is acknowledged. */
export async function waitSaved(page, timeout = TIMEOUT) {
  await page.getByTestId('save-state').filter({ hasText: 'saved' }).waitFor({ timeout })
}

/**
 * Replaces the editor's text as a person would: select all, delete, paste.
 * A paste through the browser's clipboard keeps the indentation;
 * typing multi-line text would be auto-indented line by line.
 */
export async function pasteCode(page, code) {
  const ed = page.getByTestId('code-editor')
  await ed.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.evaluate((text) => navigator.clipboard.writeText(text), code)
  await page.keyboard.press('ControlOrMeta+V')
}

/** Types text at the end of the editor, key by key. */
export async function typeAtEnd(page, text) {
  const ed = page.getByTestId('code-editor')
  await ed.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type(text)
}

/** The server's copy of the session, fetched by the page with its own cookie. */
export async function serverSession(page, id) {
  return page.evaluate(async (sid) => {
    const res = await fetch(`/api/sessions/${encodeURIComponent(sid)}`, { credentials: 'same-origin' })
    return res.json()
  }, id)
}

/** The editor's text as shown (Monaco renders spaces as no-break spaces). */
export async function editorText(page) {
  const lines = await page.getByTestId('code-editor').locator('.view-line').evaluateAll((els) =>
    els
      .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text.replace(/\u00a0/g, ' ')),
  )
  return lines.join('\n')
}

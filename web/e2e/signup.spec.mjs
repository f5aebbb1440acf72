#!/usr/bin/env node
// Browser test of the first-run path: a new visitor signs up, sees their free
// credits, filters the library to easy problems and opens one.
//
//   BASE_URL=http://127.0.0.1:8080 node web/e2e/signup.spec.mjs
//
// Env: BASE_URL (required), CHROMIUM_PATH (default /usr/bin/chromium),
// E2E_OUTPUT_DIR (default <repo>/test-output/e2e), E2E_TIMEOUT_MS (per wait, default 15000).
// Drives the system Chromium through playwright-core; it never downloads a browser.
// Prints one line per step and ends with "N passed, M failed"; exits 1 on any failure.
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/+$/, '')
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const OUT_DIR = process.env.E2E_OUTPUT_DIR || path.resolve(here, '../../test-output/e2e')
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS) || 15000

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

function fail(msg) {
  console.error(`e2e: ${msg}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

if (!BASE_URL) fail('BASE_URL is not set (e.g. BASE_URL=http://127.0.0.1:8080)')
if (!existsSync(CHROMIUM_PATH)) fail(`no Chromium at ${CHROMIUM_PATH}; install Debian's chromium or set CHROMIUM_PATH`)

class StepError extends Error {}
function expect(cond, msg) {
  if (!cond) throw new StepError(msg)
}

const origin = new URL(BASE_URL).origin
const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
const password = 'correct horse battery'

await mkdir(OUT_DIR, { recursive: true })
const userDataDir = await mkdtemp(path.join(tmpdir(), 'mockroom-e2e-'))
let context
let passed = 0
let failed = 0
const problems = [] // page errors and foreign requests, checked as a final step

try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    timeout: 60000,
  })
  context.setDefaultTimeout(TIMEOUT)
  const page = context.pages()[0] ?? (await context.newPage())

  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('console', (msg) => {
    // Chrome logs every 4xx as "Failed to load resource"; the anonymous session
    // check is a 401 by contract. Server failures are caught by status below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console error: ${msg.text()}`)
  })
  page.on('response', (res) => {
    if (res.status() >= 500) problems.push(`server error: ${res.status()} ${res.request().method()} ${res.url()}`)
  })
  // Nothing may load from another host: no CDN, no web fonts, no trackers.
  page.on('request', (req) => {
    const u = req.url()
    if (/^(data|blob|about):/.test(u)) return
    if (new URL(u).origin !== origin) problems.push(`request to another host: ${u}`)
  })

  const shot = (name) => page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), fullPage: true })
  // Fails when the page has no horizontal room left at 1280 px.
  const noHorizontalScroll = async () => {
    const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
    expect(sw <= cw, `page scrolls sideways at 1280 px (scrollWidth ${sw} > ${cw})`)
  }

  const steps = [
    [
      'landing page explains mockroom',
      async () => {
        const res = await page.goto(BASE_URL + '/', { waitUntil: 'domcontentloaded' })
        expect(res && res.ok(), `GET / answered ${res && res.status()}`)
        await page.getByRole('heading', { level: 1 }).waitFor()
        const h1 = await page.getByRole('heading', { level: 1 }).innerText()
        expect(/interview/i.test(h1), `landing heading is ${JSON.stringify(h1)}`)
        await page.getByRole('heading', { name: 'How it works' }).waitFor()
        await noHorizontalScroll()
        await shot('01-landing')
      },
    ],
    [
      'visitor signs up',
      async () => {
        await page.getByRole('banner').getByRole('link', { name: 'Sign up' }).click()
        await page.waitForURL(/\/signup$/)
        await page.getByLabel('Full name').fill('Ada E2E')
        await page.getByLabel('Email').fill(email)
        await page.getByLabel('Password').fill(password)
        await shot('02-signup')
        await page.getByLabel('Password').press('Enter')
        await page.waitForURL(/\/dashboard$/).catch(async () => {
          const alert = await page.getByRole('alert').allInnerTexts().catch(() => [])
          throw new StepError(`no dashboard after sign-up (at ${page.url()}; alert: ${alert.join(' | ') || 'none'})`)
        })
      },
    ],
    [
      'dashboard shows 3 credits',
      async () => {
        const balance = page.getByTestId('credit-balance')
        await balance.waitFor()
        const text = (await balance.innerText()).trim()
        expect(text === '3 credits', `credit balance reads ${JSON.stringify(text)}, want "3 credits"`)
        await page.getByRole('button', { name: 'Sign out' }).waitFor()
        await noHorizontalScroll()
        await shot('03-dashboard')
      },
    ],
    [
      'library filters to easy problems',
      async () => {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Problems' }).click()
        await page.waitForURL(/\/problems(\?.*)?$/)
        await page.getByTestId('problem-row').first().waitFor()
        await page.getByRole('radio', { name: 'Easy' }).click()
        await page.waitForURL((u) => new URL(u).searchParams.get('difficulty') === 'easy')
        // Wait until the list on screen is the filtered one.
        await page.waitForFunction(() => {
          const section = document.querySelector('section[aria-label="Problems"]')
          if (!section || section.getAttribute('aria-busy') === 'true') return false
          const badges = [...section.querySelectorAll('[data-testid="difficulty-badge"]')]
          return badges.length > 0 && badges.every((b) => b.getAttribute('data-difficulty') === 'easy')
        }).catch(() => {
          throw new StepError('the list never showed only easy problems (is any easy problem loaded?)')
        })
        const labels = await page.getByTestId('problem-row').getByTestId('difficulty-badge').allInnerTexts()
        expect(labels.length > 0, 'no problems listed for difficulty=easy')
        const wrong = labels.filter((l) => l.trim().toLowerCase() !== 'easy')
        expect(wrong.length === 0, `badges that do not say easy: ${wrong.join(', ')}`)
        expect(new URL(page.url()).searchParams.get('difficulty') === 'easy', `URL ${page.url()} lacks difficulty=easy`)
        await noHorizontalScroll()
        await shot('04-library-easy')
      },
    ],
    [
      'problem page shows its examples',
      async () => {
        const link = page.getByTestId('problem-row').first().getByRole('link')
        const title = (await link.innerText()).trim()
        await link.click()
        await page.waitForURL(/\/problems\/[^/?]+$/)
        await page.getByRole('heading', { level: 1, name: title }).waitFor()
        const examples = page.getByTestId('example')
        await examples.first().waitFor()
        const n = await examples.count()
        expect(n > 0, `${title} shows no examples`)
        const first = await examples.first().innerText()
        expect(/Input/.test(first) && /Output/.test(first), `example block lacks Input/Output: ${JSON.stringify(first)}`)
        const badge = (await page.getByTestId('difficulty-badge').first().innerText()).trim().toLowerCase()
        expect(badge === 'easy', `problem badge says ${badge}, want easy`)
        await noHorizontalScroll()
        await shot('05-problem')
      },
    ],
    [
      'no page errors and nothing from another host',
      async () => {
        expect(problems.length === 0, problems.join('\n  '))
      },
    ],
  ]

  let skipping = false
  for (const [name, run] of steps) {
    if (skipping) {
      console.log(`SKIP ${name} (an earlier step failed)`)
      failed++
      continue
    }
    const t0 = Date.now()
    try {
      await run()
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

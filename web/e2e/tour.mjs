#!/usr/bin/env node
// Screenshots of every page in light and dark at 1280x800, for looking at the
// UI as a person would. Not a test: it stops at the first thing it cannot do.
//
//   BASE_URL=http://127.0.0.1:8080 node web/e2e/tour.mjs   → test-output/e2e/tour/
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')
const OUT = path.resolve(process.env.E2E_OUTPUT_DIR || path.resolve(here, '../../test-output/e2e'), 'tour')
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

await mkdir(OUT, { recursive: true })
const dir = await mkdtemp(path.join(tmpdir(), 'mockroom-tour-'))
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args,
  viewport: { width: 1280, height: 800 },
})
ctx.setDefaultTimeout(15000)
const page = ctx.pages()[0] ?? (await ctx.newPage())
page.on('pageerror', (e) => console.log('page error:', e.message))

async function both(name, settle) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.evaluate(() => localStorage.removeItem('mockroom-theme'))
    await page.reload()
    if (settle) await settle()
    await page.waitForTimeout(300)
    await page.screenshot({ path: path.join(OUT, `${name}-${scheme}.png`) })
    const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
    if (sw > cw) console.log(`${name}: horizontal scroll (${sw} > ${cw})`)
  }
  console.log('shot', name)
}

try {
  await page.goto(BASE_URL + '/')
  await both('landing', () => page.getByRole('heading', { level: 1 }).waitFor())
  await page.goto(BASE_URL + '/signin')
  await both('signin', async () => {
    await page.getByLabel('Email').waitFor()
    await page.getByRole('button', { name: 'Sign in' }).click()
  })
  await page.goto(BASE_URL + '/signup')
  await page.getByLabel('Full name').fill('Grace Tour')
  await page.getByLabel('Email').fill(`tour-${Date.now()}@example.com`)
  await page.getByLabel('Password').fill('short')
  await page.getByLabel('Full name').focus()
  await page.screenshot({ path: path.join(OUT, 'signup-validation-light.png') })
  await page.getByLabel('Password').fill('long enough password')
  await page.getByLabel('Password').press('Enter')
  await page.waitForURL(/\/dashboard$/)
  await both('dashboard', () => page.getByTestId('credit-balance').waitFor())
  await page.goto(BASE_URL + '/settings')
  await both('settings', () => page.getByLabel('Full name').waitFor())
  await page.goto(BASE_URL + '/problems')
  await both('problems', () => page.getByTestId('problem-row').first().waitFor())
  await page.goto(BASE_URL + '/problems?difficulty=medium')
  await both('problems-medium', () => page.getByTestId('problem-row').first().waitFor())
  const href = await page.getByTestId('problem-row').first().getByRole('link').getAttribute('href')
  await page.goto(BASE_URL + href)
  await both('problem', () => page.getByTestId('example').first().waitFor())
  await page.goto(BASE_URL + '/problems/does-not-exist')
  await both('problem-404', () => page.getByRole('heading', { level: 1 }).waitFor())
  await page.goto(BASE_URL + '/nowhere')
  await both('404', () => page.getByRole('heading', { level: 1 }).waitFor())
} finally {
  await ctx.close()
  await rm(dir, { recursive: true, force: true })
}
console.log('screenshots in', OUT)

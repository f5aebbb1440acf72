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
import { BASE_URL, StepError, expect, run } from './lib.mjs'

const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`
const password = 'correct horse battery'

await run('signup', ({ page, shot }) => {
  // Fails when the page has no horizontal room left at 1280 px.
  const noHorizontalScroll = async () => {
    const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
    expect(sw <= cw, `page scrolls sideways at 1280 px (scrollWidth ${sw} > ${cw})`)
  }

  return [
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
  ]
})

#!/usr/bin/env node
// Browser test of the room a candidate sits in, at 1440 px and at 390 px:
// the conversation (with the interviewer's greeting) beside the problem and
// the editor; at 390 px Run, Submit, Hint and End in reach; a reload that
// restores the last run and submit, the console tab, the custom input (whose
// result shows under it) and an unsent chat draft; a language switch and
// back that keeps the code; and no page of the journey scrolling sideways.
//
//   BASE_URL=http://127.0.0.1:8080 node web/e2e/room.spec.mjs
import { BASE_URL, TWO_SUM_PY, editorText, expect, pasteCode, run, serverSession, signUp, startInterview, waitConnected, waitSaved } from './lib.mjs'

const LONG = 90000 // the first run prepares the sandbox
let id = ''

/** Fails when the page scrolls sideways. */
async function noSideways(page, where) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
  expect(sw <= cw, `${where} scrolls sideways at ${cw} px (${sw} > ${cw})`)
}

/** The element is on screen and is what a tap at its centre reaches. */
async function reachable(page, locator, what) {
  await locator.waitFor()
  const box = await locator.boundingBox()
  const vp = page.viewportSize()
  expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 1 && box.y + box.height <= vp.height + 1, `${what} is not on screen: ${JSON.stringify(box)}`)
  const hit = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
    return top === el || el.contains(top)
  })
  expect(hit, `${what} is covered by something else`)
}

async function reloadRoom(page) {
  await page.reload({ waitUntil: 'domcontentloaded' })
  await waitConnected(page)
  await page.getByTestId('code-editor').locator('.view-line').first().waitFor()
}

await run('room', ({ page, shot }) => [
  [
    'sign up',
    async () => {
      await page.setViewportSize({ width: 1440, height: 900 })
      await signUp(page, 'Rosa Room')
    },
  ],
  [
    'at 1440 px the greeting, the problem and the editor are side by side',
    async () => {
      id = await startInterview(page, { slug: 'two-sum', language: 'python', minutes: 30 })
      const greeting = page.locator('[data-testid="transcript-line"][data-speaker="interviewer"]').first()
      await greeting.waitFor()
      const chat = await page.getByRole('complementary', { name: 'Interviewer' }).boundingBox()
      const problem = await page.getByRole('region', { name: 'Problem' }).boundingBox()
      const editor = await page.getByTestId('code-editor').boundingBox()
      expect(problem.x + problem.width <= editor.x + 2 && editor.x + editor.width <= chat.x + 2, `panes are not side by side: ${JSON.stringify({ problem, editor, chat })}`)
      expect(chat.height > 400 && problem.height > 400, 'panes are not full height')
      await reachable(page, greeting, 'the greeting')
      await noSideways(page, 'the room')
      await shot('1440-room')
    },
  ],
  [
    'resizing the conversation pane is remembered across a reload',
    async () => {
      const sep = page.getByRole('separator', { name: 'Resize the conversation pane' })
      await sep.focus()
      const before = Number(await sep.getAttribute('aria-valuenow'))
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft')
      const after = Number(await sep.getAttribute('aria-valuenow'))
      expect(after > before, `ArrowLeft did not widen the conversation (${before} → ${after})`)
      await reloadRoom(page)
      const restored = Number(await page.getByRole('separator', { name: 'Resize the conversation pane' }).getAttribute('aria-valuenow'))
      expect(restored === after, `after a reload the conversation is ${restored}% wide, want ${after}%`)
    },
  ],
  [
    'at 390 px: stacked, the greeting first, Run/Submit/Hint/End in reach, nothing sideways',
    async () => {
      await page.setViewportSize({ width: 390, height: 844 })
      await reloadRoom(page)
      await reachable(page, page.locator('[data-testid="transcript-line"][data-speaker="interviewer"]').first(), 'the greeting')
      for (const name of [/^Hint, \d+ of \d+ used$/, 'Run', 'Submit', 'End interview']) {
        await reachable(page, page.getByRole('button', { name, exact: typeof name === 'string' }), `${name} at 390 px`)
      }
      await noSideways(page, 'the room')
      await shot('390-room')
      // Scrolled down to the editor, the actions are still there.
      await page.getByTestId('code-editor').scrollIntoViewIfNeeded()
      await reachable(page, page.getByRole('button', { name: 'Submit', exact: true }), 'Submit after scrolling')
    },
  ],
  [
    'a custom input run shows its result under the input; a chat draft is typed, not sent',
    async () => {
      await pasteCode(page, TWO_SUM_PY)
      await waitSaved(page)
      await page.getByRole('tab', { name: 'Custom input' }).click()
      await page.getByLabel(/Custom input for Run/).fill('{"nums": [3, 3], "target": 6}')
      await page.getByRole('button', { name: 'Run', exact: true }).click()
      const result = page.getByTestId('custom-result')
      await result.waitFor({ timeout: LONG })
      expect((await result.innerText()).includes('[0,1]'), `custom result: ${await result.innerText()}`)
      await page.getByLabel('Message the interviewer').fill('I think a hash map works here')
      await shot('390-custom-result')
    },
  ],
  [
    'Submit (confirmed) at 390 px',
    async () => {
      await page.getByRole('button', { name: 'Submit', exact: true }).click()
      const dialog = page.getByRole('dialog', { name: 'Submit your solution?' })
      await dialog.waitFor()
      await dialog.getByRole('button', { name: 'Submit' }).click()
      await page.getByTestId('report-summary').filter({ hasText: 'Submit:' }).waitFor({ timeout: LONG })
    },
  ],
  [
    'a reload restores the submit, the last run, the tab, the custom input and the draft',
    async () => {
      await page.getByRole('tab', { name: 'Custom input' }).click()
      await reloadRoom(page)
      expect((await page.getByLabel('Message the interviewer').inputValue()) === 'I think a hash map works here', 'the chat draft was lost')
      expect((await page.getByRole('tab', { name: 'Custom input' }).getAttribute('aria-selected')) === 'true', 'the console tab was not restored')
      const input = await page.getByLabel(/Custom input for Run/).inputValue()
      expect(input === '{"nums": [3, 3], "target": 6}', `custom input after reload: ${input}`)
      expect((await page.getByTestId('report-summary').innerText()).includes('Submit:'), 'the submit result was not restored')
      await page.getByRole('button', { name: 'Last run' }).click()
      await page.getByTestId('custom-result').waitFor()
      await page.getByRole('tab', { name: 'Tests' }).click()
      await page.getByRole('button', { name: 'Last submit' }).click()
      await page.getByTestId('hidden-summary').waitFor()
      await noSideways(page, 'the room with results')
      await shot('390-restored')
    },
  ],
  [
    'switching language and back keeps the code',
    async () => {
      await page.getByLabel('Language').selectOption('javascript')
      const dialog = page.getByRole('dialog', { name: 'Switch to JavaScript?' })
      await dialog.waitFor()
      await dialog.getByRole('button', { name: 'Switch language' }).click()
      await dialog.waitFor({ state: 'hidden' })
      let s = await serverSession(page, id)
      expect(s.language === 'javascript' && !s.code.includes('seen[x] = i'), `after the switch the server has ${s.language}: ${JSON.stringify(s.code)}`)
      await page.getByLabel('Language').selectOption('python')
      await page.getByRole('dialog', { name: 'Switch to Python?' }).getByRole('button', { name: 'Switch language' }).click()
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
      const text = await editorText(page)
      expect(text.includes('seen[x] = i'), `back in Python the editor shows ${JSON.stringify(text)}`)
      s = await serverSession(page, id)
      expect(s.language === 'python' && s.code.includes('seen[x] = i'), `back in Python the server has ${JSON.stringify(s.code)}`)
      await reloadRoom(page)
      expect((await editorText(page)).includes('seen[x] = i'), 'the code is gone after a reload')
    },
  ],
  [
    'every page of the journey at 390 px, reloaded, without sideways scrolling',
    async () => {
      for (const [path, ready] of [
        ['/dashboard', 'resume-interview'],
        ['/problems', 'problem-row'],
        ['/problems?q=zzqqxx', null],
        ['/problems/two-sum', 'example'],
        ['/settings', null],
        ['/', null],
      ]) {
        await page.goto(BASE_URL + path, { waitUntil: 'domcontentloaded' })
        await page.reload({ waitUntil: 'domcontentloaded' })
        if (ready) await page.getByTestId(ready).first().waitFor()
        else await page.getByRole('heading', { level: 1 }).first().waitFor()
        await noSideways(page, path)
        await shot(`390-page-${path.replace(/\W+/g, '-')}`)
      }
      // The top bar folds into a menu that still reaches everything.
      await page.getByRole('button', { name: 'Open menu' }).click()
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Dashboard' }).click()
      await page.waitForURL(/\/dashboard$/)
      await page.getByTestId('resume-interview').getByRole('link', { name: 'Resume' }).click()
      await page.waitForURL(new RegExp(`/interview/${id}$`))
      await waitConnected(page)
    },
  ],
  [
    'End at 390 px leads to a truthful summary that fits',
    async () => {
      await page.getByRole('button', { name: 'End interview' }).click()
      await page.getByRole('dialog', { name: 'End the interview?' }).getByRole('button', { name: 'End interview' }).click()
      await page.waitForURL(new RegExp(`/sessions/${id}$`))
      await page.getByTestId('tests-passed').waitFor()
      const label = await page.getByTestId('tests-label').innerText()
      expect(/submit/.test(label), `tests label: ${label}`)
      const finalRun = await page.getByTestId('final-run').innerText()
      expect(/Last submit of this code/.test(finalRun), `final run: ${finalRun}`)
      await page.reload({ waitUntil: 'domcontentloaded' })
      await page.getByTestId('tests-passed').waitFor()
      await noSideways(page, 'the summary')
      await shot('390-summary')
    },
  ],
])

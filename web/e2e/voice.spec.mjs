#!/usr/bin/env node
// Browser test of a spoken interview: sign up, start an interview, press
// the microphone (the explainer, then Chromium's fake microphone, granted
// without a prompt), and expect voice to go live, the interviewer's answer
// to play, the candidate's next utterance to cut it off within 200 ms
// (barge-in), both speakers' spoken lines in the transcript, and, once the
// speech service goes away, the room to fall back to text calmly with the
// chat still usable.
//
// Needs a server with VOICE_PROVIDER=openai pointed at a fake (cmd/mockroom
// e2e_test.go starts one), and:
//   E2E_CHROMIUM_EXTRA_ARGS  --use-fake-ui-for-media-stream --use-fake-device-for-media-stream
//                            --use-file-for-fake-audio-capture=<wav>: silence, a short utterance,
//                            silence, repeating, so a second utterance lands during the answer
//   E2E_VOICE_CONTROL_URL    a loopback URL that, POSTed, takes the fake speech service away
//
//   BASE_URL=http://127.0.0.1:8080 node web/e2e/voice.spec.mjs
import { expect, run, signUp, startInterview } from './lib.mjs'

const CONTROL = process.env.E2E_VOICE_CONTROL_URL ?? ''
const panelSel = '[data-testid="voice-panel"]'

let id = ''

/** The voice panel's data attributes, read in the page. */
async function panel(page) {
  return page.locator(panelSel).evaluate((el) => ({
    status: el.getAttribute('data-voice-status'),
    played: Number(el.getAttribute('data-played-ms') || 0),
    bargeIn: el.getAttribute('data-bargein-ms'),
    speaking: el.getAttribute('data-speaking'),
    fallback: el.getAttribute('data-fallback'),
  }))
}

/** Waits until the panel's attributes satisfy ok, or fails with what they were. */
async function waitPanel(page, what, ok, timeout = 15000) {
  const deadline = Date.now() + timeout
  let last
  while (Date.now() < deadline) {
    last = await panel(page)
    if (ok(last)) return last
    await page.waitForTimeout(50)
  }
  throw new Error(`${what}: the voice panel still says ${JSON.stringify(last)}`)
}

await run('voice', ({ page, shot }) => [
  [
    'sign up and start an interview',
    async () => {
      expect(CONTROL !== '', 'E2E_VOICE_CONTROL_URL is not set')
      await signUp(page, 'Vera Voice')
      id = await startInterview(page, { slug: 'two-sum', language: 'python', minutes: 30 })
      const p = await panel(page)
      expect(p.status === 'off', `voice starts ${p.status}`)
    },
  ],
  [
    'the microphone button explains, then voice goes live',
    async () => {
      const mic = page.getByRole('button', { name: 'Start voice interview' })
      expect((await mic.getAttribute('aria-pressed')) === 'false', 'the mic button is pressed before it was pressed')
      await mic.click()
      // The explainer comes first while the browser has not decided; with
      // the fake media UI Chromium may report the microphone as granted
      // already, and then the room goes straight on (the explainer's own
      // states are the panel's component tests).
      const explainer = page.getByText('mockroom needs your microphone to hear you; audio goes only to this interview and is not recorded.')
      const shown = await explainer.waitFor({ timeout: 3000 }).then(() => true, () => false)
      if (shown) {
        await shot('01-explainer')
        await page.getByRole('button', { name: 'Continue' }).click()
      }
      await waitPanel(page, 'voice live', (p) => p.status === 'live')
      const stop = page.getByRole('button', { name: 'Stop voice' })
      expect((await stop.getAttribute('aria-pressed')) === 'true', 'the mic button is not pressed while live')
      await page.getByRole('meter', { name: 'Microphone level' }).waitFor()
      await shot('02-live')
    },
  ],
  [
    "the interviewer's answer plays",
    async () => {
      await waitPanel(page, 'interviewer audio played', (p) => p.played > 300, 20000)
    },
  ],
  [
    'speaking over the interviewer cuts it off within 200 ms',
    async () => {
      const p = await waitPanel(page, 'a barge-in', (p) => p.bargeIn !== '' && p.bargeIn !== null, 20000)
      const ms = Number(p.bargeIn)
      expect(Number.isFinite(ms) && ms <= 200, `barge-in took ${p.bargeIn} ms from trigger to silence, want ≤ 200`)
      console.log(`     barge-in: ${ms} ms from trigger to silence, after ${p.played} ms of the interviewer played`)
      await shot('03-barge-in')
    },
  ],
  [
    'the transcript holds spoken lines of both speakers',
    async () => {
      const deadline = Date.now() + 15000
      let lines = []
      while (Date.now() < deadline) {
        lines = await page.evaluate(async (sid) => {
          const r = await fetch(`/api/sessions/${encodeURIComponent(sid)}/transcript`, { credentials: 'same-origin' })
          return (await r.json()).transcript ?? []
        }, id)
        const spoken = (who) => lines.some((l) => l.speaker === who && l.metadata?.voice === true && l.content.trim() !== '')
        if (spoken('candidate') && spoken('interviewer')) break
        await page.waitForTimeout(250)
      }
      const spoken = lines.filter((l) => l.metadata?.voice === true).map((l) => `${l.speaker}: ${l.content}`)
      expect(
        lines.some((l) => l.speaker === 'candidate' && l.metadata?.voice === true) && lines.some((l) => l.speaker === 'interviewer' && l.metadata?.voice === true),
        `spoken lines: ${JSON.stringify(spoken)}`,
      )
      // The room marks them with a mic icon.
      await page.locator('[data-testid="transcript-line"][data-voice="true"][data-speaker="candidate"]').first().waitFor()
      await page.locator('[data-testid="transcript-line"][data-voice="true"][data-speaker="interviewer"]').first().waitFor()
    },
  ],
  [
    'the speech service goes away: the room switches to text',
    async () => {
      const res = await fetch(CONTROL, { method: 'POST' })
      expect(res.status === 204, `the control answered ${res.status}`)
      // The server retries three times with backoff (0.5 s, 1 s, 2 s) before it gives up.
      const p = await waitPanel(page, 'voice off with the fallback', (p) => p.status === 'off' && p.fallback === 'true', 20000)
      expect(p.speaking === 'false', 'the interviewer still speaks after voice stopped')
      const msg = (await page.getByTestId('voice-message').innerText()).trim()
      expect(/Voice stopped/.test(msg) && /chat/.test(msg), `the fallback message: ${JSON.stringify(msg)}`)
      await page.getByRole('button', { name: 'Try voice again' }).waitFor()
      await page.getByRole('button', { name: 'Start voice interview' }).waitFor()
      const chat = page.getByLabel('Message the interviewer')
      expect(await chat.isEnabled(), 'the chat input is disabled after the fallback')
      await chat.fill('Typing works after voice stopped.')
      await chat.press('Enter')
      await page.locator('[data-testid="transcript-line"][data-speaker="candidate"]').filter({ hasText: 'Typing works after voice stopped.' }).waitFor()
      await shot('04-fallback')
    },
  ],
])

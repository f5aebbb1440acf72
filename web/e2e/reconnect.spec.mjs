#!/usr/bin/env node
// Browser test of the realtime client's resume: start an interview, edit,
// cut the page's network, keep editing while the room says
// Reconnecting/Offline, restore the network, and check through the API that
// the server's code is the last edit.
//
// The cut has two halves because Chrome's offline emulation (DevTools
// Protocol) fails new requests but leaves an open WebSocket alone: every
// socket goes through page.routeWebSocket, which proxies to the server and,
// during the outage, closes the open ones and refuses new ones.
//
//   BASE_URL=http://127.0.0.1:8080 node web/e2e/reconnect.spec.mjs
//
// Env as in signup.spec.mjs.
import { StepError, TIMEOUT, editorText, expect, run, serverSession, signUp, startInterview, typeAtEnd, waitConnected, waitSaved } from './lib.mjs'

let id = ''
let cdp
let down = false
const sockets = new Set()

async function network(online) {
  down = !online
  await cdp.send('Network.emulateNetworkConditions', { offline: !online, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
  if (!online) {
    for (const { page, server } of sockets) {
      server.close({ code: 1001, reason: 'test outage' })
      page.close({ code: 1011, reason: 'test outage' })
    }
    sockets.clear()
  }
}

await run('reconnect', ({ page, context, shot }) => [
  [
    'start an interview and edit',
    async () => {
      await page.routeWebSocket(/\/ws$/, (ws) => {
        if (down) {
          ws.close({ code: 1011, reason: 'test outage' })
          return
        }
        const entry = { page: ws, server: ws.connectToServer() }
        sockets.add(entry)
        ws.onClose(() => sockets.delete(entry))
      })
      await signUp(page, 'Grace Reconnect')
      id = await startInterview(page, { slug: 'two-sum', language: 'python', minutes: 30 })
      await typeAtEnd(page, '\n# edit 1')
      await waitSaved(page)
      const s = await serverSession(page, id)
      expect(s.code.includes('# edit 1'), `server code after edit 1: ${JSON.stringify(s.code)}`)
    },
  ],
  [
    'cut the network: the room says so',
    async () => {
      cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await network(false)
      await page.locator('[data-testid="connection"]:not([data-state="connected"])').waitFor({ timeout: 20000 })
      const pill = (await page.getByTestId('connection').innerText()).trim()
      expect(/Reconnecting… \(attempt \d\/5\)|Offline — saving via REST/.test(pill), `pill reads ${JSON.stringify(pill)}`)
    },
  ],
  [
    'edits while down wait in the outbox',
    async () => {
      await typeAtEnd(page, '\n# edit 2')
      await typeAtEnd(page, '\n# edit 3 (while offline)')
      await page.getByTestId('save-state').filter({ hasText: 'saving' }).waitFor()
      // The edit is debounced (300 ms), then kept in localStorage until acknowledged.
      await page
        .waitForFunction((sid) => (localStorage.getItem(`mockroom.rt.${sid}`) ?? '').includes('# edit 3 (while offline)'), id, { timeout: 5000 })
        .catch(async () => {
          const stored = await page.evaluate((sid) => localStorage.getItem(`mockroom.rt.${sid}`), id)
          throw new StepError(`the last edit never reached the stored outbox: ${stored}`)
        })
      await shot('01-offline')
    },
  ],
  [
    'restore the network: it reconnects and the server has the last edit',
    async () => {
      await network(true)
      await waitConnected(page, 45000)
      await waitSaved(page, TIMEOUT)
      const text = await editorText(page)
      const s = await serverSession(page, id)
      expect(s.code === text, `server code ${JSON.stringify(s.code)} != editor ${JSON.stringify(text)}`)
      expect(s.code.includes('# edit 3 (while offline)'), `server code lacks the last edit: ${JSON.stringify(s.code)}`)
      const stored = await page.evaluate((sid) => JSON.parse(localStorage.getItem(`mockroom.rt.${sid}`) ?? '{"outbox":[]}'), id)
      expect(stored.outbox.length === 0, `outbox not empty after acks: ${JSON.stringify(stored.outbox)}`)
      await shot('02-reconnected')
    },
  ],
])

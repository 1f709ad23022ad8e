/**
 * Recovering from a damaged change, in a real Chromium through the real app. The device's copy
 * of a board holds an objective carrying a 3,000-deep chain of nested maps (a board stored
 * before the relay refused them) and, after it, the delete of that objective as the app emitted
 * it before this fix: Yjs overflowed halfway down the chain, the undo manager kept the deleted
 * items, and the doc sent a delete of the chain's top. Loading that copy overflows again and
 * wedges the doc: every later edit stayed in memory and was gone after a reload. Now the board
 * reopens from the copy with a notice, and later edits survive a reload and reach the server.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createObjective, deleteObjective } from '../../core/board/commands/index'
import { readBoard } from '../../core/board/read'
import { connectProvider } from '../helpers/clients'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import {
  E2E_CLIENT_DIR,
  launchBrowser,
  REPO_ROOT,
  screenshot,
  type LaunchedBrowser,
} from '../helpers/browser'

const DEPTH = 3000
const SEED = 'seed'

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let context: BrowserContext
let page: Page
/** While false the page's socket opens but reaches nothing: a server that never answers. */
let serverAnswers = true
const consoleLog: string[] = []

/**
 * What a device stored for `base` after `o1` gained a deep chain and a person then deleted `o1`
 * in the app before this fix: the chain, and the delete that stopped halfway down it.
 */
function poisonedHistory(base: Y.Doc, depth: number): Uint8Array[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const stored: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => stored.push(update))
  const objective = doc.getMap('objectives').get('o1') as Y.Map<unknown>
  doc.transact(() => {
    let current = new Y.Map<unknown>()
    objective.set('payload', current)
    for (let i = 1; i < depth; i++) {
      const next = new Y.Map<unknown>()
      current.set('x', next)
      current = next
    }
  })
  const person = { local: 'ada' }
  const undo = new Y.UndoManager(doc.getMap('objectives'), { trackedOrigins: new Set([person]) })
  expect(() => deleteObjective(doc, { id: 'o1' }, person)).toThrow()
  undo.destroy()
  expect(stored).toHaveLength(2)
  return stored
}

/** Appends one update to the board's copy on this device, where y-indexeddb will load it. */
function addToDeviceCopy(update: Uint8Array): Promise<void> {
  return page.evaluate(
    ({ name, bytes }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction('updates', 'readwrite')
          tx.objectStore('updates').add(Uint8Array.from(bytes))
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    { name: `stretchboard:${board.id}`, bytes: Array.from(update) },
  )
}

const objectiveIds = () =>
  page
    .locator('[data-testid^="objective-delete-"]')
    .evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('data-testid')!.slice('objective-delete-'.length)),
    )

async function showObjectives(): Promise<void> {
  await page.locator('[data-view="okrs"]').click()
  await page.getByTestId('okr-workspace').waitFor()
  await page.getByTestId('okr-tab-editor').click()
  await page.getByTestId('objective-o2').waitFor()
}

beforeAll(async () => {
  server = await startTestServer({ config: { staticDir: E2E_CLIENT_DIR } })
  board = await server.createBoard('Poisoned board')
  peer = connectProvider(server.wsUrl, board.id, board.editToken)
  await waitFor(() => peer.synced, { what: 'seed peer synced' })
  createObjective(peer.doc, { id: 'o1', title: 'Delight new customers', order: 0 }, SEED)
  createObjective(peer.doc, { id: 'o2', title: 'Keep the lights on', order: 1 }, SEED)
  await waitFor(() => readBoard(server.relay.rooms.get(board.id)!.doc).objectives.length === 2, {
    what: 'server has the seeded objectives',
  })
  launched = await launchBrowser()
  context = await launched.browser.newContext({ baseURL: server.url })
  page = await context.newPage()
  page.on('console', (m) => consoleLog.push(`${m.type()}: ${m.text()}`))
  page.on('pageerror', (e) => {
    consoleLog.push(`error: ${e.message}`)
    // Where it was thrown, for the log file only (a second, unexpected error is diagnosed there).
    consoleLog.push(`  stack: ${(e.stack ?? '').split('\n').slice(1, 8).join(' | ')}`)
  })
  await page.routeWebSocket(/\/ws/, (ws) => {
    if (serverAnswers) ws.connectToServer()
  })
})

afterAll(async () => {
  // The page's console, for diagnosing a failure afterwards.
  mkdirSync(join(REPO_ROOT, 'test-output'), { recursive: true })
  writeFileSync(join(REPO_ROOT, 'test-output', 'e2e-recovery-console.log'), consoleLog.join('\n'))
  peer?.destroy()
  await launched?.close()
  await server?.close()
})

describe('a damaged change in the browser', () => {
  it('reopens the board, and the edits made after it survive a reload and reach the server', async () => {
    const link = new URL(board.editUrl)
    await page.goto(link.pathname + link.hash)
    await page.getByTestId('name-input').fill('Ada')
    await page.getByTestId('name-save').click()
    await showObjectives()
    await expect.poll(objectiveIds).toEqual(['o1', 'o2'])

    serverAnswers = false
    for (const update of poisonedHistory(peer.doc, DEPTH)) await addToDeviceCopy(update)
    await page.reload()
    await expect
      .poll(() => page.getByTestId('notice').textContent(), { timeout: 15_000 })
      .toContain('The board was reloaded after a damaged change')
    await screenshot(page, 'recovered-after-damaged-change')

    // The copy's own delete of o1 stands; edits after the recovery are saved as usual.
    await showObjectives()
    expect(await objectiveIds()).toEqual(['o2'])
    await page.getByTestId('add-objective').click()
    await expect.poll(async () => (await objectiveIds()).length).toBe(2)
    const kept = await objectiveIds()

    await page.reload()
    await showObjectives()
    await expect.poll(objectiveIds).toEqual(kept)

    serverAnswers = true
    await page.reload()
    await showObjectives()
    const room = () => server.relay.rooms.get(board.id)
    await waitFor(
      () => {
        const ids = room() ? readBoard(room()!.doc).objectives.map((o) => o.id) : []
        return ids.length === 2 && kept.every((id) => ids.includes(id))
      },
      { what: 'the server has the edits made after the damaged change', timeoutMs: 15_000 },
    )
    // One uncaught error: y-indexeddb's load of the damaged copy (its promise rejects); the
    // recovered board never hit it again.
    expect(consoleLog.filter((line) => line.startsWith('error:'))).toHaveLength(1)
    expect(consoleLog.filter((line) => line.includes('reopening the board'))).toHaveLength(1)
  })
})

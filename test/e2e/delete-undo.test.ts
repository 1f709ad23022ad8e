/**
 * Deleting with history attached asks first and can be undone (issue 14's polish list), in a
 * real Chromium with two people on one board: A presses ✕ on an objective with two key results
 * and a check-in, is asked "Delete “…” with 2 key results and 1 check-in?", keeps it with Esc,
 * then deletes it; B sees it go; A's toast undoes it and B sees the objective, its key results
 * and the check-in back. An empty objective goes at once, with its toast; a newer change of A's
 * takes the toast away rather than letting Undo revert the wrong thing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { createCheckIn, createKeyResult, createObjective } from '../../core/board/commands/index'
import { readBoard } from '../../core/board/read'
import type { EpochMs } from '../../core/okr/okr-model'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import type { LaunchedBrowser } from '../helpers/browser'
import { SEED, closeE2e, joinBoard, openSeededBoard, showOkrs } from '../helpers/e2e-board'

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

function seed(doc: Y.Doc): void {
  createObjective(doc, { id: 'o1', title: 'Keep customers', status: 'active' }, SEED)
  createObjective(doc, { id: 'o2', title: 'Empty idea', order: 1 }, SEED)
  for (const [id, title, order] of [
    ['k1', 'Cut churn from 8% to 5%', 0],
    ['k2', 'Raise NPS from 32 to 45', 1],
  ] as const) {
    createKeyResult(doc, { id, objectiveId: 'o1', title, start: 0, target: 10, order }, SEED)
  }
  createCheckIn(doc, { id: 'c1', keyResultId: 'k1', at: Date.now() as EpochMs, value: 3 }, SEED)
}

async function open(page: Page, name: string): Promise<void> {
  await joinBoard(page, server, board.editUrl, name, { delay: 60 })
  await showOkrs(page, 'editor')
}

const seen = (page: Page, id: string) => page.getByTestId(`objective-${id}`).count()
const serverBoard = () => readBoard(server.relay.rooms.get(board.id)!.doc)

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Delete and undo',
    seed,
    stored: (stored) => stored.checkIns.length === 1,
    what: 'server has the seeded board',
  }))
  await open(pageA, 'Ada')
  await open(pageB, 'Ben')
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('delete asks first and undoes', () => {
  it('asks before deleting an objective with history; Esc keeps it', async () => {
    await pageA.getByTestId('objective-delete-o1').click()
    const confirm = pageA.getByTestId('objective-delete-o1-confirm')
    await confirm.waitFor()
    expect(await confirm.textContent()).toContain(
      'Delete “Keep customers” with 2 key results and 1 check-in?',
    )
    // Focus starts on Keep, so Enter or Esc never deletes by accident.
    await pageA.keyboard.press('Escape')
    await confirm.waitFor({ state: 'detached' })
    expect(await seen(pageA, 'o1')).toBe(1)
    expect(serverBoard().objectives.map((o) => o.id)).toContain('o1')
  })

  it('deletes on confirmation for everyone, and Undo brings it all back for everyone', async () => {
    await pageA.getByTestId('objective-delete-o1').click()
    await pageA.getByTestId('objective-delete-o1-yes').click()
    await waitFor(async () => (await seen(pageB, 'o1')) === 0, { what: 'B sees o1 deleted' })
    expect(serverBoard().keyResults.map((k) => k.id)).toEqual([])
    const toast = pageA.getByTestId('undo-toast')
    expect(await toast.textContent()).toContain('Deleted objective “Keep customers”.')
    await pageA.getByTestId('undo-toast-undo').click()
    await toast.waitFor({ state: 'detached' })
    await waitFor(async () => (await seen(pageB, 'o1')) === 1, { what: 'B sees o1 back' })
    const after = serverBoard()
    expect(after.keyResults.map((k) => k.id).sort()).toEqual(['k1', 'k2'])
    expect(after.checkIns.map((c) => c.id)).toEqual(['c1'])
    expect(await pageB.getByTestId('objective-o1').locator('sb-okr-key-result').count()).toBe(2)
  })

  it('deletes an empty objective at once; a newer change takes the toast away', async () => {
    await pageA.getByTestId('objective-delete-o2').click()
    expect(await pageA.getByTestId('objective-delete-o2-confirm').count()).toBe(0)
    await waitFor(async () => (await seen(pageB, 'o2')) === 0, { what: 'B sees o2 deleted' })
    const toast = pageA.getByTestId('undo-toast')
    await toast.waitFor()
    // A new objective is A's newer step: Undo would now revert it, not the deletion.
    await pageA.getByTestId('add-objective').click()
    await toast.waitFor({ state: 'detached' })
    await waitFor(() => serverBoard().objectives.length === 2, { what: 'new objective stored' })
    expect(serverBoard().objectives.map((o) => o.id)).not.toContain('o2')
  })
})

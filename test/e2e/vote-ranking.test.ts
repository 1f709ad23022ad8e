/**
 * Issue 14 item 5: one vote ranking. Ada and Ben put dots on notes inside groups (and one on a
 * loose note); once revealed, both see the groups ranked by their notes' dots with the dots
 * beneath, and Convert makes objectives in that same order — even though the single most-voted
 * note sits in the second group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import {
  assignNotes,
  createGroup,
  createNote,
  revealNotes,
  setPhase,
} from '../../core/board/commands/index'
import { readSealed } from '../../core/board/private-room'
import { sealedTotals } from '../../core/board/visibility'
import type { EpochMs } from '../../core/okr/okr-model'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { SEED, closeE2e, joinBoard, openSeededBoard } from '../helpers/e2e-board'

const TYPING = { delay: 140 }

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

function seed(doc: Y.Doc): void {
  const frame = { y: 0, w: 380, h: 260 }
  createGroup(doc, { id: 'g1', x: 0, ...frame, title: 'Keep our customers' }, SEED)
  createGroup(doc, { id: 'g2', x: 420, ...frame, title: 'Fast product' }, SEED)
  const notes = [
    ['n1', 'g1', 'Cut churn from 8% to 4%'],
    ['n2', 'g1', 'Raise NPS from 30 to 45'],
    ['n3', 'g2', 'Cut p95 latency to under 300 ms'],
    ['n9', null, 'Hire a designer'],
  ] as const
  for (const [i, [id, groupId, text]] of notes.entries()) {
    const x = groupId === 'g2' ? 440 : groupId === null ? 860 : 20 + (i % 2) * 180
    createNote(doc, { id, x, y: 60, author: 'ann', createdAt: (1000 + i) as EpochMs, text }, SEED)
    if (groupId !== null) assignNotes(doc, { noteIds: [id], groupId }, SEED)
  }
  revealNotes(doc, { revealed: true }, SEED)
  setPhase(doc, { phase: 'vote' }, SEED)
}

async function open(page: Page, link: string, name: string): Promise<void> {
  await joinBoard(page, server, link, name, TYPING)
  const toggle = page.getByTestId('toggle-list')
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
}

const note = (page: Page, text: string) =>
  page.locator('li[data-note-id]').filter({ hasText: text })
async function dot(page: Page, text: string, times: number): Promise<void> {
  const budget = page.getByTestId('vote-budget')
  for (let i = 0; i < times; i++) {
    const left = Number(await budget.getAttribute('data-left'))
    await note(page, text).locator('[data-action="vote"]').click()
    await expect.poll(async () => Number(await budget.getAttribute('data-left'))).toBe(left - 1)
  }
}
const ranked = (page: Page) =>
  page
    .getByTestId('ranking')
    .locator(':scope > li')
    .evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-target-id'), row.getAttribute('data-votes')]),
    )

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Vote ranking',
    seed,
    stored: (stored) => stored.meta.phase === 'vote',
    what: 'server has the seeded board',
  }))
  // Ada facilitates (she reveals the votes and converts); Ben participates.
  await Promise.all([open(pageA, board.facilitatorUrl, 'Ada'), open(pageB, board.editUrl, 'Ben')])
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('one vote ranking', () => {
  it("ranks groups by their notes' dots in Results, on both pages", async () => {
    // Both vote at once: the single most-voted note (latency, 3) is in the smaller group.
    await Promise.all([
      dot(pageA, 'Cut p95 latency', 3),
      (async () => {
        await dot(pageB, 'Cut churn', 2)
        await dot(pageB, 'Raise NPS', 2)
        await dot(pageB, 'Hire a designer', 1)
      })(),
    ])
    // Sealed until the reveal: the relay's counts say all 8 dots are cast, not where.
    await waitFor(() => sealedTotals(readSealed(peer.doc)).dots === 8, { what: 'votes' })
    await pageA.getByTestId('reveal-votes').click()
    for (const page of [pageA, pageB]) {
      await expect
        .poll(() => ranked(page))
        .toEqual([
          ['g1', '4'],
          ['g2', '3'],
          ['n9', '1'],
        ])
    }
    const first = pageB.getByTestId('ranking').locator(':scope > li').first()
    expect(await first.getAttribute('data-kind')).toBe('group')
    const beneath = await first
      .locator('[role="listitem"]')
      .evaluateAll((items) =>
        items.map((i) => [i.getAttribute('data-target-id'), i.getAttribute('data-votes')]),
      )
    expect(beneath).toEqual([
      ['n1', '2'],
      ['n2', '2'],
    ])
    await screenshot(pageB, 'vote-ranking-results')
  })

  it('Convert makes objectives in the order Results shows', async () => {
    await pageA.locator('[data-view="okrs"]').click()
    await pageA.getByTestId('okr-workspace').waitFor()
    await pageA.getByTestId('okr-tab-convert').click()
    await pageA.getByTestId('convert-preview').waitFor()
    const drafts = pageA.locator('[data-objective-draft]')
    await expect.poll(() => drafts.count()).toBe(2)
    expect(
      await drafts.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-objective-draft'))),
    ).toEqual(['obj:g1', 'obj:g2'])
  })
})

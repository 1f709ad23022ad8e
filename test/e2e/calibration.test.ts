/**
 * Issue 17, calibration: Ann and Ben, in two browsers, each check in on a key result with a
 * predicted end score. In the retrospective each sees only their own calibration under "Your
 * calibration", and both see the same pooled team figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import {
  applyConversion,
  assignNotes,
  castVote,
  createGroup,
  createNote,
  revealNotes,
  setBoardTimeframe,
} from '../../core/board/commands/index'
import { convertBoard } from '../../core/convert/convert-board'
import { readBoard } from '../../core/board/read'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { PERIOD, SEED, closeE2e, joinBoard, openSeededBoard, showOkrs } from '../helpers/e2e-board'

const TYPING = { delay: 120 }

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

/** One objective, two key results: teams 120 → 200 and NPS 30 → 45. */
function seed(doc: Y.Doc): void {
  setBoardTimeframe(doc, { timeframe: { start: PERIOD.start, end: PERIOD.end } }, SEED)
  createGroup(doc, { id: 'g1', x: 0, y: 0, w: 400, h: 240, title: 'Keep our customers' }, SEED)
  const notes = [
    ['n1', 'Grow weekly active teams from 120 to 200'],
    ['n2', 'Raise NPS from 30 to 45'],
  ] as const
  for (const [i, [id, text]] of notes.entries()) {
    createNote(
      doc,
      { id, x: 20 + i * 180, y: 50, author: 'ann', createdAt: PERIOD.start, text },
      SEED,
    )
    assignNotes(doc, { noteIds: [id], groupId: 'g1' }, SEED)
  }
  castVote(doc, { voterId: 'ann', targetId: 'g1', count: 3 }, SEED)
  revealNotes(doc, { revealed: true }, SEED)
  applyConversion(doc, convertBoard(readBoard(doc)), SEED)
}

const checkIns = () => readBoard(peer.doc).checkIns

async function checkIn(page: Page, kr: string, value: string, predicted: string): Promise<void> {
  await page.getByTestId(`checkin-pick-${kr}`).click()
  await expect.poll(() => page.getByTestId('checkin-detail').getAttribute('data-kr')).toBe(kr)
  await page.getByTestId('checkin-value').pressSequentially(value, TYPING)
  await page.getByTestId('checkin-predicted').pressSequentially(predicted, TYPING)
  await page.getByTestId('checkin-submit').click()
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim()

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Calibration',
    seed,
    stored: (stored) => stored.keyResults.length === 2,
    what: 'server has the seeded key results',
  }))
  await Promise.all([
    joinBoard(pageA, server, board.editUrl, 'Ann', TYPING),
    joinBoard(pageB, server, board.editUrl, 'Ben', TYPING),
  ])
  await Promise.all([showOkrs(pageA, 'checkins'), showOkrs(pageB, 'checkins')])
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('calibration in the retrospective', () => {
  it('shows each person only their own calibration and both the same team figure', async () => {
    // Ann expects 0.9 on teams, which stand at 160 (0.5): 0.4 too high.
    await checkIn(pageA, 'kr:n1', '160', '0.9')
    // Ben expects 0.4 on NPS, which stands at 39 (0.6): 0.2 too low.
    await checkIn(pageB, 'kr:n2', '39', '0.4')
    await waitFor(() => checkIns().length === 2, { what: 'both check-ins stored' })
    expect(
      checkIns()
        .map((c) => c.predictedScore)
        .sort(),
    ).toEqual([0.4, 0.9])

    await Promise.all([
      pageA.getByTestId('okr-tab-retro').click(),
      pageB.getByTestId('okr-tab-retro').click(),
    ])
    await expect
      .poll(() => text(pageA, 'calibration-mine'))
      .toBe(
        'You predicted 0.4 higher than the final scores on average (over-confident), over 1 prediction.',
      )
    await expect
      .poll(() => text(pageB, 'calibration-mine'))
      .toBe(
        'You predicted 0.2 lower than the final scores on average (under-confident), over 1 prediction.',
      )
    // Pooled: +0.4 and −0.2 average to +0.1, a typical miss of 0.3; nobody's own figure.
    const team =
      'The team predicted 0.1 higher than the final scores on average (over-confident), over 2 predictions. Average miss either way (mean absolute error): 0.3. 2 people gave predictions.'
    await expect.poll(() => text(pageA, 'calibration-team')).toBe(team)
    await expect.poll(() => text(pageB, 'calibration-team')).toBe(team)
    const cardA = await text(pageA, 'retro-calibration')
    const cardB = await text(pageB, 'retro-calibration')
    expect(cardA).not.toContain('0.2 lower')
    expect(cardB).not.toContain('0.4 higher')
    expect(cardA).not.toContain('Ben')
    expect(cardB).not.toContain('Ann')
    await screenshot(pageA, 'calibration-retro')
  })
})

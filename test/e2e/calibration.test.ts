/**
 * Issue 17, calibration: Ann and Ben, in two browsers, each check in on a key result with a
 * predicted end score. In the retrospective each sees only their own calibration under "Your
 * calibration", and both see the same pooled team figure; Ann, with an earlier month's checkpoint
 * entered late, also sees her figures month by month.
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
import { monthOf } from '../../core/okr/calibration'
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

/** A check-in with a prediction; `day` (yyyy-mm-dd) enters a checkpoint late. */
async function checkIn(
  page: Page,
  kr: string,
  value: string,
  predicted: string,
  day?: string,
): Promise<void> {
  await page.getByTestId(`checkin-pick-${kr}`).click()
  await expect.poll(() => page.getByTestId('checkin-detail').getAttribute('data-kr')).toBe(kr)
  if (day !== undefined) await page.getByTestId('checkin-at').fill(day)
  await page.getByTestId('checkin-value').pressSequentially(value, TYPING)
  await page.getByTestId('checkin-predicted').pressSequentially(predicted, TYPING)
  await page.getByTestId('checkin-submit').click()
}

/** The page's own calendar day `daysAgo` days back, as the date input writes it. */
const localDay = (page: Page, daysAgo: number) =>
  page.evaluate((back) => {
    const d = new Date(Date.now() - back * 86_400_000)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  }, daysAgo)

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
    // Ann's checkpoint of an earlier month, entered late: 140 then, 0.5 expected (spot on).
    await checkIn(pageA, 'kr:n1', '140', '0.5', await localDay(pageA, 40))
    await waitFor(() => checkIns().length === 1, { what: 'the late checkpoint stored' })
    // This month she expects 0.9 on teams, which stand at 160 (0.5): 0.4 too high.
    await checkIn(pageA, 'kr:n1', '160', '0.9')
    // Ben expects 0.4 on NPS, which stands at 39 (0.6): 0.2 too low.
    await checkIn(pageB, 'kr:n2', '39', '0.4')
    await waitFor(() => checkIns().length === 3, { what: 'all check-ins stored' })
    expect(
      checkIns()
        .map((c) => c.predictedScore)
        .sort(),
    ).toEqual([0.4, 0.5, 0.9])
    const months = checkIns()
      .filter((c) => c.author === 'Ann')
      .map((c) => monthOf(c.at))
      .sort()

    await Promise.all([
      pageA.getByTestId('okr-tab-retro').click(),
      pageB.getByTestId('okr-tab-retro').click(),
    ])
    await expect
      .poll(() => text(pageA, 'calibration-mine'))
      .toBe(
        'You predicted 0.2 higher than the final scores on average (over-confident), over 2 predictions.',
      )
    expect(await text(pageA, 'calibration-mine-months')).toBe(
      `By month: ${months[0]}: ±0 · ${months[1]}: +0.4`,
    )
    await expect
      .poll(() => text(pageB, 'calibration-mine'))
      .toBe(
        'You predicted 0.2 lower than the final scores on average (under-confident), over 1 prediction.',
      )
    // Pooled: 0, +0.4 and −0.2 average to +0.07, a miss of 0.2 either way; nobody's own figure.
    const team =
      'The team predicted 0.07 higher than the final scores on average (over-confident), over 3 predictions. Average miss either way (mean absolute error): 0.2. 2 people gave predictions.'
    await expect.poll(() => text(pageA, 'calibration-team')).toBe(team)
    await expect.poll(() => text(pageB, 'calibration-team')).toBe(team)
    const cardA = await text(pageA, 'retro-calibration')
    const cardB = await text(pageB, 'retro-calibration')
    expect(cardA).not.toContain('0.2 lower')
    expect(cardB).not.toContain('0.2 higher')
    expect(await pageB.getByTestId('calibration-mine-months').count()).toBe(0)
    expect(cardA).not.toContain('Ben')
    expect(cardB).not.toContain('Ann')
    await screenshot(pageA, 'calibration-retro')
  })
})

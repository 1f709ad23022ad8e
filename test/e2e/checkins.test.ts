/**
 * Issue 14 item 4: a check-in lands on the key result it was typed for. Two people in two
 * browsers: Ada types for one key result, switches to another (the form starts empty), types
 * a value meant for NPS into churn (the form asks first), and enters a monthly checkpoint late
 * with its own date; Ben sees each check-in on the right key result.
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
  setBoardTimeframe,
  revealNotes,
} from '../../core/board/commands/index'
import { convertBoard } from '../../core/convert/convert-board'
import { readBoard } from '../../core/board/read'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import {
  DAY,
  PERIOD,
  SEED,
  closeE2e,
  joinBoard,
  openSeededBoard,
  showOkrs,
} from '../helpers/e2e-board'

const TYPING = { delay: 140 }
const { start: START, end: END } = PERIOD

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

/** One objective with three key results: teams 120 → 200, NPS 30 → 45, churn 8 % → 4 %. */
function seed(doc: Y.Doc): void {
  setBoardTimeframe(doc, { timeframe: { start: START, end: END } }, SEED)
  createGroup(doc, { id: 'g1', x: 0, y: 0, w: 560, h: 240, title: 'Keep our customers' }, SEED)
  const notes = [
    ['n1', 'Grow weekly active teams from 120 to 200'],
    ['n2', 'Raise NPS from 30 to 45'],
    ['n3', 'Cut churn from 8% to 4%'],
  ] as const
  for (const [i, [id, text]] of notes.entries()) {
    createNote(doc, { id, x: 20 + i * 180, y: 50, author: 'ann', createdAt: START, text }, SEED)
    assignNotes(doc, { noteIds: [id], groupId: 'g1' }, SEED)
  }
  castVote(doc, { voterId: 'ann', targetId: 'g1', count: 3 }, SEED)
  revealNotes(doc, { revealed: true }, SEED)
  applyConversion(doc, convertBoard(readBoard(doc)), SEED)
}

async function open(page: Page, name: string): Promise<void> {
  await joinBoard(page, server, board.editUrl, name, TYPING)
  await showOkrs(page, 'checkins')
}

const checkInsOf = (keyResultId: string) =>
  readBoard(peer.doc).checkIns.filter((c) => c.keyResultId === keyResultId)
const value = (page: Page, testId: string) => page.getByTestId(testId).inputValue()
/** The page's own calendar day `daysAgo` days back, as the date input writes it. */
const localDay = (page: Page, daysAgo: number) =>
  page.evaluate((back) => {
    const d = new Date(Date.now() - back * 86_400_000)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  }, daysAgo)

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Check-ins',
    seed,
    stored: (stored) => stored.keyResults.length === 3,
    what: 'server has the seeded key results',
  }))
  await Promise.all([open(pageA, 'Ada'), open(pageB, 'Ben')])
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('check-ins land on the right key result', () => {
  it('starts an empty form, dated today, for each key result picked', async () => {
    await pageA.getByTestId('checkin-pick-kr:n2').click()
    await expect
      .poll(() => pageA.getByTestId('checkin-detail').getAttribute('data-kr'))
      .toBe('kr:n2')
    expect(await value(pageA, 'checkin-at')).toBe(await localDay(pageA, 0))
    await pageA.getByTestId('checkin-value').pressSequentially('42', TYPING)
    await pageA.getByTestId('checkin-note').pressSequentially('Survey', TYPING)
    // Ada changes her mind before submitting: churn, not NPS.
    await pageA.getByTestId('checkin-pick-kr:n3').click()
    await expect
      .poll(() => pageA.getByTestId('checkin-detail').getAttribute('data-kr'))
      .toBe('kr:n3')
    expect(await value(pageA, 'checkin-value')).toBe('')
    expect(await value(pageA, 'checkin-note')).toBe('')
    expect(await value(pageA, 'checkin-at')).toBe(await localDay(pageA, 0))
  })

  it('asks before recording a value far outside the key result, and records a corrected one', async () => {
    await pageA.getByTestId('checkin-value').pressSequentially('42', TYPING)
    await pageA.getByTestId('checkin-submit').click()
    const warning = pageA.getByTestId('checkin-warning')
    await warning.waitFor()
    expect(await warning.textContent()).toContain('far outside')
    expect(await pageA.getByTestId('checkin-submit').textContent()).toContain('Check in anyway')
    await screenshot(pageA, 'checkins-warning')
    expect(checkInsOf('kr:n3')).toEqual([])

    await pageA.getByTestId('checkin-value').fill('')
    await pageA.getByTestId('checkin-value').pressSequentially('6.5', TYPING)
    await pageA.getByTestId('checkin-note').pressSequentially('Fewer cancellations', TYPING)
    await pageA.getByTestId('checkin-submit').click()
    await waitFor(() => checkInsOf('kr:n3').length === 1, { what: 'churn check-in' })
    expect(checkInsOf('kr:n3')[0]?.value).toBe(6.5)
    expect(checkInsOf('kr:n2')).toEqual([])
    expect(await pageA.getByTestId('checkin-warning').count()).toBe(0)

    await pageB.getByTestId('checkin-pick-kr:n3').click()
    await expect
      .poll(async () => (await pageB.getByTestId('checkin-detail').textContent()) ?? '')
      .toContain('Fewer cancellations')
    await pageB.getByTestId('checkin-pick-kr:n2').click()
    await pageB.getByTestId('checkin-history-empty').waitFor()
  })

  it('enters a monthly checkpoint late, with its own date inside the period', async () => {
    await pageB.getByTestId('checkin-pick-kr:n1').click()
    const tenDaysAgo = await localDay(pageB, 10)
    await pageB.getByTestId('checkin-at').fill(tenDaysAgo)
    await pageB.getByTestId('checkin-value').pressSequentially('150', TYPING)
    await pageB.getByTestId('checkin-note').pressSequentially('October checkpoint', TYPING)
    await pageB.getByTestId('checkin-submit').click()
    await waitFor(() => checkInsOf('kr:n1').length === 1, { what: 'late check-in' })
    const at = checkInsOf('kr:n1')[0]?.at ?? 0
    expect(at).toBeGreaterThan(Date.now() - 11 * DAY)
    expect(at).toBeLessThan(Date.now() - 9 * DAY)
    expect(await pageB.getByTestId('checkin-at').getAttribute('min')).toBe(
      await pageB.evaluate((start) => {
        const d = new Date(start)
        const pad = (n: number) => String(n).padStart(2, '0')
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
      }, START),
    )
    expect(await pageB.getByTestId('checkin-at').getAttribute('max')).toBe(await localDay(pageB, 0))

    await pageA.getByTestId('checkin-pick-kr:n1').click()
    await expect
      .poll(async () => (await pageA.getByTestId('checkin-history').textContent()) ?? '')
      .toContain('October checkpoint')
    await screenshot(pageA, 'checkins-late')
  })
})

/**
 * Issue 14 items 6 and 7: the quarter is a first-class setting. Two people in two browsers:
 * a new board starts in the current quarter; Ada sets the title and timeframe in the settings
 * panel and Ben (and the server) follow; Ada carries the unfinished objectives forward, after
 * which both see only the new quarter's objectives, the carried child nested under the carried
 * parent, and switching to the old quarter shows the old objectives with their own overall
 * score, in the dashboard, the check-in picker and the export alike.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { createCheckIn, createKeyResult, createObjective } from '../../core/board/commands/index'
import { readBoard } from '../../core/board/read'
import type { EpochMs } from '../../core/okr/okr-model'
import { cycleAfter, cycleAt } from '../../core/okr/cycles'
import { formatTimeframe } from '../../core/okr/timeframe'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { REPO_ROOT, screenshot, type LaunchedBrowser } from '../helpers/browser'
import {
  SEED,
  closeE2e,
  connectSeedPeer,
  joinBoard,
  openTwoPeople,
  startE2eServer,
  waitForStored,
} from '../helpers/e2e-board'

const TYPING = { delay: 120 }
const NOW = Date.now() as EpochMs
const CURRENT = cycleAt(NOW, 'quarterly')
const NEXT = cycleAfter(CURRENT)
const CURRENT_LABEL = formatTimeframe(CURRENT)
const NEXT_LABEL = formatTimeframe(NEXT)
// What people type: the quarter as they say it ("Q1 2027"); the board stores 2027-Q1.
const TYPED_NEXT = NEXT.kind === 'quarter' ? `Q${NEXT.quarter} ${NEXT.year}` : ''
const carried = (id: string) => `${id}@${NEXT_LABEL}`

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

/** Grow revenue (KR at 50 %), Win mid-market deals aligned to it (30 %), Ship billing (done). */
function seed(doc: Y.Doc): void {
  createObjective(doc, { id: 'p', title: 'Grow revenue', order: 0 }, SEED)
  createObjective(doc, { id: 'c', title: 'Win mid-market deals', parentId: 'p', order: 1 }, SEED)
  createObjective(doc, { id: 'q', title: 'Ship the billing revamp', order: 2 }, SEED)
  for (const [id, objectiveId, title, value] of [
    ['kp', 'p', 'Raise MRR from 0 to 100k', 50],
    ['kc', 'c', 'Close 100 mid-market deals', 30],
    ['kq', 'q', 'Move 100 % of invoices to billing v2', 100],
  ] as const) {
    createKeyResult(doc, { id, objectiveId, title, start: 0, target: 100 }, SEED)
    createCheckIn(
      doc,
      { id: `ci-${id}`, keyResultId: id, at: (NOW - 60_000) as EpochMs, value },
      SEED,
    )
  }
}

/** Both run the board (co-facilitators): settings and carry forward are facilitator-only. */
async function open(page: Page, name: string): Promise<void> {
  await joinBoard(page, server, board.facilitatorUrl, name, TYPING)
}

async function okrTab(page: Page, tab: string): Promise<void> {
  if ((await page.getByTestId('okr-workspace').count()) === 0) {
    await page.locator('[data-view="okrs"]').click()
    await page.getByTestId('okr-workspace').waitFor()
  }
  await page.getByTestId(`okr-tab-${tab}`).click()
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim()
const shownCycle = (page: Page) => page.getByTestId('cycle-switcher').inputValue()
const dashboardIds = (page: Page) =>
  page
    .locator('[data-testid^="dash-objective-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice(15)).sort())
const pickerIds = (page: Page) =>
  page
    .locator('[data-testid^="checkin-pick-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice(13)).sort())

async function serverTitle(): Promise<string> {
  const response = await fetch(`${server.url}/api/boards/${board.id}`, {
    headers: { authorization: `Bearer ${board.viewToken}` },
  })
  return ((await response.json()) as { title: string }).title
}

beforeAll(async () => {
  server = await startE2eServer()
  board = await server.createBoard('Untitled board')
  ;({ launched, pageA, pageB } = await openTwoPeople(server.url))
  await Promise.all([open(pageA, 'Ada'), open(pageB, 'Ben')])
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('the board settings panel', () => {
  it('starts a new board in the current quarter, on both pages and on the server', async () => {
    await expect.poll(() => text(pageA, 'board-timeframe')).toBe(CURRENT_LABEL)
    await expect.poll(() => text(pageB, 'board-timeframe')).toBe(CURRENT_LABEL)
    await waitForStored(
      server,
      board.id,
      (stored) => stored.meta.timeframe?.start === CURRENT.start,
      'the server has the default quarter',
    )
    // The team's objectives arrive from a third peer, in the board's quarter.
    peer = await connectSeedPeer(server, board.id, board.editToken)
    seed(peer.doc)
  })

  it('A sets the title and timeframe; B sees both, and the server title follows', async () => {
    await pageA.getByTestId('settings-button').click()
    const panel = pageA.getByTestId('settings-panel')
    await panel.waitFor()
    expect(await pageA.getByTestId('settings-timeframe').inputValue()).toBe(CURRENT_LABEL)
    expect(await pageA.getByTestId('settings-cadence').inputValue()).toBe('quarterly')

    await pageA.getByTestId('settings-title').fill('')
    await pageA.getByTestId('settings-title').pressSequentially('Revenue OKRs', TYPING)
    await pageA.getByTestId('settings-timeframe').fill('')
    await pageA.getByTestId('settings-timeframe').pressSequentially('next spring', TYPING)
    await pageA.getByTestId('settings-save').click()
    // Not a timeframe: the panel says so and writes nothing.
    await expect.poll(() => panel.locator('[role="alert"]').count()).toBe(1)
    expect(readBoard(peer.doc).meta.title).toBe('Untitled board')

    await pageA.getByTestId('settings-timeframe').fill('')
    await pageA.getByTestId('settings-timeframe').pressSequentially(TYPED_NEXT, TYPING)
    const box = await panel.boundingBox()
    mkdirSync(join(REPO_ROOT, 'test-output', 'screenshots'), { recursive: true })
    await pageA.screenshot({
      path: join(REPO_ROOT, 'test-output', 'screenshots', 'settings-panel.png'),
      clip: {
        x: 0,
        y: 0,
        width: 720,
        height: Math.ceil((box?.y ?? 0) + (box?.height ?? 400) + 16),
      },
    })
    await pageA.getByTestId('settings-save').click()
    await panel.waitFor({ state: 'detached' })

    await expect.poll(() => text(pageB, 'board-title')).toBe('Revenue OKRs')
    await expect.poll(() => text(pageB, 'board-timeframe')).toBe(NEXT_LABEL)
    await waitFor(() => readBoard(peer.doc).meta.title === 'Revenue OKRs', { what: 'title synced' })
    expect(readBoard(peer.doc).meta.timeframe).toEqual({ start: NEXT.start, end: NEXT.end })
    await expect.poll(serverTitle, { timeout: 10_000 }).toBe('Revenue OKRs')

    // B opens the panel, sees what A saved, and puts the board back in this quarter.
    await pageB.getByTestId('settings-button').click()
    expect(await pageB.getByTestId('settings-title').inputValue()).toBe('Revenue OKRs')
    expect(await pageB.getByTestId('settings-timeframe').inputValue()).toBe(NEXT_LABEL)
    await pageB.getByTestId('settings-timeframe').fill('')
    await pageB.getByTestId('settings-timeframe').pressSequentially(CURRENT_LABEL, TYPING)
    await pageB.keyboard.press('Enter')
    await pageB.getByTestId('settings-panel').waitFor({ state: 'detached' })
    await expect.poll(() => text(pageA, 'board-timeframe')).toBe(CURRENT_LABEL)
    expect(await text(pageA, 'board-title')).toBe('Revenue OKRs')

    // Escape closes the panel and writes nothing.
    await pageA.getByTestId('settings-button').click()
    await pageA.getByTestId('settings-title').fill('Never mind')
    await pageA.keyboard.press('Escape')
    await pageA.getByTestId('settings-panel').waitFor({ state: 'detached' })
    // A's own document would hold a saved title at once: it still has the old one.
    expect(await text(pageA, 'board-title')).toBe('Revenue OKRs')
    await pageA.getByTestId('settings-button').click()
    expect(await pageA.getByTestId('settings-title').inputValue()).toBe('Revenue OKRs')
    await pageA.getByTestId('settings-cancel').click()
    await pageA.getByTestId('settings-panel').waitFor({ state: 'detached' })

    // The README's screenshot: refreshed on request, so a test run leaves the tree clean.
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
      mkdirSync(join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true })
      copyFileSync(
        join(REPO_ROOT, 'test-output', 'screenshots', 'settings-panel.png'),
        join(REPO_ROOT, 'docs', 'screenshots', 'settings-panel.png'),
      )
    }
  })
})

describe('one cycle at a time after carry forward', () => {
  it('before the carry, both dashboards show the quarter with its overall score', async () => {
    await Promise.all([okrTab(pageA, 'dashboard'), okrTab(pageB, 'dashboard')])
    for (const page of [pageA, pageB]) {
      expect(await shownCycle(page)).toBe(CURRENT_LABEL)
      await expect.poll(() => dashboardIds(page)).toEqual(['c', 'p', 'q'])
      // (0.5 + 0.3 + 1) / 3
      await expect.poll(() => text(page, 'overall-score')).toBe('Overall 0.6')
    }
  })

  it('A carries the unfinished objectives forward; both see only the new quarter', async () => {
    await okrTab(pageA, 'retro')
    const carry = pageA.getByTestId('retro-carry-forward')
    await carry.waitFor()
    expect(await carry.textContent()).toContain(NEXT_LABEL)
    await carry.click()
    await waitFor(() => readBoard(peer.doc).objectives.length === 5, { what: 'carried copies' })

    await okrTab(pageA, 'dashboard')
    for (const page of [pageA, pageB]) {
      await expect.poll(() => shownCycle(page)).toBe(NEXT_LABEL)
      await expect.poll(() => text(page, 'board-timeframe')).toBe(NEXT_LABEL)
      await expect.poll(() => dashboardIds(page)).toEqual([carried('c'), carried('p')].sort())
      expect(await text(page, 'overall-score')).toBe('Overall 0.0')
      // The carried child sits under the carried parent, not under last quarter's.
      const nested = page.locator(`[data-node="${carried('p')}"] [data-node="${carried('c')}"]`)
      expect(await nested.count()).toBe(1)
    }
    await screenshot(pageB, 'cycles-new-quarter')
  })

  it('the check-in picker and the export hold only the cycle in view', async () => {
    await Promise.all([okrTab(pageA, 'checkins'), okrTab(pageB, 'export')])
    await expect.poll(() => pickerIds(pageA)).toEqual([carried('kc'), carried('kp')].sort())
    const preview = pageB.getByTestId('export-preview')
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain(NEXT_LABEL)
    const markdown = (await preview.textContent()) ?? ''
    expect(markdown).not.toContain('Ship the billing revamp')
    expect(markdown).not.toContain(CURRENT_LABEL)
  })

  it('switching to the old quarter shows the old objectives and their own overall score', async () => {
    // Both at once: Ada in the check-ins, Ben in the export.
    await Promise.all([
      pageA.getByTestId('cycle-switcher').selectOption(CURRENT_LABEL),
      pageB.getByTestId('cycle-switcher').selectOption(CURRENT_LABEL),
    ])
    await expect.poll(() => pickerIds(pageA)).toEqual(['kc', 'kp', 'kq'])
    const preview = pageB.getByTestId('export-preview')
    await expect
      .poll(async () => (await preview.textContent()) ?? '')
      .toContain('Ship the billing revamp')
    expect((await preview.textContent()) ?? '').toContain(CURRENT_LABEL)

    await Promise.all([okrTab(pageA, 'dashboard'), okrTab(pageB, 'dashboard')])
    for (const page of [pageA, pageB]) {
      expect(await shownCycle(page)).toBe(CURRENT_LABEL)
      await expect.poll(() => dashboardIds(page)).toEqual(['c', 'p', 'q'])
      expect(await text(page, 'overall-score')).toBe('Overall 0.6')
    }
    await screenshot(pageA, 'cycles-old-quarter')

    // Ben goes back to the current cycle; Ada's view stays where she put it.
    await pageB.getByTestId('cycle-switcher').selectOption(NEXT_LABEL)
    await expect.poll(() => dashboardIds(pageB)).toEqual([carried('c'), carried('p')].sort())
    expect(await dashboardIds(pageA)).toEqual(['c', 'p', 'q'])
  })
})

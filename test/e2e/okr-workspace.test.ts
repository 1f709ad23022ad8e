/**
 * The OKR workspace in a real Chromium, two people on one board through the real app: convert
 * a seeded, voted board; a target edited by one person changes the score and colour the other
 * sees; a check-in moves the score, trend and chart; filters narrow the dashboard; and the
 * CSV and Markdown downloads hold the figures shown on screen.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type Konva from 'konva'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import {
  assignNotes,
  castVote,
  createGroup,
  createNote,
  setBoardTimeframe,
  revealNotes,
  setPhase,
} from '../../core/board/commands/index'
import { formatTimeframe } from '../../core/okr/timeframe'
import { readBoard } from '../../core/board/read'
import type { EpochMs, Timeframe } from '../../core/okr/okr-model'
import { nextTimeframe } from '../../core/board/commands/retro'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import {
  E2E_VIEWPORT as VIEWPORT,
  SEED,
  closeE2e,
  joinBoard,
  openSeededBoard,
  showOkrs,
} from '../helpers/e2e-board'

const DAY = 86_400_000
// Halfway through the board's period whenever the test runs, so "expected progress" is 0.5 and
// the trends below do not depend on the calendar.
const PERIOD: Timeframe = {
  kind: 'custom',
  start: (Math.floor(Date.now() / DAY) * DAY - 45 * DAY) as EpochMs,
  end: (Math.floor(Date.now() / DAY) * DAY + 46 * DAY) as EpochMs,
}
const NEXT = formatTimeframe(nextTimeframe(PERIOD))

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

function seed(doc: Y.Doc): void {
  setBoardTimeframe(doc, { timeframe: { start: PERIOD.start, end: PERIOD.end } }, SEED)
  const at = PERIOD.start
  const frame = { y: 0, w: 380, h: 240 }
  createGroup(doc, { id: 'g1', x: 0, ...frame, title: 'Grow the community' }, SEED)
  createGroup(doc, { id: 'g2', x: 420, ...frame, title: 'Keep our customers' }, SEED)
  createGroup(doc, { id: 'g3', x: 840, ...frame, title: 'Tidy the office' }, SEED)
  const groupX = { g1: 0, g2: 420, g3: 840 }
  const notes = [
    ['n1', 'g1', 'Grow weekly active teams from 120 to 200'],
    ['n2', 'g1', 'Raise NPS from 30 to 45'],
    ['n3', 'g2', 'Cut churn from 8% to 4%'],
    ['n4', 'g2', 'Launch the referral programme'],
    ['n5', 'g3', 'New plants for the kitchen'],
  ] as const
  for (const [i, [id, groupId, text]] of notes.entries()) {
    // Two notes side by side in each frame, so the board screenshot reads like a real one.
    const x = groupX[groupId] + 20 + (i % 2) * 180
    createNote(doc, { id, x, y: 50, author: 'ann', createdAt: at, text }, SEED)
    assignNotes(doc, { noteIds: [id], groupId }, SEED)
  }
  castVote(doc, { voterId: 'ann', targetId: 'g1', count: 3 }, SEED)
  castVote(doc, { voterId: 'bob', targetId: 'g2', count: 2 }, SEED)
  castVote(doc, { voterId: 'bob', targetId: 'g3', count: 1 }, SEED)
  revealNotes(doc, { revealed: true }, SEED)
  setPhase(doc, { phase: 'review' }, SEED)
}

/** Ada runs the session (conversion, carry forward: the facilitate link); Ben takes part. */
async function open(page: Page, name: string, link: string): Promise<void> {
  await joinBoard(page, server, link, name, 'fill')
  await showOkrs(page)
}

const tab = (page: Page, name: string) => page.getByTestId(`okr-tab-${name}`).click()
const attr = (page: Page, testId: string, name: string) =>
  page.getByTestId(testId).getAttribute(name)

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Growth team',
    seed,
    stored: (stored) => stored.tally.byTarget.get('g3') === 1,
    what: 'server has the seeded board',
  }))
  await open(pageA, 'Ada', board.facilitatorUrl)
  await open(pageB, 'Ben', board.editUrl)
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('the OKR workspace', () => {
  it('previews the voted board and applies the chosen objectives', async () => {
    await tab(pageA, 'convert')
    await pageA.getByTestId('convert-preview').waitFor()
    await expect.poll(() => pageA.locator('[data-objective-draft]').count()).toBe(3)
    expect(await pageA.getByTestId('kr-source-kr:n1').textContent()).toContain('source note')
    await pageA.getByTestId('convert-select-obj:g3').uncheck()
    await screenshot(pageA, 'okr-convert')
    await pageA.getByTestId('convert-apply').click()
    await expect.poll(() => pageA.getByTestId('convert-report').textContent()).toContain('Created')
    await waitFor(() => readBoard(peer.doc).objectives.length === 2, { what: 'objectives' })
    expect(
      readBoard(peer.doc)
        .objectives.map((o) => o.id)
        .sort(),
    ).toEqual(['obj:g1', 'obj:g2'])
    await tab(pageB, 'dashboard')
    await pageB.getByTestId('dash-objective-obj:g1').waitFor()
    expect(await pageB.getByTestId('dash-objective-obj:g3').count()).toBe(0)
    // A key result leads back to its sticky notes: the board view comes back to show them.
    await pageA.getByTestId('kr-source-kr:n1').click()
    await expect
      .poll(() => pageA.locator('[data-view="board"]').getAttribute('aria-pressed'))
      .toBe('true')
    // …and the note itself says what it became.
    const became = () =>
      pageA.locator('sb-board-canvas').evaluate((el) => {
        const stage = (el as unknown as { stageForTests: Konva.Stage | null }).stageForTests
        const label = stage?.findOne<Konva.Group>('#n1')?.findOne<Konva.Text>('.became')
        return label?.visible() ? label.text() : null
      })
    await expect.poll(became).toMatch(/^→ KR · /)
    await screenshot(pageA, 'okr-board-provenance')
    await pageA.locator('[data-view="okrs"]').click()
    await pageA.getByTestId('okr-workspace').waitFor()
  })

  it('a target edited by A changes the score and colour B sees', async () => {
    await tab(pageA, 'checkins')
    await pageA.getByTestId('checkin-pick-kr:n1').click()
    await pageA.getByTestId('checkin-value').fill('160')
    await pageA.getByTestId('checkin-submit').click()
    await expect.poll(() => attr(pageB, 'dash-kr-kr:n1', 'data-score')).toBe('0.5')
    expect(await attr(pageB, 'dash-kr-kr:n1', 'data-band')).toBe('yellow')

    await tab(pageA, 'editor')
    const target = pageA.getByTestId('kr-target-kr:n1')
    await target.fill('lots')
    await target.blur()
    await expect
      .poll(() => pageA.getByTestId('error-target').first().textContent())
      .toContain('not a number')
    // The typed text stays put and the document keeps the last good target.
    expect(await target.inputValue()).toBe('lots')
    expect(readBoard(peer.doc).keyResults.find((k) => k.id === 'kr:n1')?.target).toBe(200)
    await target.fill('170')
    await target.blur()
    await expect.poll(() => attr(pageB, 'dash-kr-kr:n1', 'data-score')).toBe('0.8')
    expect(await attr(pageB, 'dash-kr-kr:n1', 'data-band')).toBe('green')
    await screenshot(pageA, 'okr-editor')
    await screenshot(pageB, 'okr-dashboard')
  })

  it('a check-in updates the score, trend and chart', async () => {
    await tab(pageA, 'checkins')
    await pageA.getByTestId('checkin-pick-kr:n2').click()
    const detail = pageA.getByTestId('checkin-detail')
    await expect.poll(() => detail.getAttribute('data-kr')).toBe('kr:n2')
    expect(await pageA.getByTestId('checkin-chart').getAttribute('data-points')).toBe('0')
    expect(await attr(pageA, 'trend-kr:n2', 'data-trend')).toBe('behind')
    await pageA.getByTestId('checkin-value').fill('abc')
    await pageA.getByTestId('checkin-submit').click()
    await pageA.getByTestId('checkin-error-value').waitFor()
    await pageA.getByTestId('checkin-value').fill('45')
    await pageA.getByTestId('checkin-predicted').fill('0.9')
    await pageA.getByTestId('checkin-confidence').fill('0.8')
    await pageA.getByTestId('checkin-note').fill('Survey came back early')
    await pageA.getByTestId('checkin-submit').click()
    await expect
      .poll(() => pageA.getByTestId('checkin-chart').getAttribute('data-points'))
      .toBe('1')
    expect(await pageA.getByTestId('checkin-score').locator('[data-score]').textContent()).toBe(
      '1.0',
    )
    expect(await attr(pageA, 'trend-kr:n2', 'data-trend')).toBe('on-track')
    expect(await pageA.getByTestId('checkin-history').textContent()).toContain(
      'Survey came back early',
    )
    await screenshot(pageA, 'okr-checkins')
  })

  it('filters narrow the dashboard', async () => {
    await tab(pageA, 'editor')
    // Cleo is not on the board: the owner picker keeps her typed name.
    const owner = pageA.getByTestId('objective-owner-obj:g2')
    await owner.getByTestId('owner-button').click()
    await owner.getByTestId('owner-search').pressSequentially('Cleo', { delay: 120 })
    await owner.getByTestId('owner-search').press('Enter')
    await tab(pageB, 'dashboard')
    await expect.poll(() => attr(pageB, 'dashboard-list', 'data-count')).toBe('2')
    await pageB.getByTestId('filter-owner').selectOption('Cleo')
    await expect.poll(() => attr(pageB, 'dashboard-list', 'data-count')).toBe('1')
    expect(await pageB.getByTestId('dash-objective-obj:g2').count()).toBe(1)
    await pageB.getByTestId('filter-status').selectOption('active')
    await expect.poll(() => attr(pageB, 'dashboard-list', 'data-count')).toBe('0')
    await pageB.getByTestId('filter-clear').click()
    await expect.poll(() => attr(pageB, 'dashboard-list', 'data-count')).toBe('2')
  })

  it('one-click quality fixes, with undo', async () => {
    await tab(pageA, 'quality')
    const kr = () => readBoard(peer.doc).keyResults.find((k) => k.id === 'kr:n3')
    expect(kr()?.target).toBe(4)
    await pageA.getByTestId('fix-stretch-kr:n3').click()
    await waitFor(() => kr()?.target === 2.8, { what: 'stretched target' })
    await screenshot(pageA, 'okr-quality')
    await pageA.getByTestId('okr-undo').click()
    await waitFor(() => kr()?.target === 4, { what: 'undone stretch' })
    await tab(pageA, 'editor')
    await pageA.getByTestId('kr-delete-kr:n3').click()
    await waitFor(() => kr() === undefined, { what: 'deleted key result' })
    await pageA.getByTestId('okr-undo').click()
    await waitFor(() => kr()?.target === 4, { what: 'key result back' })
    await pageA.getByTestId('kr-title-kr:n3').waitFor()
    // Key results reorder within their objective with the arrow buttons.
    await pageA
      .getByTestId('kr-kr:n1')
      .getByRole('button', { name: 'Move key result down' })
      .click()
    const order = () =>
      readBoard(peer.doc)
        .keyResults.filter((k) => k.objectiveId === 'obj:g1')
        .map((k) => k.id)
    await waitFor(() => order().join() === 'kr:n2,kr:n1', { what: 'reordered key results' })
    // A key result phrased as a task becomes an initiative in one click.
    await pageA.getByTestId('add-kr-obj:g2').click()
    const fresh = () => readBoard(peer.doc).keyResults.find((k) => k.title === 'New key result')
    const id = (await waitFor(fresh, { what: 'new key result' })).id
    await pageA.getByTestId(`kr-title-${id}`).fill('Ship the onboarding tour')
    await waitFor(() => fresh() === undefined, { what: 'renamed key result' })
    await tab(pageA, 'quality')
    await pageA.getByTestId(`fix-initiative-${id}`).click()
    await waitFor(() => !readBoard(peer.doc).keyResults.some((k) => k.id === id), {
      what: 'key result gone',
    })
    const initiative = readBoard(peer.doc).initiatives.find(
      (i) => i.title === 'Ship the onboarding tour',
    )
    expect(initiative?.objectiveId).toBe('obj:g2')
    await tab(pageA, 'editor')
    // Objectives reorder by dragging their handle onto another objective.
    const objectives = () => readBoard(peer.doc).objectives.map((o) => o.id)
    expect(objectives()).toEqual(['obj:g1', 'obj:g2'])
    // Both cards on screen at once: scrolling mid-drag would cancel the native drag.
    await pageA.setViewportSize({ width: VIEWPORT.width, height: 2400 })
    await pageA
      .getByTestId('objective-obj:g2')
      .locator('.handle')
      .dragTo(pageA.getByTestId('objective-obj:g1').locator('.handle'))
    await pageA.setViewportSize(VIEWPORT)
    await waitFor(() => objectives().join() === 'obj:g2,obj:g1', { what: 'dragged objective' })
  })

  it('exported CSV and Markdown hold the figures shown on screen', async () => {
    await tab(pageA, 'dashboard')
    const shown = new Map<string, string>()
    for (const id of ['kr:n1', 'kr:n2', 'kr:n3']) {
      shown.set(id, (await attr(pageA, `dash-kr-${id}`, 'data-score')) ?? '')
    }
    const objectiveScore = (await attr(pageA, 'dash-objective-obj:g1', 'data-score')) ?? ''
    await tab(pageA, 'export')
    const download = async (testId: string) => {
      const [file] = await Promise.all([
        pageA.waitForEvent('download'),
        pageA.getByTestId(testId).click(),
      ])
      return readFileSync((await file.path()) ?? '', 'utf8')
    }
    const csv = await download('export-csv')
    const lines = csv.split('\r\n')
    const header = lines[0]?.split(',') ?? []
    const scoreAt = header.indexOf('Score')
    const titleAt = header.indexOf('Key result')
    const row = (title: string) => lines.find((l) => l.includes(title))?.split(',') ?? []
    expect(row('Grow weekly active teams')[scoreAt]).toBe(shown.get('kr:n1'))
    expect(row('Raise NPS')[scoreAt]).toBe(shown.get('kr:n2'))
    expect(row('Cut churn')[scoreAt]).toBe(shown.get('kr:n3'))
    expect(row('Raise NPS')[titleAt]).toContain('Raise NPS')
    expect(row('Grow weekly')[header.indexOf('Objective score')]).toBe(objectiveScore)

    const markdown = await download('export-markdown')
    const mdRow = (title: string) => markdown.split('\n').find((l) => l.includes(title)) ?? ''
    expect(mdRow('Grow weekly active teams')).toContain(`| ${shown.get('kr:n1')} |`)
    expect(mdRow('Raise NPS')).toContain(`| ${shown.get('kr:n2')} |`)
    expect(mdRow('Grow the community')).toContain(`**${objectiveScore}**`)
    const json = JSON.parse(await download('export-json')) as { objectives: unknown[] }
    expect(json.objectives).toHaveLength(2)
    await screenshot(pageA, 'okr-export')
  })

  it('keeps shared retrospective answers and carries unfinished objectives forward', async () => {
    await tab(pageA, 'retro')
    await tab(pageB, 'retro')
    await pageA.getByTestId('retro-ambition').fill('Not ambitious enough on churn.')
    await expect
      .poll(() => pageB.getByTestId('retro-ambition').inputValue())
      .toBe('Not ambitious enough on churn.')
    await screenshot(pageB, 'okr-retro')
    await pageA.getByTestId('retro-carry-forward').click()
    await waitFor(() => readBoard(peer.doc).objectives.some((o) => o.id === `obj:g1@${NEXT}`), {
      what: 'carried objective',
    })
    const carried = readBoard(peer.doc).keyResults.filter((k) => k.objectiveId === `obj:g1@${NEXT}`)
    // kr:n1 stood at 160 and carries on from there; kr:n2 reached its target and stays behind.
    expect(carried.map((k) => [k.id, k.start])).toEqual([[`kr:n1@${NEXT}`, 160]])
    await tab(pageB, 'editor')
    expect(await pageB.getByTestId(`carried-obj:g1@${NEXT}`).textContent()).toContain(
      'Grow the community',
    )
  })

  it('a view-only link shows the figures but no way to change them', async () => {
    const context = await launched.browser.newContext({ baseURL: server.url, viewport: VIEWPORT })
    const page = await context.newPage()
    const view = new URL(board.viewUrl)
    await page.goto(new URL(view.pathname + view.hash, server.url).href)
    await page.getByTestId('name-input').fill('Vic')
    await page.getByTestId('name-save').click()
    await page.locator('[data-view="okrs"]').click()
    await tab(pageA, 'dashboard')
    // After the carry the board is in the next cycle; the switcher shows the one that ran.
    for (const p of [pageA, page]) {
      await p.getByTestId('cycle-switcher').selectOption(formatTimeframe(PERIOD))
    }
    const shown = await attr(pageA, 'dash-kr-kr:n1', 'data-score')
    await expect.poll(() => attr(page, 'dash-kr-kr:n1', 'data-score')).toBe(shown)
    expect(await page.getByTestId('okr-undo').count()).toBe(0)
    await tab(page, 'editor')
    expect(await page.getByTestId('kr-target-kr:n1').isDisabled()).toBe(true)
    await tab(page, 'checkins')
    expect(await page.getByTestId('checkin-form').count()).toBe(0)
    await context.close()
  })

  it('serves the check-in calendar for the board from the real server', async () => {
    const res = await fetch(
      `${server.url}/api/boards/${board.id}/reminders.ics?token=${board.viewToken}`,
    )
    expect(res.status).toBe(200)
    const ics = (await res.text()).replace(/\r\n /g, '')
    expect(ics).toContain('SUMMARY:Check in: Raise NPS from 30 to 45 (unassigned)')
    expect(ics).toMatch(/UID:[^\r]+\.kr%3an1\.\d{8}@127\.0\.0\.1/)
  })

  it('opens a print view with the same figures', async () => {
    await tab(pageA, 'export')
    const [view] = await Promise.all([
      pageA.context().waitForEvent('page'),
      pageA.getByTestId('export-print').click(),
    ])
    await view.getByText('Grow the community').first().waitFor()
    // One section per objective of the cycle in view (the one that ran), not its carried copies.
    const ran = readBoard(peer.doc).objectives.filter((o) => !o.id.includes('@'))
    expect(await view.locator('h2').count()).toBe(ran.length)
    expect(await view.locator('h2', { hasText: 'Keep our customers' }).count()).toBeGreaterThan(0)
    expect(await view.locator('table').count()).toBeGreaterThanOrEqual(2)
    await view.close()
  })
})

/**
 * Scores on the canvas (issue 17), in a real Chromium with two people on a converted board:
 * the group that became "Keep customers" (key results from notes n1 at 0.2 and n2 at 0.3) shows
 * a red 0.3 on both canvases; A selects note n1 and checks in 80 from the canvas's popover: the
 * note turns green and the group yellow (0.6) for both; B selects the frame, picks n2's key
 * result and checks in 90: the group turns green for both, and the PNG export carries it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type Konva from 'konva'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import {
  createCheckIn,
  createGroup,
  createKeyResult,
  createNote,
  createObjective,
  setBoardTimeframe,
} from '../../core/board/commands/index'
import { NOTE_SIZE } from '../../core/board/schema'
import { readBoard } from '../../core/board/read'
import type { EpochMs } from '../../core/okr/okr-model'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { DAY, PERIOD, SEED, closeE2e, joinBoard, openSeededBoard } from '../helpers/e2e-board'
import { boardPointOnPage } from '../helpers/facilitation-e2e'

const RED = '#dc2626'
const GREEN = '#16a34a'
const YELLOW = '#d97706'
const NOTE = { x: 40, y: 40 }
const GROUP = { x: 0, y: 0, w: 520, h: 320 }

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

function seed(doc: Y.Doc): void {
  setBoardTimeframe(doc, { timeframe: PERIOD }, SEED)
  createGroup(doc, { id: 'g1', title: 'Retention', ...GROUP }, SEED)
  const note = { author: 'seed', createdAt: 1 as EpochMs }
  createNote(doc, { id: 'n1', ...NOTE, ...note, text: 'NPS up' }, SEED)
  createNote(doc, { id: 'n2', x: 260, y: 40, ...note, text: 'Fewer cancellations' }, SEED)
  createObjective(doc, { id: 'o1', title: 'Keep customers', sourceGroupId: 'g1' }, SEED)
  const kr = { objectiveId: 'o1', start: 0, target: 100 }
  createKeyResult(doc, { ...kr, id: 'k1', title: 'NPS to 100', sourceNoteIds: ['n1'] }, SEED)
  createKeyResult(doc, { ...kr, id: 'k2', title: 'Renewals', sourceNoteIds: ['n2'] }, SEED)
  const at = (PERIOD.start + DAY) as EpochMs
  createCheckIn(doc, { id: 'c1', keyResultId: 'k1', at, value: 20 }, SEED)
  createCheckIn(doc, { id: 'c2', keyResultId: 'k2', at, value: 30 }, SEED)
}

/** The check-ins made in the browsers, oldest first. */
const newCheckIns = () =>
  readBoard(peer.doc)
    .checkIns.filter((c) => c.id !== 'c1' && c.id !== 'c2')
    .sort((a, b) => a.at - b.at)

/** The fill of the score pill on a frame or note on this person's canvas, null when hidden. */
function badgeOn(page: Page, id: string): Promise<{ fill: string; text: string } | null> {
  return page.locator('sb-board-canvas').evaluate((el, nodeId) => {
    const stage = (el as unknown as { stageForTests: Konva.Stage | null }).stageForTests
    const badge = stage?.findOne<Konva.Group>('#' + nodeId)?.findOne<Konva.Group>('.score')
    if (!badge?.visible()) return null
    const fill = badge.findOne<Konva.Rect>('.score-pill')?.fill()
    const text = badge.findOne<Konva.Text>('.score-text')?.text()
    return { fill: String(fill), text: String(text) }
  }, id)
}

/** How many pixels of the board's PNG export are exactly `hex` (the badge's band colour). */
function pngPixels(page: Page, hex: string): Promise<number> {
  return page.locator('sb-board-canvas').evaluate(async (el, colour) => {
    const url = (el as unknown as { toPNG(ratio?: number): string }).toPNG(1)
    const img = new Image()
    img.src = url
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.width
    canvas.height = img.height
    const ctx = canvas.getContext('2d')
    if (!ctx) return 0
    ctx.drawImage(img, 0, 0)
    const data = ctx.getImageData(0, 0, img.width, img.height).data
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16))
    let count = 0
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] === r && data[i + 1] === g && data[i + 2] === b) count++
    }
    return count
  }, hex)
}

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Converted board',
    seed,
    stored: (stored) => stored.checkIns.length === 2,
    what: 'server has the converted board',
  }))
  await joinBoard(pageA, server, board.editUrl, 'Ada', { delay: 60 })
  await joinBoard(pageB, server, board.editUrl, 'Ben', { delay: 60 })
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('scores on the canvas', () => {
  it('a converted group turns from red to green for both after A checks in from the canvas', async () => {
    for (const page of [pageA, pageB]) {
      await expect.poll(() => badgeOn(page, 'g1')).toEqual({ fill: RED, text: '0.3' })
      await expect.poll(() => badgeOn(page, 'n1')).toEqual({ fill: RED, text: '0.2' })
    }
    expect(await pngPixels(pageA, RED)).toBeGreaterThan(50)
    expect(await pngPixels(pageA, GREEN)).toBe(0)

    // A selects the note and checks in from the popover, typing like a person.
    const at = await boardPointOnPage(pageA, {
      x: NOTE.x + NOTE_SIZE.w / 2,
      y: NOTE.y + NOTE_SIZE.h / 2,
    })
    await pageA.mouse.click(at.x, at.y)
    await pageA.getByTestId('canvas-checkin-open').click()
    // A slip first: not a number is refused with a message, and nothing is written.
    const value = pageA.getByTestId('canvas-checkin-value')
    await value.pressSequentially('8o', { delay: 60 })
    await pageA.getByTestId('canvas-checkin-submit').click()
    await pageA.getByTestId('canvas-checkin').getByRole('alert').waitFor()
    expect(readBoard(peer.doc).checkIns).toHaveLength(2)
    await value.fill('')
    await value.pressSequentially('80', { delay: 60 })
    await pageA.getByTestId('canvas-checkin-note').pressSequentially('Survey in', { delay: 40 })
    await pageA.getByTestId('canvas-checkin-submit').click()
    await waitFor(() => readBoard(peer.doc).checkIns.length === 3, { what: 'A’s check-in' })
    expect(newCheckIns()).toMatchObject([{ keyResultId: 'k1', value: 80, note: 'Survey in' }])
    for (const page of [pageA, pageB]) {
      await expect.poll(() => badgeOn(page, 'n1')).toEqual({ fill: GREEN, text: '0.8' })
      await expect.poll(() => badgeOn(page, 'g1')).toEqual({ fill: YELLOW, text: '0.6' })
    }
    // The popover closed after the check-in.
    expect(await pageA.getByTestId('canvas-checkin-value').count()).toBe(0)

    // B selects the frame by its title bar and checks in on the objective's other key result.
    const bar = await boardPointOnPage(pageB, { x: GROUP.x + 150, y: GROUP.y - 12 })
    await pageB.mouse.click(bar.x, bar.y)
    await pageB.getByTestId('canvas-checkin-open').click()
    await pageB.getByTestId('canvas-checkin-kr').selectOption('k2')
    await pageB.getByTestId('canvas-checkin-value').pressSequentially('90', { delay: 60 })
    await pageB.getByTestId('canvas-checkin-submit').click()
    await waitFor(() => readBoard(peer.doc).checkIns.length === 4, { what: 'B’s check-in' })
    expect(newCheckIns()[1]).toMatchObject({ keyResultId: 'k2', value: 90, note: '' })
    for (const page of [pageA, pageB]) {
      await expect.poll(() => badgeOn(page, 'g1')).toEqual({ fill: GREEN, text: '0.9' })
      await expect.poll(() => badgeOn(page, 'n2')).toEqual({ fill: GREEN, text: '0.9' })
    }
    // The export carries the new colour.
    expect(await pngPixels(pageB, GREEN)).toBeGreaterThan(50)
    expect(await pngPixels(pageB, RED)).toBe(0)
    await screenshot(pageA, 'canvas-scores')
  })
})

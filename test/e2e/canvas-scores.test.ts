/**
 * Scores on the canvas (issue 17), in a real Chromium with two people on a converted board:
 * the group that became "Keep customers" and its note show their red 0.2 on both canvases; A
 * selects the note, checks in 80 from the canvas's popover, and both A and B see the frame's
 * and the note's badge turn green; the board exported as PNG carries the green badge.
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
const NOTE = { x: 40, y: 40 }

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

function seed(doc: Y.Doc): void {
  setBoardTimeframe(doc, { timeframe: PERIOD }, SEED)
  createGroup(doc, { id: 'g1', title: 'Retention', x: 0, y: 0, w: 520, h: 320 }, SEED)
  const at = 1 as EpochMs
  createNote(doc, { id: 'n1', ...NOTE, author: 'seed', createdAt: at, text: 'NPS up' }, SEED)
  createObjective(doc, { id: 'o1', title: 'Keep customers', sourceGroupId: 'g1' }, SEED)
  const kr = { id: 'k1', objectiveId: 'o1', title: 'NPS to 100', start: 0, target: 100 }
  createKeyResult(doc, { ...kr, sourceNoteIds: ['n1'] }, SEED)
  createCheckIn(
    doc,
    { id: 'c1', keyResultId: 'k1', at: (PERIOD.start + DAY) as EpochMs, value: 20 },
    SEED,
  )
}

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
    stored: (stored) => stored.checkIns.length === 1,
    what: 'server has the converted board',
  }))
  await joinBoard(pageA, server, board.editUrl, 'Ada', { delay: 60 })
  await joinBoard(pageB, server, board.editUrl, 'Ben', { delay: 60 })
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('scores on the canvas', () => {
  it('a converted group turns from red to green for both after A checks in from the canvas', async () => {
    for (const page of [pageA, pageB]) {
      await expect.poll(() => badgeOn(page, 'g1')).toEqual({ fill: RED, text: '0.2' })
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
    await pageA.getByTestId('canvas-checkin-value').pressSequentially('80', { delay: 60 })
    await pageA.getByTestId('canvas-checkin-note').pressSequentially('Survey in', { delay: 40 })
    await pageA.getByTestId('canvas-checkin-submit').click()
    await waitFor(() => readBoard(peer.doc).checkIns.length === 2, { what: 'the new check-in' })
    expect(readBoard(peer.doc).checkIns.find((c) => c.id !== 'c1')).toMatchObject({
      keyResultId: 'k1',
      value: 80,
      note: 'Survey in',
    })

    for (const page of [pageA, pageB]) {
      await expect.poll(() => badgeOn(page, 'g1')).toEqual({ fill: GREEN, text: '0.8' })
      await expect.poll(() => badgeOn(page, 'n1')).toEqual({ fill: GREEN, text: '0.8' })
    }
    // The popover closed after the check-in; the export carries the new colour.
    expect(await pageA.getByTestId('canvas-checkin-value').count()).toBe(0)
    expect(await pngPixels(pageB, GREEN)).toBeGreaterThan(50)
    expect(await pngPixels(pageB, RED)).toBe(0)
    await screenshot(pageA, 'canvas-scores')
  })
})

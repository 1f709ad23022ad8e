/**
 * The setup the facilitation-tool browser tests share: a seeded board, and three people in
 * their own browser contexts (a facilitator on the facilitate link, two participants on the
 * edit link), each typing their name; plus reading a person's canvas viewport.
 */
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { LaunchedBrowser } from './browser'
import { closeE2e, joinBoard, openTwoPeople, SEED, seedBoard, startE2eServer } from './e2e-board'
import type { readBoard } from '../../core/board/read'
import { createNote, revealNotes, setPhase } from '../../core/board/commands/index'
import type { EpochMs } from '../../core/okr/okr-model'
import type { CreatedBoard, TestServer } from './server'

export interface ThreePeople {
  readonly server: TestServer
  readonly board: CreatedBoard
  readonly peer: WebsocketProvider
  readonly launched: LaunchedBrowser
  /** Facilitate link. */
  readonly fay: Page
  /** Edit links. */
  readonly ann: Page
  readonly bob: Page
}

export async function openThreePeople(
  title: string,
  seed: (doc: Y.Doc) => void,
  stored: (board: ReturnType<typeof readBoard>) => boolean,
): Promise<ThreePeople> {
  const server = await startE2eServer()
  let peer: WebsocketProvider | undefined
  let launched: LaunchedBrowser | undefined
  try {
    const board = await server.createBoard(title)
    peer = await seedBoard(server, board, seed, stored, 'the seed is stored')
    const people = await openTwoPeople(server.url, 1)
    launched = people.launched
    const fay = await people.contexts[2]!.newPage()
    const typing = { delay: 60 }
    await Promise.all([
      joinBoard(fay, server, board.facilitatorUrl, 'Fay', typing),
      joinBoard(people.pageA, server, board.editUrl, 'Ann', typing),
      joinBoard(people.pageB, server, board.editUrl, 'Bob', typing),
    ])
    return { server, board, peer, launched, fay, ann: people.pageA, bob: people.pageB }
  } catch (error) {
    await closeE2e({ peer, launched, server })
    throw error
  }
}

/** A note to seed: id, position and text. */
export type SeedNote = readonly [id: string, x: number, y: number, text: string]

/**
 * Three people on a board of these notes, revealed and in the group phase: where the
 * canvas facilitation tests (follow, reactions, the toolbar) start.
 */
export function openThreeOnNotes(title: string, notes: readonly SeedNote[]): Promise<ThreePeople> {
  return openThreePeople(
    title,
    (doc) => {
      for (const [id, x, y, text] of notes) {
        createNote(doc, { id, x, y, author: 'seed', createdAt: 1 as EpochMs, text }, SEED)
      }
      revealNotes(doc, { revealed: true }, SEED)
      setPhase(doc, { phase: 'group' }, SEED)
    },
    (board) => board.notes.length === notes.length && board.meta.phase === 'group',
  )
}

export interface View {
  readonly x: number
  readonly y: number
  readonly scale: number
  readonly width: number
  readonly height: number
}

/** A person's canvas viewport and its size on screen. */
export function viewOf(page: Page): Promise<View> {
  return page.locator('sb-board-canvas').evaluate((el) => {
    const vp = (el as unknown as { viewport: { x: number; y: number; scale: number } }).viewport
    return { ...vp, width: el.clientWidth, height: el.clientHeight }
  })
}

/** The board point at the centre of a view, and how many board units it shows across. */
export function centreOf(v: View): { x: number; y: number; scale: number } {
  return { x: (v.width / 2 - v.x) / v.scale, y: (v.height / 2 - v.y) / v.scale, scale: v.scale }
}

/** Whether `follower` shows what `leader` shows: same centre, and all of the leader's area. */
export function shows(follower: View, leader: View): boolean {
  const a = centreOf(follower)
  const b = centreOf(leader)
  const fit = Math.min(
    follower.width / (leader.width / leader.scale),
    follower.height / (leader.height / leader.scale),
  )
  return (
    Math.abs(a.x - b.x) < 1.5 && Math.abs(a.y - b.y) < 1.5 && Math.abs(a.scale / fit - 1) < 0.01
  )
}

/** Page coordinates of a point on the canvas, from its top-left corner. */
export async function onCanvas(
  page: Page,
  dx: number,
  dy: number,
): Promise<{ x: number; y: number }> {
  const box = await page.locator('sb-board-canvas').boundingBox()
  if (box === null) throw new Error('the canvas is not laid out')
  return { x: box.x + dx, y: box.y + dy }
}

/** Drags empty board space by (dx, dy) with the mouse, as a person pans. */
export async function pan(page: Page, dx: number, dy: number): Promise<void> {
  const from = await onCanvas(page, 90, 110)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 8 })
  await page.mouse.up()
}

/** Page coordinates of a board point in this person's current view. */
export async function boardPointOnPage(
  page: Page,
  p: { x: number; y: number },
): Promise<{ x: number; y: number }> {
  const v = await viewOf(page)
  return onCanvas(page, v.x + p.x * v.scale, v.y + p.y * v.scale)
}

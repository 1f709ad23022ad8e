/**
 * Grouping suggestions beside the board (issue 16): Ada facilitates the 24-note board of the
 * issue (churn, latency, Postgres and cloud cost, their notes scattered across the board) and
 * asks for suggestions. The panel lists four proposals with human titles; pointing at the
 * second highlights only its notes on the canvas (the rest dimmed, no boxes); applying it gives
 * Ada and Ben a frame with that title holding exactly those notes, clear of every other note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { createNote, revealNotes, setPhase } from '../../core/board/commands/index'
import type { EpochMs } from '../../core/okr/okr-model'
import type { LaunchedBrowser } from '../helpers/browser'
import { SEED, closeE2e, gotoEditLink, chooseName, openSeededBoard } from '../helpers/e2e-board'
import type { CreatedBoard, TestServer } from '../helpers/server'
import { BRAINSTORM_24 } from '../core/grouping/fixtures/brainstorm-infra-24'

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let ada: Page
let ben: Page

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Six columns, the themes spread across them, as a brainstorm leaves them before grouping. */
function seed(doc: Y.Doc): void {
  revealNotes(doc, { revealed: true }, SEED)
  const createdAt = Date.now() as EpochMs
  BRAINSTORM_24.forEach((note, i) => {
    const slot = (i % 4) * 6 + Math.floor(i / 4)
    const x = 40 + (slot % 6) * 200
    const y = 40 + Math.floor(slot / 6) * 200
    createNote(doc, { id: note.id, x, y, author: 'seed', createdAt, text: note.text }, SEED)
  })
  setPhase(doc, { phase: 'group' }, SEED)
}

const highlighted = (page: Page): Promise<string[]> =>
  page.locator('sb-board-canvas').evaluate((el) => {
    type Node = { getAttr(name: string): unknown }
    const scene = (el as unknown as { scene: { overlayLayer: { find(s: string): Node[] } } }).scene
    return scene.overlayLayer
      .find('.proposal-highlight')
      .map((n) => String(n.getAttr('noteId')))
      .sort()
  })

const rectsOf = (page: Page, ids: readonly string[]): Promise<(Rect | null)[]> =>
  page
    .locator('sb-board-canvas')
    .evaluate(
      (el, list) =>
        list.map((id) =>
          (el as unknown as { scene: { rectOf(id: string): Rect | null } }).scene.rectOf(id),
        ),
      [...ids],
    )

const inside = (r: Rect, frame: Rect): boolean =>
  r.x >= frame.x &&
  r.y >= frame.y &&
  r.x + r.w <= frame.x + frame.w &&
  r.y + r.h <= frame.y + frame.h
const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

beforeAll(async () => {
  ;({
    server,
    board,
    peer,
    launched,
    pageA: ada,
    pageB: ben,
  } = await openSeededBoard({
    title: 'Suggestions',
    seed,
    stored: (stored) => stored.meta.phase === 'group' && stored.notes.length === 24,
    what: 'server has the 24 seeded notes in the group phase',
  }))
  await gotoEditLink(ada, server.url, board.facilitatorUrl)
  await gotoEditLink(ben, server.url, board.editUrl)
  await Promise.all([chooseName(ada, 'Ada', { delay: 60 }), chooseName(ben, 'Ben', { delay: 60 })])
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('grouping suggestions', () => {
  it('highlights one proposal at a time and applies it as a frame both people see', async () => {
    await ada.getByTestId('suggest-groups').click()
    const proposals = ada.locator('[data-suggestion]')
    await expect.poll(() => proposals.count()).toBe(4)
    const titles = await proposals.evaluateAll((items) =>
      items.map((li) => li.getAttribute('data-suggestion') ?? ''),
    )
    expect([...titles].sort()).toEqual([
      'Cut cloud costs',
      'Get the database in shape',
      'Make it faster',
      'Reduce churn',
    ])
    expect(await highlighted(ada)).toEqual([])

    const second = proposals.nth(1)
    const title = (await second.getAttribute('data-suggestion')) ?? ''
    const noteIds = ((await second.getAttribute('data-note-ids')) ?? '').split(' ').sort()
    expect(noteIds.length).toBeGreaterThanOrEqual(5)
    expect(await second.getAttribute('data-count')).toBe(String(noteIds.length))
    await second.locator('strong').hover()
    await expect.poll(() => highlighted(ada)).toEqual(noteIds)
    expect(await second.getAttribute('aria-current')).toBe('true')
    // What Ada reviews is hers: Ben's canvas highlights nothing.
    expect(await highlighted(ben)).toEqual([])
    // Pointing at another proposal moves the highlight: still one proposal's notes only.
    await proposals.nth(2).locator('strong').hover()
    const third = ((await proposals.nth(2).getAttribute('data-note-ids')) ?? '').split(' ').sort()
    await expect.poll(() => highlighted(ada)).toEqual(third)
    await second.locator('strong').hover()
    await expect.poll(() => highlighted(ada)).toEqual(noteIds)

    await second.locator('[data-action="accept"]').click()
    await expect.poll(() => proposals.count()).toBe(3)
    const frame = (page: Page) => page.locator(`section[data-group-id][data-title="${title}"]`)
    for (const page of [ada, ben]) {
      await frame(page).waitFor({ state: 'attached' })
      const groupId = (await frame(page).getAttribute('data-group-id')) ?? ''
      const members = await page
        .locator(`li[data-note-id][data-group-id="${groupId}"]`)
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-note-id') ?? '').sort())
      expect(members).toEqual(noteIds)
      // Notes glide into the frame: wait until they are there, then nothing else may be.
      const layout = async (): Promise<{ outside: string[]; covered: string[] }> => {
        const all = BRAINSTORM_24.map((n) => n.id)
        const [box] = await rectsOf(page, [groupId])
        const rects = await rectsOf(page, all)
        if (!box) return { outside: ['(no frame drawn)'], covered: [] }
        return {
          outside: all.filter((id, i) => noteIds.includes(id) && !inside(rects[i]!, box)),
          covered: all.filter((id, i) => !noteIds.includes(id) && overlaps(rects[i]!, box)),
        }
      }
      await expect.poll(layout).toEqual({ outside: [], covered: [] })
    }
    // Once applied, the panel highlights nothing until another proposal is pointed at.
    await ada.mouse.move(5, 5)
    await expect.poll(() => highlighted(ada)).toEqual([])
  })

  it('applies the rest at once: four frames, none overlapping another or a note not its own', async () => {
    await ada.getByTestId('apply-all-suggestions').click()
    await expect.poll(() => ada.locator('[data-suggestion]').count()).toBe(0)
    const frames = async (page: Page) => {
      const ids = await page
        .locator('section[data-group-id]')
        .evaluateAll((sections) => sections.map((el) => el.getAttribute('data-group-id') ?? ''))
      const members = await page
        .locator('li[data-note-id]')
        .evaluateAll((items) =>
          items.map((li) => [li.getAttribute('data-note-id'), li.getAttribute('data-group-id')]),
        )
      const notes = BRAINSTORM_24.map((n) => n.id)
      const [boxes, rects] = await Promise.all([rectsOf(page, ids), rectsOf(page, notes)])
      const problems: string[] = []
      ids.forEach((id, f) => {
        const box = boxes[f]
        if (!box) return problems.push(`${id} not drawn`)
        ids.forEach((other, g) => {
          if (g > f && boxes[g] && overlaps(box, boxes[g]!))
            problems.push(`${id} overlaps ${other}`)
        })
        notes.forEach((note, i) => {
          const own = members.some(([n, group]) => n === note && group === id)
          const r = rects[i]
          if (!r) problems.push(`${note} not drawn`)
          else if (own ? !inside(r, box) : overlaps(r, box)) problems.push(`${note} vs ${id}`)
        })
      })
      return { frames: ids.length, problems }
    }
    for (const page of [ada, ben]) {
      await expect.poll(() => frames(page)).toEqual({ frames: 4, problems: [] })
    }
  })
})

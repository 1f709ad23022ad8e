/**
 * A canvas that keeps itself tidy (issue 16), in a real Chromium with two people and a Node
 * peer on one board: B's view never moves when A (or anyone) adds notes; notes added from the
 * list land in free space; three notes dropped into a frame one after another flow into its
 * grid and the frame grows, as every peer sees it; a frame made from a selection holds exactly
 * its members; "Tidy up" on a messy 30-note board leaves no overlaps anywhere. Geometry is read
 * from each page's list view (its rows carry the stored positions) and from the Node peer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { createGroup, createNote, revealNotes, setPhase } from '../../core/board/commands/index'
import { noteBox } from '../../core/board/layout'
import { readBoard } from '../../core/board/read'
import { frameFootprint, overlap, within } from '../../core/board/tidy'
import type { EpochMs } from '../../core/okr/okr-model'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { SEED, closeE2e, joinBoard, openSeededBoard } from '../helpers/e2e-board'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'

interface Vp {
  readonly x: number
  readonly y: number
  readonly scale: number
}
interface NoteAt {
  readonly id: string
  readonly x: number
  readonly y: number
  readonly groupId: string | null
}
interface FrameAt {
  readonly id: string
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}
interface Geometry {
  readonly notes: readonly NoteAt[]
  readonly groups: readonly FrameAt[]
}

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page
let viewB: Vp
/** The board just before A tidied it. */
let messy: Geometry

function seed(doc: Y.Doc): void {
  setPhase(doc, { phase: 'group' }, SEED)
  revealNotes(doc, { revealed: true }, SEED)
}

const fromPeer = (): Geometry => readBoard(peer.doc)

/** What a page's list view says about every note and frame (the stored positions). */
async function fromPage(page: Page): Promise<Geometry> {
  const notes = await page.locator('li[data-note-id]').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-note-id') ?? '',
      x: Number(el.getAttribute('data-x')),
      y: Number(el.getAttribute('data-y')),
      groupId: el.getAttribute('data-group-id') || null,
    })),
  )
  const groups = await page.locator('section[data-group-id]').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-group-id') ?? '',
      x: Number(el.getAttribute('data-x')),
      y: Number(el.getAttribute('data-y')),
      w: Number(el.getAttribute('data-w')),
      h: Number(el.getAttribute('data-h')),
    })),
  )
  return { notes, groups }
}

/** Every overlap between loose notes and frames (titles included), and every note outside its frame. */
function problems({ notes, groups }: Geometry): string[] {
  const boxes = [
    ...notes.filter((n) => n.groupId === null).map((n) => ({ id: n.id, ...noteBox(n) })),
    ...groups.map((g) => ({ id: g.id, ...frameFootprint(g) })),
  ]
  const out: string[] = []
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) if (overlap(a, b)) out.push(`${a.id} overlaps ${b.id}`)
  })
  for (const n of notes) {
    const g = groups.find((f) => f.id === n.groupId)
    if (g && !within(noteBox(n), g)) out.push(`${n.id} sticks out of ${g.id}`)
    for (const other of notes) {
      if (other.id < n.id && overlap(noteBox(other), noteBox(n))) {
        out.push(`${other.id} overlaps ${n.id}`)
      }
    }
  }
  return [...new Set(out)]
}

/** Waits until every peer's view of the board passes `check`, and returns the peer's. */
async function onEveryPeer(check: (g: Geometry) => boolean, what: string): Promise<Geometry> {
  await waitFor(async () => check(fromPeer()), { what: `${what} (Node peer)`, timeoutMs: 10_000 })
  for (const [name, page] of [
    ['A', pageA],
    ['B', pageB],
  ] as const) {
    await waitFor(async () => check(await fromPage(page)), { what: `${what} (${name})` })
  }
  return fromPeer()
}

const canvas = (page: Page) => page.locator('sb-board-canvas')
const viewport = (page: Page): Promise<Vp> =>
  canvas(page).evaluate((el) => ({ ...(el as unknown as { viewport: Vp }).viewport }))

/** Waits until the canvas viewport stops changing (an eased move takes 250 ms). */
async function still(page: Page): Promise<Vp> {
  let previous = ''
  return waitFor(
    async () => {
      const now = await viewport(page)
      const same = JSON.stringify(now) === previous
      previous = JSON.stringify(now)
      return same ? now : false
    },
    { intervalMs: 120, what: 'the view at rest' },
  )
}

async function setList(page: Page, visible: boolean): Promise<void> {
  const toggle = page.getByTestId('toggle-list')
  if (((await toggle.getAttribute('aria-pressed')) === 'true') !== visible) await toggle.click()
}

/** Zoom to fit, as a person presses it, and wait for the view to come to rest. */
async function fit(page: Page): Promise<Vp> {
  await page.locator('sb-board-canvas button[title^="Zoom to fit"]').click()
  return still(page)
}

async function onScreen(page: Page, p: { x: number; y: number }) {
  const box = await canvas(page).boundingBox()
  if (box === null) throw new Error('the canvas is not laid out')
  const vp = await viewport(page)
  return { x: box.x + vp.x + p.x * vp.scale, y: box.y + vp.y + p.y * vp.scale }
}

/** Drags a note by its middle so that its middle lands on `to` (stage units). */
async function dragNote(page: Page, note: NoteAt, to: { x: number; y: number }): Promise<void> {
  const from = await onScreen(page, { x: note.x + 80, y: note.y + 80 })
  const target = await onScreen(page, to)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(target.x, target.y, { steps: 10 })
  await page.mouse.up()
}

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Tidy board',
    seed,
    stored: (stored) => stored.meta.phase === 'group' && stored.meta.notesRevealed,
    what: 'server has the group phase',
  }))
  await joinBoard(pageA, server, board.editUrl, 'Ada', { delay: 40 })
  await joinBoard(pageB, server, board.editUrl, 'Ben', { delay: 40 })
  for (const page of [pageA, pageB]) {
    await page.locator('[data-testid="status-chip"][data-status="online"]').waitFor()
  }
  viewB = await still(pageB)
}, 60_000)

afterAll(() => closeE2e({ peer, launched, server }))

describe('a canvas that keeps itself tidy', () => {
  it('lands notes added from the list in free space, and B’s view does not move', async () => {
    await setList(pageA, true)
    for (const text of ['Cut churn', 'Faster onboarding', 'Fewer outages', 'Cheaper cloud']) {
      await pageA.getByTestId('list-new-note').pressSequentially(text, { delay: 15 })
      await pageA.getByTestId('list-new-note').press('Enter')
    }
    const g = await onEveryPeer((g) => g.notes.length === 4, 'four notes')
    expect(problems(g)).toEqual([])
    // A Node peer adds notes too: still nobody's view moves but their own.
    createNote(
      peer.doc,
      { id: 'late', x: 3000, y: 2000, author: 'zoe', createdAt: Date.now() as EpochMs },
      SEED,
    )
    await onEveryPeer((g) => g.notes.length === 5, 'five notes')
    expect(await still(pageB)).toEqual(viewB)
  })

  it('flows three notes dropped into a frame into its grid, and the frame grows', async () => {
    createGroup(peer.doc, { id: 'drop', x: 900, y: -300, w: 320, h: 240, title: 'Drop here' }, SEED)
    await onEveryPeer((g) => g.groups.length === 1, 'the frame')
    await setList(pageA, false)
    const loose = fromPeer().notes.filter((n) => n.id !== 'late')
    for (const [i, note] of loose.slice(0, 3).entries()) {
      await fit(pageA)
      const frame = fromPeer().groups.find((f) => f.id === 'drop')
      if (!frame) throw new Error('no frame')
      // Aim at the frame's bottom-right part: the note still joins, in reading order.
      await dragNote(pageA, note, { x: frame.x + frame.w - 60, y: frame.y + frame.h - 40 })
      await onEveryPeer(
        (g) => g.notes.filter((n) => n.groupId === 'drop').length === i + 1,
        `note ${i + 1} in the frame`,
      )
    }
    const g = await onEveryPeer((g) => problems(g).length === 0, 'a tidy frame on every peer')
    const frame = g.groups.find((f) => f.id === 'drop')
    expect(frame && frame.w * frame.h).toBeGreaterThan(320 * 240)
    for (const page of [pageA, pageB]) expect(problems(await fromPage(page))).toEqual([])
  })

  it('makes a frame from a selection that holds exactly its members', async () => {
    const at = Date.now() as EpochMs
    for (const [id, x, y] of [
      ['s1', 0, 1400],
      ['s2', 400, 1400],
      ['s3', 800, 1400],
      ['between', 200, 1430],
    ] as const) {
      createNote(peer.doc, { id, x, y, author: 'zoe', createdAt: at, text: id }, SEED)
    }
    await onEveryPeer((g) => g.notes.some((n) => n.id === 'between'), 'the four notes')
    await fit(pageA)
    for (const [i, id] of ['s1', 's2', 's3'].entries()) {
      const note = fromPeer().notes.find((n) => n.id === id)
      if (!note) throw new Error(`no ${id}`)
      // s1..s3's right halves are clear of "between" (which covers their left edges).
      const p = await onScreen(pageA, { x: note.x + 140, y: note.y + 20 })
      if (i > 0) await pageA.keyboard.down('Shift')
      await pageA.mouse.click(p.x, p.y)
      if (i > 0) await pageA.keyboard.up('Shift')
    }
    await pageA
      .locator('sb-board-canvas button[title="Put the selected notes in a new frame"]')
      .first()
      .click()
    const g = await onEveryPeer(
      (g) => g.notes.filter((n) => n.groupId !== null && n.groupId !== 'drop').length === 3,
      'the new frame',
    )
    const frame = g.groups.find((f) => f.id !== 'drop')
    if (!frame) throw new Error('no new frame')
    const members = g.notes.filter((n) => n.groupId === frame.id).map((n) => n.id)
    expect(members.sort()).toEqual(['s1', 's2', 's3'])
    const between = g.notes.find((n) => n.id === 'between')
    expect(between && overlap(noteBox(between), frameFootprint(frame))).toBe(false)
    await pageA.keyboard.press('Escape')
  })

  it('tidies a messy 30-note board so that nothing overlaps, on every peer', async () => {
    // What a team writes, so the README's screenshot of this board reads like a real one.
    const ideas = [
      'Cut churn from 8% to 5%',
      'Exit interviews with churned SMBs',
      'Win back Q2 churners',
      'Health score for every account',
      'Onboarding call in week one',
      'p95 latency under 300 ms',
      'Cache the dashboard queries',
      'Faster first load on mobile',
      'Profile the search API',
      'Raise NPS from 31 to 45',
      'Postgres upgrade to 16',
      'Archive old audit rows',
      'Cut cloud spend by 20%',
      'Right-size the staging cluster',
      'Reserved instances for prod',
      'Self-serve SSO setup',
      'In-app checklist for admins',
      'Weekly usage email',
      'Hire a second designer',
      'Pair on support tickets',
      'Docs search that works',
      'Public status page',
      'Fewer paging alerts at night',
      'Runbooks for the top 5 alerts',
      'Pricing page experiment',
      'Annual plan discount test',
      'Partner referral program',
      'Quarterly customer advisory board',
      'Track activation in the warehouse',
      'Ship dark mode',
    ]
    createGroup(peer.doc, { id: 'm1', x: 200, y: 300, w: 320, h: 240, title: 'Churn' }, SEED)
    createGroup(peer.doc, { id: 'm2', x: 350, y: 380, w: 320, h: 240, title: 'Speed' }, SEED)
    const at = Date.now() as EpochMs
    for (let i = 0; i < 30; i++) {
      const groupId = i < 5 ? 'm1' : i < 9 ? 'm2' : null
      const [x, y] = [100 + ((i * 97) % 700), 250 + ((i * 61) % 500)]
      createNote(
        peer.doc,
        { id: `m${i}`, x, y, author: 'zoe', createdAt: at, text: ideas[i]!, groupId },
        SEED,
      )
    }
    messy = await onEveryPeer((g) => g.notes.length === 39, 'the messy board')
    expect(problems(messy).length).toBeGreaterThan(20)
    await pageA.locator('sb-board-canvas').click({ position: { x: 5, y: 5 } })
    await pageA.keyboard.press('Escape')
    await pageA.getByTestId('tidy-up').click()
    const tidy = await onEveryPeer((g) => problems(g).length === 0, 'no overlaps')
    expect(tidy.notes).toHaveLength(39)
    expect(tidy.groups).toHaveLength(4)
    expect(tidy.notes.filter((n) => n.groupId === 'm1')).toHaveLength(5)
    // B never moved their view, and it never moved by itself.
    expect(await still(pageB)).toEqual(viewB)

    // Close enough to read the notes, the minimap shows where the rest of the board is.
    await fit(pageA)
    await pageA.locator('sb-board-canvas button[title^="Zoom in"]').click()
    await still(pageA)
    await pageA.locator('sb-minimap[data-shown="true"]').waitFor()
    await screenshot(pageA, 'tidy-board')
  })

  it('moves the view when the person presses the minimap', async () => {
    const before = await still(pageA)
    const map = await pageA.locator('sb-minimap').boundingBox()
    if (map === null) throw new Error('no minimap')
    await pageA.mouse.click(map.x + 8, map.y + 8)
    const after = await still(pageA)
    expect(after.scale).toBe(before.scale)
    expect(after.x !== before.x || after.y !== before.y).toBe(true)
  })

  it('takes the whole tidy back with one undo, for everyone', async () => {
    // The board has the keyboard, as after any click on it.
    await canvas(pageA).focus()
    await pageA.keyboard.press('Control+z')
    const key = (g: Geometry) =>
      JSON.stringify([
        [...g.notes].sort((a, b) => (a.id < b.id ? -1 : 1)).map((n) => [n.id, n.x, n.y]),
        [...g.groups].sort((a, b) => (a.id < b.id ? -1 : 1)).map((f) => [f.id, f.x, f.y, f.w, f.h]),
      ])
    const back = await onEveryPeer((g) => key(g) === key(messy), 'the messy board back')
    expect(problems(back).length).toBeGreaterThan(20)
  })
})

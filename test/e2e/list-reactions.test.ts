/**
 * Reacting from the list view (the keyboard and screen-reader path): Ann opens the list, tabs to
 * a note's "React" button, opens it with Enter and presses 👍 with Enter; Bob sees the count
 * drawn on the canvas and read in his list view; Ann takes it back and both lose it. A view
 * link reads the counts but has no React control; a hidden note of the private brainstorm has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type Konva from 'konva'
import { createNote, revealNotes, setPhase } from '../../core/board/commands/index'
import type { EpochMs } from '../../core/okr/okr-model'
import {
  chooseName,
  closeE2e,
  joinBoard,
  openSeededBoard,
  SEED,
  type SeededBoardWithPeople,
} from '../helpers/e2e-board'

let room: SeededBoardWithPeople
const TYPING = { delay: 60 }

beforeAll(async () => {
  room = await openSeededBoard({
    title: 'List reactions',
    seed: (doc) => {
      createNote(
        doc,
        { id: 'n1', x: 0, y: 0, author: SEED, createdAt: 1 as EpochMs, text: 'Cut churn' },
        SEED,
      )
      createNote(
        doc,
        { id: 'n2', x: 220, y: 0, author: SEED, createdAt: 1 as EpochMs, text: 'Cloud cost' },
        SEED,
      )
      revealNotes(doc, { revealed: true }, SEED)
      setPhase(doc, { phase: 'group' }, SEED)
    },
    stored: (board) => board.notes.length === 2 && board.meta.phase === 'group',
    what: 'two notes in the group phase',
    spareContexts: 1,
  })
  await Promise.all([
    joinBoard(room.pageA, room.server, room.board.editUrl, 'Ann', TYPING),
    joinBoard(room.pageB, room.server, room.board.editUrl, 'Bob', TYPING),
  ])
})

afterAll(() => closeE2e(room ?? {}))

/** The reactions line drawn under a note on this person's canvas ('' for none). */
function reactionsOn(page: Page, noteId: string): Promise<string> {
  return page.locator('sb-board-canvas').evaluate((el, id) => {
    const stage = (el as unknown as { stageForTests: Konva.Stage | null }).stageForTests
    const line = stage?.findOne<Konva.Group>('#' + id)?.findOne<Konva.Text>('.reactions')
    return line?.visible() ? line.text() : ''
  }, noteId)
}

const inList = (page: Page, noteId: string, selector: string): Locator =>
  page.locator(`sb-note-list li[data-note-id="${noteId}"] ${selector}`)

/** Whether keyboard focus is on this element (inside its shadow root). */
const focused = (target: Locator): Promise<boolean> =>
  target.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)

/** '' when the list shows no reactions on the note. */
async function listLine(page: Page, noteId: string): Promise<string> {
  const line = inList(page, noteId, '[data-testid="list-reactions"]')
  return (await line.count()) === 0 ? '' : ((await line.textContent()) ?? '').trim()
}

describe('reacting from the list view', () => {
  it('Ann reacts and un-reacts with the keyboard; Bob sees it on the canvas and in the list', async () => {
    const { pageA: ann, pageB: bob } = room
    await ann.getByTestId('toggle-list').click()
    await bob.getByTestId('toggle-list').click()
    // Into the note's row with the keyboard: from its Edit button, Tab reaches "React".
    await inList(ann, 'n1', '[data-action="edit"]').focus()
    const react = inList(ann, 'n1', '[data-action="react"]')
    await ann.keyboard.press('Tab')
    expect(await focused(react)).toBe(true)
    expect(await react.getAttribute('aria-expanded')).toBe('false')
    await ann.keyboard.press('Enter')
    await expect.poll(() => react.getAttribute('aria-expanded')).toBe('true')
    const thumbs = inList(ann, 'n1', '[data-testid="list-react-👍"]')
    expect(await thumbs.getAttribute('aria-label')).toBe("React 👍 to 'Cut churn'")
    expect(await thumbs.getAttribute('aria-pressed')).toBe('false')
    await ann.keyboard.press('Tab')
    expect(await focused(thumbs)).toBe(true)
    await ann.keyboard.press('Enter')

    await expect.poll(() => thumbs.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => reactionsOn(bob, 'n1')).toBe('👍 1')
    await expect.poll(() => listLine(bob, 'n1')).toBe('👍 1')
    expect(await reactionsOn(bob, 'n2')).toBe('')
    // Bob's own picker shows Ann's count, not pressed for him.
    await inList(bob, 'n1', '[data-action="react"]').click()
    const bobsThumbs = inList(bob, 'n1', '[data-testid="list-react-👍"]')
    expect(await bobsThumbs.getAttribute('aria-pressed')).toBe('false')
    expect((await bobsThumbs.textContent())?.trim()).toBe('👍 1')

    // Focus stayed on 👍: Enter again takes the reaction back.
    expect(await focused(thumbs)).toBe(true)
    await ann.keyboard.press('Enter')
    await expect.poll(() => thumbs.getAttribute('aria-pressed')).toBe('false')
    await expect.poll(() => reactionsOn(bob, 'n1')).toBe('')
    await expect.poll(() => listLine(bob, 'n1')).toBe('')
    // Escape closes the picker and gives focus back to "React".
    await ann.keyboard.press('Escape')
    await expect.poll(() => react.getAttribute('aria-expanded')).toBe('false')
    expect(await focused(react)).toBe(true)
  })

  it('a view link reads the counts but has no React control', async () => {
    const { pageB: bob } = room
    await inList(bob, 'n2', '[data-action="react"]').click()
    await inList(bob, 'n2', '[data-testid="list-react-🔥"]').click()
    const viewer = await room.contexts[2]!.newPage()
    const link = new URL(room.board.viewUrl)
    await viewer.goto(new URL(link.pathname + link.hash, room.server.url).href)
    await chooseName(viewer, 'Vic', TYPING)
    await viewer.getByTestId('toggle-list').click()
    await expect.poll(() => listLine(viewer, 'n2')).toBe('🔥 1')
    expect(await viewer.locator('sb-note-list li.note').count()).toBe(2)
    expect(await viewer.locator('sb-note-list [data-action="react"]').count()).toBe(0)
    expect(await viewer.locator('sb-note-list sb-note-reactions').count()).toBe(0)
  })

  it('offers no React control on a hidden note of the private brainstorm', async () => {
    const { pageA: ann } = room
    revealNotes(room.peer.doc, { revealed: false }, SEED)
    await ann.getByTestId('list-new-note').click()
    await ann.keyboard.type('Secret idea', TYPING)
    await ann.keyboard.press('Enter')
    const secret = ann.locator('sb-note-list li.note').filter({ hasText: 'Secret idea' })
    await secret.waitFor()
    // It is hers alone, in her private room: nobody else could see a reaction to it.
    expect(await secret.locator('[data-action="edit"]').count()).toBe(1)
    expect(await secret.locator('[data-action="react"]').count()).toBe(0)
    expect(await inList(ann, 'n1', '[data-action="react"]').count()).toBe(1)
  })
})

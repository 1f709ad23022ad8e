/**
 * "I'm done", reactions and the canvas toolbar with three people in their own browsers: during
 * a timer both participants press "I'm done" and the facilitator counts 1 of 2, then 2 of 2,
 * back to 0 when the timer restarts; two participants react to one note at the same moment and
 * all three see both reactions on it; the toolbar makes a note and frames it; N makes notes at
 * the centre of the view, never on top of another; vote mode places dots with clicks; during an
 * agenda the marks belong to the step and start again on the next one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type Konva from 'konva'
import { goToStep, startAgenda } from '../../core/board/commands/index'
import { OKR_PLAY } from '../../core/play/play-model'
import { NOTE_SIZE } from '../../core/board/schema'
import { readBoard } from '../../core/board/read'
import type { EpochMs } from '../../core/okr/okr-model'
import { closeE2e, SEED } from '../helpers/e2e-board'
import {
  boardPointOnPage,
  centreOf,
  onCanvas,
  openThreeOnNotes,
  viewOf,
  type ThreePeople,
} from '../helpers/facilitation-e2e'

let room: ThreePeople
const TYPING = { delay: 70 }

const NOTES = [
  ['n1', 0, 0, 'Cut churn'],
  ['n2', 200, 0, 'Faster onboarding'],
  ['n3', 0, 200, 'Cloud cost'],
] as const

beforeAll(async () => {
  room = await openThreeOnNotes('Done and reactions', NOTES)
})

afterAll(() => closeE2e(room ?? {}))

const doneCount = (page: Page) => page.getByTestId('done-count').textContent()

/** The reactions line drawn under a note on this person's canvas ('' for none). */
function reactionsOn(page: Page, noteId: string): Promise<string> {
  return page.locator('sb-board-canvas').evaluate((el, id) => {
    const stage = (el as unknown as { stageForTests: Konva.Stage | null }).stageForTests
    const line = stage?.findOne<Konva.Group>('#' + id)?.findOne<Konva.Text>('.reactions')
    return line?.visible() ? line.text() : ''
  }, noteId)
}

async function clickNote(page: Page, x: number, y: number): Promise<void> {
  const at = await boardPointOnPage(page, { x: x + NOTE_SIZE.w / 2, y: y + 30 })
  await page.mouse.click(at.x, at.y)
}

const board = () => readBoard(room.peer.doc)

describe("I'm done", () => {
  it('counts each participant once for the facilitator, and starts again with a new timer', async () => {
    const { fay, ann, bob } = room
    expect(await ann.getByTestId('done').count()).toBe(0)
    await fay.getByTestId('timer-start-3').click()
    await expect.poll(() => doneCount(fay)).toBe('0 of 2 done')
    expect(await fay.getByTestId('done').count()).toBe(0)
    await ann.getByTestId('done').click()
    await expect.poll(() => doneCount(fay)).toBe('1 of 2 done')
    expect(await fay.getByTestId('done-names').textContent()).toBe('Ann')
    await bob.getByTestId('done').click()
    await expect.poll(() => doneCount(fay)).toBe('2 of 2 done')
    expect(await fay.getByTestId('done-names').textContent()).toBe('Ann, Bob')
    expect(await ann.getByTestId('done').getAttribute('aria-pressed')).toBe('true')
    // Ann takes it back, then marks it again.
    await ann.getByTestId('done').click()
    await expect.poll(() => doneCount(fay)).toBe('1 of 2 done')
    await ann.getByTestId('done').click()
    await expect.poll(() => doneCount(fay)).toBe('2 of 2 done')

    await fay.getByTestId('timer-stop').click()
    await expect.poll(() => ann.getByTestId('done').count()).toBe(0)
    await fay.getByTestId('timer-start-5').click()
    await expect.poll(() => doneCount(fay)).toBe('0 of 2 done')
    await expect.poll(() => ann.getByTestId('done').getAttribute('aria-pressed')).toBe('false')
  })
})

describe('reactions', () => {
  it('shows two people’s reactions made at the same moment to all three', async () => {
    const { fay, ann, bob } = room
    await Promise.all([clickNote(ann, 0, 0), clickNote(bob, 0, 0)])
    await Promise.all([
      ann.getByTestId('react-👍').waitFor(),
      bob.getByTestId('react-👍').waitFor(),
    ])
    await Promise.all([
      (async () => {
        await ann.getByTestId('react-👍').click()
        await ann.getByTestId('react-🔥').click()
      })(),
      bob.getByTestId('react-👍').click(),
    ])
    for (const page of [fay, ann, bob]) {
      await expect
        .poll(() => reactionsOn(page, 'n1'), {
          message: JSON.stringify(room.peer.doc.getMap('reactions').toJSON()),
        })
        .toBe('👍 2  🔥 1')
    }
    expect(await ann.getByTestId('react-👍').getAttribute('aria-pressed')).toBe('true')
    expect(await bob.getByTestId('react-🔥').getAttribute('aria-pressed')).toBe('false')
    await bob.getByTestId('react-👍').click()
    await expect.poll(() => reactionsOn(fay, 'n1')).toBe('👍 1  🔥 1')
    expect(await fay.getByTestId('react-👍').count()).toBe(0)
    // The list view (screen readers, keyboard) reads the same.
    await fay.getByTestId('toggle-list').click()
    const inList = fay.locator('li[data-note-id="n1"] [data-testid="list-reactions"]')
    await expect.poll(() => inList.textContent()).toBe('👍 1  🔥 1')
    await fay.getByTestId('toggle-list').click()
  })
})

describe('the toolbar and N', () => {
  it('makes a note with the toolbar, and frames it', async () => {
    const { ann } = room
    const before = board().notes.length
    await ann.getByTestId('tool-colour-green').click()
    await ann.getByTestId('tool-note').click()
    await ann.keyboard.type('Ship it', TYPING)
    await ann.keyboard.press('Escape')
    await expect.poll(() => board().notes.find((n) => n.text === 'Ship it')?.color).toBe('#bbf7d0')
    expect(board().notes.length).toBe(before + 1)
    await ann.getByTestId('tool-frame').click()
    await ann.keyboard.type('Launch', TYPING)
    await ann.keyboard.press('Escape')
    await expect.poll(() => board().groups.find((g) => g.title === 'Launch')?.id).toBeTruthy()
    const frame = board().groups.find((g) => g.title === 'Launch')!
    expect(board().notes.find((n) => n.text === 'Ship it')?.groupId).toBe(frame.id)
  })

  it('makes notes with N at the centre of the view, none on another', async () => {
    const { bob } = room
    const before = board().notes.length
    for (const text of ['Idea one', 'Idea two']) {
      const empty = await onCanvas(bob, 90, 110)
      await bob.mouse.click(empty.x, empty.y)
      await bob.keyboard.press('n')
      await bob.keyboard.type(text, TYPING)
      await bob.keyboard.press('Escape')
      await expect.poll(() => board().notes.some((n) => n.text === text)).toBe(true)
    }
    const notes = board().notes
    expect(notes.length).toBe(before + 2)
    for (const a of notes) {
      for (const b of notes) {
        if (a.id === b.id) continue
        const overlap = Math.abs(a.x - b.x) < NOTE_SIZE.w && Math.abs(a.y - b.y) < NOTE_SIZE.h
        expect({ a: a.text, b: b.text, overlap }).toEqual({ a: a.text, b: b.text, overlap: false })
      }
    }
    // Near where Bob looks: within two notes of the centre of his view.
    const centre = centreOf(await viewOf(bob))
    for (const text of ['Idea one', 'Idea two']) {
      const n = notes.find((note) => note.text === text)!
      const d = Math.hypot(n.x + NOTE_SIZE.w / 2 - centre.x, n.y + NOTE_SIZE.h / 2 - centre.y)
      expect(d).toBeLessThan(2 * (NOTE_SIZE.w + 20) * 1.5)
    }
  })
})

describe('vote mode', () => {
  it('places a dot with a click on a note, and Shift + click takes it back', async () => {
    const { fay, ann } = room
    expect(await ann.getByTestId('tool-vote').count()).toBe(0)
    await fay.locator('sb-phase-bar button[data-phase="vote"]').click()
    await ann.getByTestId('tool-vote').click()
    expect(await ann.getByTestId('tool-vote').getAttribute('aria-pressed')).toBe('true')
    await clickNote(ann, 200, 0)
    await clickNote(ann, 200, 0)
    await expect.poll(() => dotsOn(ann, 'n2')).toBe('2')
    await ann.keyboard.down('Shift')
    await clickNote(ann, 200, 0)
    await ann.keyboard.up('Shift')
    await expect.poll(() => dotsOn(ann, 'n2')).toBe('1')
    // A click in vote mode votes instead of selecting.
    expect(await ann.getByTestId('react-👍').count()).toBe(0)
  })
})

/** The dot count drawn on a note on this person's canvas ('' for none shown). */
function dotsOn(page: Page, noteId: string): Promise<string> {
  return page.locator('sb-board-canvas').evaluate((el, id) => {
    const stage = (el as unknown as { stageForTests: Konva.Stage | null }).stageForTests
    const badge = stage?.findOne<Konva.Group>('#' + id)?.findOne<Konva.Group>('.votes')
    return badge?.visible() ? (badge.findOne<Konva.Text>('.count')?.text() ?? '') : ''
  }, noteId)
}

describe("I'm done during an agenda step", () => {
  it('counts marks for the step the room is on, and starts again on the next step', async () => {
    const { fay, ann, bob } = room
    startAgenda(room.peer.doc, { play: OKR_PLAY, now: Date.now() as EpochMs }, SEED)
    await expect.poll(() => doneCount(fay)).toBe('0 of 2 done')
    await ann.getByTestId('done').click()
    await bob.getByTestId('done').click()
    await expect.poll(() => doneCount(fay)).toBe('2 of 2 done')
    goToStep(room.peer.doc, { step: 1, now: Date.now() as EpochMs }, SEED)
    await expect.poll(() => doneCount(fay)).toBe('0 of 2 done')
    await bob.getByTestId('done').click()
    await expect.poll(() => doneCount(fay)).toBe('1 of 2 done')
  })

  it('offers the mark in the OKR workspace during the key-result steps', async () => {
    const { fay, ann, bob } = room
    const keyResults = OKR_PLAY.steps.findIndex((s) => s.view === 'okrs')
    goToStep(room.peer.doc, { step: keyResults, now: Date.now() as EpochMs }, SEED)
    const inWorkspace = (page: Page, id: string) => page.locator('sb-okr-workspace').getByTestId(id)
    await inWorkspace(ann, 'done').click()
    await expect.poll(() => inWorkspace(fay, 'done-count').textContent()).toBe('1 of 2 done')
    await inWorkspace(bob, 'done').click()
    await expect.poll(() => inWorkspace(fay, 'done-count').textContent()).toBe('2 of 2 done')
    await expect.poll(() => inWorkspace(bob, 'done').getAttribute('aria-pressed')).toBe('true')
  })
})

import { describe, expect, it } from 'vitest'
import { nextNotePosition, noteListView } from '../../../client/canvas/note-list-model'
import { GRID_GAP, NOTE_SIZE } from '../../../core/board/schema'
import { group, note, snapshot } from '../fixtures/board-snapshot'

describe('where a note made from the list lands', () => {
  it('starts at a fixed spot on an empty board', () => {
    expect(nextNotePosition([])).toEqual({ x: 80, y: 80 })
  })

  it('lands beside the last loose note, clear of every note and frame, never in a tower', () => {
    const notes: { id: string; x: number; y: number; groupId: string | null }[] = [
      { id: 'a', x: 10, y: -20, groupId: null },
      { id: 'b', x: 500, y: 40, groupId: null },
    ]
    const frames = [{ id: 'g', x: 700, y: 0, w: 400, h: 400 }]
    for (let i = 0; i < 50; i++) {
      const at = nextNotePosition(notes, frames)
      const clear = (o: { x: number; y: number }) =>
        Math.abs(o.x - at.x) >= NOTE_SIZE.w + GRID_GAP ||
        Math.abs(o.y - at.y) >= NOTE_SIZE.h + GRID_GAP
      expect(notes.every(clear)).toBe(true)
      expect(
        at.x + NOTE_SIZE.w <= 700 || at.x >= 1100 || at.y >= 400 || at.y + NOTE_SIZE.h <= -44,
      ).toBe(true)
      notes.push({ id: `n${i}`, ...at, groupId: null })
    }
    const xs = new Set(notes.map((n) => n.x))
    const ys = new Set(notes.map((n) => n.y))
    // A block, not a line: both directions are used, neither runs to 50.
    expect(xs.size).toBeGreaterThan(3)
    expect(ys.size).toBeGreaterThan(3)
    expect(ys.size).toBeLessThan(20)
  })
})

describe('the list view of the board', () => {
  const parts = {
    meta: { phase: 'vote', voteBudget: 3 } as const,
    groups: [group('g', { title: '  ' })],
    notes: [
      note('a', { groupId: 'g', x: 10.4, y: 20.6 }),
      note('b', { author: 'ben', text: 'secret' }),
      note('c', { text: '   ' }),
    ],
    dots: { me: { a: 1, g: 2 }, ben: { a: 1 } },
  }
  const board = snapshot(parts)

  it('lists groups with their notes, then the ungrouped notes', () => {
    const view = noteListView(board, 'me', true)
    expect(view.noteCount).toBe(3)
    expect(view.groupCount).toBe(1)
    expect(view.groups.map((s) => [s.name, s.heading, s.notes.map((n) => n.id)])).toEqual([
      ['Untitled group', 'Untitled group (1, 2 dots)', ['a']],
    ])
    expect(view.ungroupedHeading).toBe('Not in a group (2)')
    expect(view.ungrouped.map((n) => n.id)).toEqual(['b', 'c'])
  })

  it('shows every note of the shared board whole, others’ too: a note there is public', () => {
    const b = noteListView(board, 'me', true).ungrouped[0]
    expect(b).toMatchObject({ text: 'secret', editText: 'secret', editable: true, mine: false })
    const c = noteListView(board, 'me', true).ungrouped[1]
    expect(c).toMatchObject({ label: 'Empty note', editable: true, mine: true })
  })

  it('counts only my dots until the votes are revealed', () => {
    const a = noteListView(board, 'me', true).groups[0]?.notes[0]
    expect(a).toMatchObject({ votes: 1, myVotes: 1, x: 10, y: 21 })
    expect(a?.detail).toBe('In Untitled group · 1 dot (yours)')
    const open = snapshot({ ...parts, meta: { ...parts.meta, votesRevealed: true } })
    const revealed = noteListView(open, 'me', true)
    expect(revealed.groups[0]?.notes[0]?.detail).toBe('In Untitled group · 2 dots')
  })

  it('offers voting to editors in the vote and review phases only', () => {
    expect(noteListView(board, 'me', true)).toMatchObject({
      voting: true,
      left: 0,
      budgetLabel: '0 of 3 dots left',
    })
    expect(noteListView(board, 'me', false).voting).toBe(false)
    expect(noteListView(snapshot({}), 'me', true).voting).toBe(false)
    expect(noteListView(snapshot({}), 'me', true).ungroupedHeading).toBe('Notes (0)')
  })
})

import { describe, expect, it } from 'vitest'
import { nextNotePosition, noteListView } from '../../../client/canvas/note-list-model'
import { GRID_GAP, NOTE_SIZE } from '../../../core/board/schema'
import { group, note, snapshot } from '../fixtures/board-snapshot'

describe('where a note made from the list lands', () => {
  it('starts at a fixed spot on an empty board', () => {
    expect(nextNotePosition([])).toEqual({ x: 80, y: 80 })
  })

  it('fills rows of six from the top-left content, a note and a gap apart', () => {
    const step = { x: NOTE_SIZE.w + GRID_GAP, y: NOTE_SIZE.h + GRID_GAP }
    const notes = [
      { x: 10, y: -20 },
      { x: 500, y: 40 },
    ]
    expect(nextNotePosition(notes)).toEqual({ x: 10 + 2 * step.x, y: -20 })
    const six = Array.from({ length: 6 }, () => ({ x: 0, y: 0 }))
    expect(nextNotePosition(six)).toEqual({ x: 0, y: step.y })
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

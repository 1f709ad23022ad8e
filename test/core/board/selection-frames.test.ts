import { describe, expect, it } from 'vitest'
import {
  acceptGroupingProposal,
  createNote,
  frameSelection,
  MAX_SELECTION,
} from '../../../core/board/commands/index'
import { readBoard, readNote } from '../../../core/board/read'
import { FRAME_TITLE_SPACE, GRID_GAP, NOTE_SIZE } from '../../../core/board/schema'
import { at, ORIGIN } from './fixtures'
import { oneStep, refused, selectionBoard, sparse } from './selection-fixtures'

describe('frameSelection', () => {
  it('draws a frame at the notes, lays them in its grid and puts them in it, in one undo step', () => {
    const doc = selectionBoard()
    const args = { groupId: 'g9', noteIds: ['n2', 'n3', 'n1'], title: 'Onboarding' }
    expect(oneStep(doc, () => frameSelection(doc, args, ORIGIN))).toBe('g9')
    const board = readBoard(doc)
    // n1 (10,10), n2 (500,10), n3 (700,10): one row of three cells from n1's corner.
    const step = NOTE_SIZE.w + GRID_GAP
    expect(board.groups.find((g) => g.id === 'g9')).toMatchObject({
      title: 'Onboarding',
      x: 10 - GRID_GAP,
      y: 10 - FRAME_TITLE_SPACE,
      w: 3 * step + GRID_GAP,
      h: FRAME_TITLE_SPACE + NOTE_SIZE.h + 2 * GRID_GAP,
    })
    expect(board.notes.map((n) => [n.id, n.x, n.y, n.groupId])).toEqual([
      ['n1', 10, 10, 'g9'],
      ['n2', 10 + step, 10, 'g9'],
      ['n3', 10 + 2 * step, 10, 'g9'],
    ])
  })

  it('frames what is left when another peer deleted some of the notes', () => {
    const doc = selectionBoard()
    expect(frameSelection(doc, { groupId: 'g9', noteIds: ['gone', 'n3'] }, ORIGIN)).toBe('g9')
    expect(readBoard(doc).groups.find((g) => g.id === 'g9')).toMatchObject({
      x: 700 - GRID_GAP,
      title: '',
    })
    expect(readNote(doc, 'n3')?.groupId).toBe('g9')
  })

  it('refuses before writing: a taken id, no notes left, a mixed-up id, bad input', () => {
    const doc = selectionBoard()
    const frame = (args: unknown) => () => frameSelection(doc, args as never, ORIGIN)
    expect(refused(doc, frame({ groupId: 'g1', noteIds: ['n2'] }))).toBe('already-exists:groupId')
    expect(refused(doc, frame({ groupId: 'g9', noteIds: ['gone'] }))).toBe('not-found:noteIds')
    expect(refused(doc, frame({ groupId: 'g9', noteIds: [] }))).toBe('not-found:noteIds')
    expect(refused(doc, frame({ groupId: 'g9', noteIds: ['n2', 'g2'] }))).toBe(
      'invalid-argument:noteIds[1]',
    )
    expect(refused(doc, frame({ groupId: '', noteIds: ['n2'] }))).toBe('invalid-argument:groupId')
    expect(refused(doc, frame({ groupId: 'g9', noteIds: 'n2' }))).toBe('invalid-argument:noteIds')
    expect(refused(doc, frame({ groupId: 'g9', noteIds: sparse(1) }))).toBe(
      'invalid-argument:noteIds[0]',
    )
    expect(refused(doc, frame({ groupId: 'g9', noteIds: ['n2'], title: 7 }))).toBe(
      'invalid-argument:title',
    )
    expect(refused(doc, frame({ groupId: 'g9', noteIds: ['n2'], title: 'x'.repeat(501) }))).toBe(
      'invalid-argument:title',
    )
    const huge = new Array<string>(MAX_SELECTION + 1).fill('n2')
    expect(refused(doc, frame({ groupId: 'g9', noteIds: huge }))).toBe('invalid-argument:noteIds')
  })

  it('refuses a frame that would reach past the edge of the board', () => {
    const doc = selectionBoard()
    createNote(doc, { id: 'edge', x: -1e7, y: 0, author: 'ann', createdAt: at(9) }, ORIGIN)
    expect(
      refused(doc, () => frameSelection(doc, { groupId: 'g9', noteIds: ['edge'] }, ORIGIN)),
    ).toBe('invalid-argument:noteIds')
  })
})

describe('acceptGroupingProposal', () => {
  it('frames the ungrouped notes right of everything, tidied into a grid, in one undo step', () => {
    const doc = selectionBoard()
    // n1 already belongs to g1, so only n2 and n3 take part.
    const args = { groupId: 'g9', title: 'Onboarding', noteIds: ['n3', 'n1', 'n2'] }
    expect(oneStep(doc, () => acceptGroupingProposal(doc, args, ORIGIN))).toBe('g9')
    const board = readBoard(doc)
    // The rightmost thing on the board is g2 (its right edge at 1400); the top is y = 0.
    const left = 1400 + 3 * GRID_GAP
    expect(board.groups.find((g) => g.id === 'g9')).toMatchObject({
      title: 'Onboarding',
      x: left,
      y: 0,
      w: 2 * (NOTE_SIZE.w + GRID_GAP) + GRID_GAP,
      h: NOTE_SIZE.h + 2 * GRID_GAP + FRAME_TITLE_SPACE,
    })
    const top = FRAME_TITLE_SPACE
    expect(board.notes.map((n) => [n.id, n.x, n.y, n.groupId])).toEqual([
      ['n1', 10, 10, 'g1'],
      ['n2', left + GRID_GAP + NOTE_SIZE.w + GRID_GAP, top, 'g9'],
      ['n3', left + GRID_GAP, top, 'g9'],
    ])
  })

  it('writes nothing and answers null when every note was grouped or deleted meanwhile', () => {
    const doc = selectionBoard()
    const args = { groupId: 'g9', title: 'Late', noteIds: ['n1', 'gone'] }
    expect(refused(doc, () => acceptGroupingProposal(doc, args, ORIGIN))).toBeNull()
    expect(acceptGroupingProposal(doc, args, ORIGIN)).toBeNull()
  })

  it('refuses before writing: a taken id, a bad title, a mixed-up or malformed list', () => {
    const doc = selectionBoard()
    const accept = (args: unknown) => () => acceptGroupingProposal(doc, args as never, ORIGIN)
    const ok = { groupId: 'g9', title: 'Churn', noteIds: ['n2', 'n3'] }
    expect(refused(doc, accept({ ...ok, groupId: 'g2' }))).toBe('already-exists:groupId')
    expect(refused(doc, accept({ ...ok, title: undefined }))).toBe('invalid-argument:title')
    expect(refused(doc, accept({ ...ok, title: 'x'.repeat(501) }))).toBe('invalid-argument:title')
    expect(refused(doc, accept({ ...ok, noteIds: ['n2', 'o1'] }))).toBe(
      'invalid-argument:noteIds[1]',
    )
    expect(refused(doc, accept({ ...ok, noteIds: 'n2,n3' }))).toBe('invalid-argument:noteIds')
    expect(refused(doc, accept({ ...ok, noteIds: [Number.NaN] }))).toBe(
      'invalid-argument:noteIds[0]',
    )
    expect(refused(doc, accept([ok]))).toBe('invalid-argument:acceptGroupingProposal')
  })

  it('refuses a layout that would land past the edge of the board, writing nothing', () => {
    const doc = selectionBoard()
    // Everything else ends near the right edge, so a frame placed right of it would not fit.
    createNote(doc, { id: 'far', x: 1e7 - 200, y: 0, author: 'ann', createdAt: at(9) }, ORIGIN)
    const args = { groupId: 'g9', title: 'Churn', noteIds: ['n2'] }
    expect(refused(doc, () => acceptGroupingProposal(doc, args, ORIGIN))).toBe(
      'invalid-argument:noteIds',
    )
  })
})

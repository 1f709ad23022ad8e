import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { castVote, createNote, setVoteBudget } from '../../../core/board/commands'
import type { EpochMs } from '../../../core/okr/okr-model'
import { controllerOn } from '../fixtures/board-controller'

describe('BoardController.attempt: whether a command went through', () => {
  const doc = new Y.Doc()
  const board = controllerOn(doc, 'ann', {})
  board.connect()
  const at = { x: 0, y: 0, author: 'ann', createdAt: 0 as EpochMs }

  it('is true for a command the board took, and posts no notice', () => {
    expect(board.attempt(createNote, { id: 'n1', ...at })).toBe(true)
    expect(board.attempt(setVoteBudget, { budget: 1 })).toBe(true)
    expect(board.attempt(castVote, { voterId: 'ann', targetId: 'n1' })).toBe(true)
    expect(board.notice).toBeNull()
  })

  it('is false for a refused one, whose reason becomes the notice', () => {
    expect(board.attempt(castVote, { voterId: 'ann', targetId: 'n1' })).toBe(false)
    expect(board.notice?.message).toBe('You have no dots left. Take one back to move it.')
    expect(board.attempt(castVote, { voterId: 'ann', targetId: 'n1' })).toBe(false)
  })
})

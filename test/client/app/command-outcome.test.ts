import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { ranCommand } from '../../../client/app/command-outcome'
import { castVote, createNote, setVoteBudget } from '../../../core/board/commands'
import type { EpochMs } from '../../../core/okr/okr-model'
import { controllerOn } from '../fixtures/board-controller'

describe('whether a command went through', () => {
  const doc = new Y.Doc()
  const board = controllerOn(doc, 'ann', {})
  board.connect()
  const at = { x: 0, y: 0, author: 'ann', createdAt: 0 as EpochMs }

  it('is true for a command the board took, and posts no notice', () => {
    expect(ranCommand(board, createNote, { id: 'n1', ...at })).toBe(true)
    expect(ranCommand(board, setVoteBudget, { budget: 1 })).toBe(true)
    expect(ranCommand(board, castVote, { voterId: 'ann', targetId: 'n1' })).toBe(true)
    expect(board.notice).toBeNull()
  })

  it('is false for a refused one, whose reason becomes the notice', () => {
    expect(ranCommand(board, castVote, { voterId: 'ann', targetId: 'n1' })).toBe(false)
    expect(board.notice?.message).toBe('You have no dots left. Take one back to move it.')
    expect(ranCommand(board, castVote, { voterId: 'ann', targetId: 'n1' })).toBe(false)
  })
})

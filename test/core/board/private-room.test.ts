import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readPrivateVotes, readSealed } from '../../../core/board/private-room'
import { castPrivateVote, retractPrivateVote } from '../../../core/board/commands/private-votes'
import { BoardCommandError } from '../../../core/board/errors'

describe('sealed counts', () => {
  it('reads counts per member, repaired, and leaves out members with nothing hidden', () => {
    const doc = new Y.Doc()
    const sealed = doc.getMap('sealed')
    sealed.set('bo', { notes: 3, dots: 2 })
    sealed.set('cy', { notes: 0, dots: 0 })
    sealed.set('di', { notes: '4', dots: -1 })
    sealed.set('ed', 'junk')
    sealed.set('fa', { notes: 1e9, dots: 1.7 })
    const read = readSealed(doc)
    expect(read.get('bo')).toEqual({ notes: 3, dots: 2 })
    expect(read.has('cy')).toBe(false)
    expect(read.has('ed')).toBe(false)
    expect(read.get('fa')).toEqual({ notes: 1000, dots: 1 })
    expect(readSealed(new Y.Doc()).size).toBe(0)
  })
})

describe('private votes', () => {
  it('casts within the budget and refuses past it, writing nothing', () => {
    const doc = new Y.Doc()
    castPrivateVote(doc, { targetId: 'n1', budget: 3 }, 'me')
    castPrivateVote(doc, { targetId: 'n1', budget: 3, count: 2 }, 'me')
    expect(readPrivateVotes(doc).get('n1')).toBe(3)
    expect(() => castPrivateVote(doc, { targetId: 'n2', budget: 3 }, 'me')).toThrow(
      BoardCommandError,
    )
    expect(readPrivateVotes(doc).has('n2')).toBe(false)
  })

  it('retracts at most what is there and removes an emptied target', () => {
    const doc = new Y.Doc()
    castPrivateVote(doc, { targetId: 'n1', budget: 5, count: 2 }, 'me')
    expect(retractPrivateVote(doc, { targetId: 'n1', budget: 5, count: 5 }, 'me')).toBe(2)
    expect(doc.getMap('votes').has('n1')).toBe(false)
    expect(retractPrivateVote(doc, { targetId: 'n1', budget: 5 }, 'me')).toBe(0)
  })

  it('validates its arguments', () => {
    const doc = new Y.Doc()
    expect(() => castPrivateVote(doc, { targetId: '', budget: 5 }, 'me')).toThrow(BoardCommandError)
    expect(() => castPrivateVote(doc, { targetId: 'n1', budget: -1 }, 'me')).toThrow(
      BoardCommandError,
    )
  })
})

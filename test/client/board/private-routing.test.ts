import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { runRouted, type PrivateSide } from '../../../client/board/private-routing'
import {
  castVote,
  createGroup,
  createNote,
  deleteSelection,
  dropNotes,
  duplicateNotes,
  editText,
  frameSelection,
  retractVote,
  revealNotes,
  revealVotes,
} from '../../../core/board/commands/index'
import { readNote, readNotes } from '../../../core/board/read'
import { getVotes } from '../../../core/board/schema'
import { readRawVotes } from '../../../core/board/vote-tally'
import { readPrivateVotes } from '../../../core/board/private-room'

import type { EpochMs } from '../../../core/okr/okr-model'

const origin = { local: 'ann' }
const at = (ms: number) => ms as EpochMs
const readRawVotesOf = (doc: Y.Doc) => readRawVotes(getVotes(doc))

function setup(): { shared: Y.Doc; side: PrivateSide } {
  const shared = new Y.Doc()
  createGroup(shared, { id: 'g1', title: 'Churn', x: 0, y: 0, w: 400, h: 300 }, origin)
  createNote(
    shared,
    { id: 'pub', x: 900, y: 900, author: 'bo', createdAt: at(1), text: 'public' },
    origin,
  )
  return { shared, side: { doc: new Y.Doc(), member: 'ann' } }
}

const note = (id: string, author = 'someone') => ({ id, x: 10, y: 10, author, createdAt: at(2) })

describe('routing while notes are hidden', () => {
  it('writes a new note to the private room only, authored by the room member, in no frame', () => {
    const { shared, side } = setup()
    runRouted(
      createNote,
      { ...note('n1', 'device-id'), groupId: 'g1', text: 'secret' },
      shared,
      side,
      origin,
    )
    expect(readNote(shared, 'n1')).toBeNull()
    expect(readNote(side.doc, 'n1')).toMatchObject({ author: 'ann', groupId: null, text: 'secret' })
  })

  it('keeps edits, moves, copies and deletes of a hidden note in the private room', () => {
    const { shared, side } = setup()
    runRouted(createNote, note('n1'), shared, side, origin)
    runRouted(
      editText,
      { collection: 'notes', id: 'n1', delta: [{ insert: 'abc' }] },
      shared,
      side,
      origin,
    )
    const moved = runRouted(
      dropNotes,
      { noteIds: ['n1', 'pub'], groupIds: [], dx: 5, dy: 0 },
      shared,
      side,
      origin,
    )
    expect([...moved].sort()).toEqual(['n1', 'pub'])
    expect(readNote(side.doc, 'n1')).toMatchObject({ text: 'abc', x: 15 })
    expect(readNote(shared, 'pub')).toMatchObject({ x: 905 })
    const copies = runRouted(
      duplicateNotes,
      { copies: [{ sourceId: 'n1', id: 'n2' }], dx: 1, dy: 1, author: 'x', createdAt: at(3) },
      shared,
      side,
      origin,
    )
    expect(copies).toEqual(['n2'])
    expect(readNote(side.doc, 'n2')).toMatchObject({ text: 'abc', author: 'ann' })
    runRouted(deleteSelection, { noteIds: ['n1', 'n2'], groupIds: [] }, shared, side, origin)
    expect(readNotes(side.doc)).toEqual([])
    expect(readNote(shared, 'pub')).not.toBeNull()
  })

  it('refuses to frame hidden notes alone, and frames only the public ones of a mix', () => {
    const { shared, side } = setup()
    runRouted(createNote, note('n1'), shared, side, origin)
    expect(() =>
      runRouted(frameSelection, { groupId: 'g2', noteIds: ['n1'] }, shared, side, origin),
    ).toThrow(/after the reveal/)
    runRouted(frameSelection, { groupId: 'g3', noteIds: ['n1', 'pub'] }, shared, side, origin)
    expect(readNote(shared, 'pub')?.groupId).toBe('g3')
    expect(readNote(side.doc, 'n1')?.groupId).toBeNull()
  })

  it('writes to the shared board once notes are revealed', () => {
    const { shared, side } = setup()
    revealNotes(shared, { revealed: true }, origin)
    runRouted(createNote, note('n1', 'ann'), shared, side, origin)
    expect(readNote(shared, 'n1')).not.toBeNull()
    expect(readNote(side.doc, 'n1')).toBeNull()
  })

  it('writes to the shared board when there is no private room', () => {
    const { shared } = setup()
    runRouted(createNote, note('n1'), shared, null, origin)
    expect(readNote(shared, 'n1')).not.toBeNull()
  })
})

describe('routing votes', () => {
  it('seals dots in the private room until votes are revealed', () => {
    const { shared, side } = setup()
    runRouted(castVote, { voterId: 'ann', targetId: 'pub' }, shared, side, origin)
    expect(readPrivateVotes(side.doc).get('pub')).toBe(1)
    expect(readRawVotesOf(shared).size).toBe(0)
    expect(runRouted(retractVote, { voterId: 'ann', targetId: 'pub' }, shared, side, origin)).toBe(
      1,
    )
    revealVotes(shared, { revealed: true }, origin)
    runRouted(castVote, { voterId: 'ann', targetId: 'pub' }, shared, side, origin)
    expect(readRawVotesOf(shared).get('ann')?.get('pub')).toBe(1)
    // Hidden again: the public dot can still be taken back.
    revealVotes(shared, { revealed: false }, origin)
    expect(runRouted(retractVote, { voterId: 'ann', targetId: 'pub' }, shared, side, origin)).toBe(
      1,
    )
    expect(readRawVotesOf(shared).has('ann')).toBe(false)
  })
})

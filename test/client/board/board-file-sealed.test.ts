import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeBoardFile } from '../../../client/board/board-file'
import { createNote, setNoteText } from '../../../core/board/commands'
import { readBoard } from '../../../core/board/read'
import { judgeUpdate } from '../../../core/board/permissions'
import { updatePlaces } from '../../../core/sync/update-places'
import type { EpochMs } from '../../../core/okr/okr-model'

describe('a board file of a board with private rooms', () => {
  const doc = new Y.Doc()
  createNote(doc, { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs }, 'seed')
  setNoteText(doc, { id: 'n1', text: 'Public words' }, 'seed')
  doc.getMap('sealed').set('bo', { notes: 2, dots: 1 })
  const file = encodeBoardFile(doc)

  it('leaves out the relay’s hidden-note counts and keeps the board', () => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, file)
    expect(copy.getMap('sealed').size).toBe(0)
    expect(readBoard(copy)).toEqual(readBoard(doc))
  })

  it('imports into a new board: the relay takes it from the creator’s link', () => {
    const fresh = new Y.Doc()
    const verdict = judgeUpdate(fresh, updatePlaces(fresh, file), {
      role: 'facilitate',
      member: null,
    })
    expect(verdict.allowed).toBe(true)
    const whole = Y.encodeStateAsUpdate(doc)
    expect(
      judgeUpdate(fresh, updatePlaces(fresh, whole), { role: 'facilitate', member: null }),
    ).toMatchObject({ allowed: false })
  })
})

// A board file of a board with private rooms holds the relay's `sealed` counts like a server
// backup does. The relay takes such a file from the facilitate link of a new board (an import)
// and never from a socket or an edit link (core/board/permissions.ts).
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeBoardFile } from '../../../client/board/board-file'
import { createNote, setNoteText } from '../../../core/board/commands'
import { judgeUpdate, type Writer } from '../../../core/board/permissions'
import type { EpochMs } from '../../../core/okr/okr-model'
import { updatePlaces } from '../../../core/sync/update-places'

describe('a board file of a board with private rooms', () => {
  const doc = new Y.Doc()
  createNote(doc, { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs }, 'seed')
  setNoteText(doc, { id: 'n1', text: 'Public words' }, 'seed')
  doc.getMap('sealed').set('bo', { notes: 2, dots: 1 })
  const file = encodeBoardFile(doc)
  const judged = (writer: Writer) => {
    const fresh = new Y.Doc()
    return judgeUpdate(fresh, updatePlaces(fresh, file), writer)
  }

  it('is the whole document, as a server backup is', () => {
    expect(file).toEqual(Y.encodeStateAsUpdate(doc))
  })

  it('imports into a new board from the creator’s facilitate link, and from nothing else', () => {
    expect(judged({ role: 'facilitate', member: null, importing: true })).toEqual({
      allowed: true,
    })
    expect(judged({ role: 'edit', member: null, importing: true })).toMatchObject({
      allowed: false,
    })
    expect(judged({ role: 'facilitate', member: 'ann' })).toMatchObject({ allowed: false })
  })
})

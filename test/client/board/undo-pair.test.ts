import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { UndoPair } from '../../../client/board/undo-pair'
import { createNote, setNoteText } from '../../../core/board/commands/index'
import { readNote } from '../../../core/board/read'
import { ROOTS } from '../../../core/board/schema'
import type { EpochMs } from '../../../core/okr/okr-model'

const origin = { local: 'ann' }
const note = (id: string) => ({ id, x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs })

function setup() {
  const shared = new Y.Doc()
  const room = new Y.Doc()
  const manager = new Y.UndoManager(
    ROOTS.map((name) => shared.getMap(name)),
    { trackedOrigins: new Set([origin]) },
  )
  const pair = new UndoPair(manager)
  pair.attachPrivate(room, origin)
  return { shared, room, pair }
}

describe('undo over the board and the private room', () => {
  it('takes back the latest step whichever document it is in, and redoes in order', () => {
    const { shared, room, pair } = setup()
    createNote(shared, note('pub'), origin)
    pair.stopCapturing()
    createNote(room, note('hid'), origin)
    pair.stopCapturing()
    setNoteText(shared, { id: 'pub', text: 'later' }, origin)
    pair.stopCapturing()

    pair.undo()
    expect(readNote(shared, 'pub')?.text).toBe('')
    expect(readNote(room, 'hid')).not.toBeNull()
    pair.undo()
    expect(readNote(room, 'hid')).toBeNull()
    expect(readNote(shared, 'pub')).not.toBeNull()
    pair.undo()
    expect(readNote(shared, 'pub')).toBeNull()

    pair.redo()
    expect(readNote(shared, 'pub')).not.toBeNull()
    expect(readNote(room, 'hid')).toBeNull()
    pair.redo()
    expect(readNote(room, 'hid')).not.toBeNull()
  })

  it('names the latest step, and tells of each new one', () => {
    const { shared, room, pair } = setup()
    let told = 0
    const stop = pair.onStep(() => told++)
    createNote(shared, note('pub'), origin)
    pair.stopCapturing()
    const first = pair.latestStep
    createNote(room, note('hid'), origin)
    expect(pair.latestStep).not.toBe(first)
    expect(told).toBe(2)
    stop()
    pair.undo()
    expect(pair.latestStep).toBe(first)
  })

  it('ignores what others change', () => {
    const { room, pair } = setup()
    createNote(room, note('theirs'), 'remote')
    pair.undo()
    expect(readNote(room, 'theirs')).not.toBeNull()
  })
})

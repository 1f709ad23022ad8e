import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  applyConversion,
  assignNotes,
  castVote,
  createGroup,
  createNote,
} from '../../../core/board/commands/index'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import type { EpochMs } from '../../../core/okr/okr-model'
import { convertBoard } from '../../../core/convert/convert-board'
import { notesBecame } from '../../../core/okr/provenance'

const ORIGIN = { user: 'test' }

describe('notesBecame', () => {
  it('maps each converted note to the key result or initiative it became', () => {
    const doc = new Y.Doc()
    migrate(doc, ORIGIN)
    createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Community' }, ORIGIN)
    const notes = [
      ['n1', 'Grow followers from 200 to 1000'],
      ['n2', 'Launch the referral programme'],
      ['n3', 'A stray thought'],
    ] as const
    for (const [id, text] of notes) {
      createNote(doc, { id, x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs, text }, ORIGIN)
    }
    assignNotes(doc, { noteIds: ['n1', 'n2'], groupId: 'g1' }, ORIGIN)
    castVote(doc, { voterId: 'ann', targetId: 'g1', count: 1 }, ORIGIN)
    applyConversion(doc, convertBoard(readBoard(doc)), ORIGIN)
    const became = notesBecame(readBoard(doc))
    expect(became.get('n1')?.map((o) => o.kind)).toEqual(['key-result'])
    expect(became.get('n1')?.[0]?.objectiveId).toBe('obj:g1')
    expect(became.get('n2')?.map((o) => o.kind)).toEqual(['initiative'])
    expect(became.has('n3')).toBe(false)
  })
})

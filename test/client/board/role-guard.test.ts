// The app checks a deletion against the relay's own rule before writing it: in the brainstorm
// and the vote a participant deletes only their own notes and no frames (otherwise the relay
// would close the socket with 4403 and the change would stay stuck on the device).
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { checkRoleAllows } from '../../../client/board/role-guard'
import {
  createGroup,
  createNote,
  deleteGroup,
  deleteNotes,
  deleteSelection,
  setPhase,
} from '../../../core/board/commands/index'
import type { Phase } from '../../../core/board/board-model'
import type { Writer } from '../../../core/board/permissions'
import { at, codeOf, newBoard, ORIGIN } from '../../core/board/fixtures'

function board(phase: Phase): Y.Doc {
  const doc = newBoard()
  createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Growth' }, ORIGIN)
  createNote(doc, { id: 'n-ann', x: 0, y: 0, author: 'ann', createdAt: at(1) }, ORIGIN)
  createNote(doc, { id: 'n-bob', x: 0, y: 0, author: 'bob', createdAt: at(1) }, ORIGIN)
  setPhase(doc, { phase }, ORIGIN)
  return doc
}

const ann: Writer = { role: 'edit', member: 'ann' }
const check = (doc: Y.Doc, command: unknown, args: unknown, writer: Writer = ann) =>
  codeOf(() => checkRoleAllows(command, args, doc, writer))

describe('checkRoleAllows', () => {
  it.each(['brainstorm', 'vote'] as const)('in the %s: own notes only, no frames', (phase) => {
    const doc = board(phase)
    expect(check(doc, deleteNotes, { ids: ['n-ann'] })).toBeNull()
    expect(check(doc, deleteNotes, { ids: ['n-ann', 'n-bob'] })).toBe('facilitator-only:')
    expect(check(doc, deleteSelection, { noteIds: ['n-ann'], groupIds: ['g1'] })).toBe(
      'facilitator-only:',
    )
    expect(check(doc, deleteGroup, { id: 'g1' })).toBe('facilitator-only:')
    // A hidden note of one's own lives in the private room, not on the shared board.
    expect(check(doc, deleteNotes, { ids: ['hidden-1'] })).toBeNull()
    expect(
      check(
        doc,
        deleteSelection,
        { noteIds: ['n-bob'], groupIds: ['g1'] },
        {
          role: 'facilitate',
          member: 'ada',
        },
      ),
    ).toBeNull()
  })

  it('lets a participant delete anything in the group and review phases', () => {
    for (const phase of ['group', 'review'] as const) {
      const doc = board(phase)
      expect(check(doc, deleteSelection, { noteIds: ['n-bob'], groupIds: ['g1'] })).toBeNull()
    }
  })

  it('leaves commands that delete nothing alone, whatever their arguments', () => {
    const doc = board('vote')
    expect(check(doc, setPhase, { phase: 'group' })).toBeNull()
    expect(check(doc, deleteNotes, null)).toBeNull()
    expect(check(doc, deleteNotes, { ids: 'n-bob' })).toBeNull()
  })
})

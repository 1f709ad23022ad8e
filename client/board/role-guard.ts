/**
 * Refuses, before anything is written, a deletion the relay would refuse from this link
 * (core/board/permissions.ts): in the brainstorm and the vote a participant deletes only notes
 * they wrote, and no frames. Sent anyway, the relay would close the socket (4403) and the change
 * would stay on this device, sent again on every reconnect. Facilitator-only controls are not
 * offered at all (board-context.ts canFacilitate); deleting is, so it is checked here.
 */
import type * as Y from 'yjs'
import { deleteGroup, deleteNotes, deleteSelection } from '../../core/board/commands/index'
import { BoardCommandError } from '../../core/board/errors'
import { mayRemoveAuthored, type Writer } from '../../core/board/permissions'
import { readMeta } from '../../core/board/read'
import { getEntity } from '../../core/board/schema'

interface Target {
  readonly root: 'notes' | 'groups'
  readonly id: string
}

/** Throws BoardCommandError('facilitator-only') when `command` deletes what `writer` may not. */
export function checkRoleAllows(command: unknown, args: unknown, doc: Y.Doc, writer: Writer): void {
  if (writer.role === 'facilitate') return
  const targets = deletionTargets(command, args)
  if (targets.length === 0) return
  const phase = readMeta(doc).phase
  for (const { root, id } of targets) {
    // Absent from the shared board: a hidden note of one's own (private room) or already gone.
    const entity = getEntity(doc, root, id)
    if (entity === null) continue
    const author = entity.get('author')
    if (mayRemoveAuthored(phase, writer, typeof author === 'string' ? author : null)) continue
    const during = phase === 'vote' ? 'During the vote' : 'During the brainstorm'
    const what = root === 'notes' ? 'notes someone else wrote' : 'frames'
    throw new BoardCommandError(
      'facilitator-only',
      `${during} only the facilitator deletes ${what}.`,
    )
  }
}

function deletionTargets(command: unknown, args: unknown): Target[] {
  if (typeof args !== 'object' || args === null) return []
  const a = args as Record<string, unknown>
  const ids = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
  const notes = (value: unknown) => ids(value).map((id): Target => ({ root: 'notes', id }))
  const groups = (value: unknown) => ids(value).map((id): Target => ({ root: 'groups', id }))
  if (command === deleteSelection) return [...notes(a.noteIds), ...groups(a.groupIds)]
  if (command === deleteNotes) return notes(a.ids)
  if (command === deleteGroup) return groups([a.id])
  return []
}

/** Small builders shared by the board tests. */
import * as Y from 'yjs'
import type { EpochMs } from '../../../core/okr/okr-model'
import { BoardCommandError } from '../../../core/board/errors'
import { createGroup, createNote } from '../../../core/board/commands/index'
import { migrate } from '../../../core/board/migrate'

export const ORIGIN = { user: 'test' }

export const at = (ms: number): EpochMs => ms as EpochMs

/** A migrated empty board, as a client would have after loading. */
export function newBoard(): Y.Doc {
  const doc = new Y.Doc()
  migrate(doc, ORIGIN)
  return doc
}

/** A board with notes n1..n<count> by `author`, and optionally group g1 holding the first two. */
export function boardWithNotes(
  count: number,
  options: { group?: boolean; author?: string } = {},
): Y.Doc {
  const doc = newBoard()
  if (options.group) createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Retention' }, ORIGIN)
  for (let i = 1; i <= count; i++) {
    createNote(
      doc,
      {
        id: `n${i}`,
        x: i * 10,
        y: i * 20,
        author: options.author ?? 'ann',
        createdAt: at(i),
        text: `note ${i}`,
        ...(options.group && i <= 2 ? { groupId: 'g1' } : {}),
      },
      ORIGIN,
    )
  }
  return doc
}

/** Collects the updates a doc emits, to prove a command wrote (or did not write). */
export function recordUpdates(doc: Y.Doc): { count: () => number } {
  let n = 0
  doc.on('update', () => n++)
  return { count: () => n }
}

/** The `code:field` of the BoardCommandError `fn` throws, or null when it does not throw. */
export function codeOf(fn: () => unknown): string | null {
  try {
    fn()
    return null
  } catch (error) {
    if (error instanceof BoardCommandError) return `${error.code}:${error.field ?? ''}`
    throw error
  }
}

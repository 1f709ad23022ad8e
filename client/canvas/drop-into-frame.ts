/**
 * What a drag means for grouping. Dropping a note with its centre inside a frame assigns it to
 * that frame; dropping it outside every frame unassigns it. Only changes are returned, so a drag
 * within the same frame issues no grouping command at all.
 */
import type { Framed, Placed } from './hit-test'
import { frameAt, noteCentre } from './hit-test'

export interface DroppedNote extends Placed {
  readonly groupId: string | null
}

export interface Assignment {
  readonly noteId: string
  readonly groupId: string | null
}

export function assignmentsAfterDrop(
  dropped: readonly DroppedNote[],
  frames: readonly Framed[],
): Assignment[] {
  const out: Assignment[] = []
  for (const n of dropped) {
    const target = frameAt(frames, noteCentre(n))
    if (target !== n.groupId) out.push({ noteId: n.id, groupId: target })
  }
  return out
}

/** Groups changes by target so each becomes one command (assign these ids to that group). */
export function byTarget(assignments: readonly Assignment[]): Map<string | null, string[]> {
  const out = new Map<string | null, string[]>()
  for (const a of assignments) {
    const ids = out.get(a.groupId)
    if (ids) ids.push(a.noteId)
    else out.set(a.groupId, [a.noteId])
  }
  return out
}

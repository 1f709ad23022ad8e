/**
 * Which key results and initiatives each sticky note became, so the board can show it on the
 * note ("→ KR: Grow weekly active teams") and link back from the note to the OKR.
 */
import type { BoardSnapshot } from '../board/board-model'

export interface NoteOutcome {
  readonly kind: 'key-result' | 'initiative'
  readonly id: string
  readonly title: string
  readonly objectiveId: string | null
}

/**
 * @example
 * notesBecame(readBoard(doc)).get('n1') // [{ kind: 'key-result', id: 'kr:n1', title: '…', objectiveId: 'obj:g1' }]
 */
export function notesBecame(
  snapshot: Pick<BoardSnapshot, 'keyResults' | 'initiatives'>,
): Map<string, NoteOutcome[]> {
  const out = new Map<string, NoteOutcome[]>()
  const add = (noteId: string, outcome: NoteOutcome) =>
    out.set(noteId, [...(out.get(noteId) ?? []), outcome])
  for (const kr of snapshot.keyResults) {
    const outcome = {
      kind: 'key-result',
      id: kr.id,
      title: kr.title,
      objectiveId: kr.objectiveId,
    } as const
    for (const noteId of kr.sourceNoteIds) add(noteId, outcome)
  }
  for (const i of snapshot.initiatives) {
    const outcome = {
      kind: 'initiative',
      id: i.id,
      title: i.title,
      objectiveId: i.objectiveId,
    } as const
    for (const noteId of i.sourceNoteIds) add(noteId, outcome)
  }
  return out
}

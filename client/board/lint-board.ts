/**
 * core/okr's quality checklist over a board. Objectives without a timeframe of their own run
 * on the board's, so the focus check counts them in that quarter instead of in "no timeframe".
 */
import type { BoardSnapshot } from '../../core/board/board-model'
import type { Diagnostic } from '../../core/okr/okr-model'
import { lintOkrSet } from '../../core/okr/lint'
import { timeframeOfRange } from '../../core/export/format'

export function lintBoard(snapshot: BoardSnapshot): Diagnostic[] {
  const board = snapshot.meta.timeframe
  const fallback = board ? timeframeOfRange(board) : null
  return lintOkrSet({
    ...snapshot,
    objectives: snapshot.objectives.map((o) =>
      o.timeframe === null && fallback ? { ...o, timeframe: fallback } : o,
    ),
  })
}

/** Findings by the id they concern (null: the set as a whole). */
export function byTarget(diagnostics: readonly Diagnostic[]): Map<string | null, Diagnostic[]> {
  const out = new Map<string | null, Diagnostic[]>()
  for (const d of diagnostics) out.set(d.targetId, [...(out.get(d.targetId) ?? []), d])
  return out
}

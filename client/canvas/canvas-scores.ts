/**
 * Scores on the canvas: after a conversion, each source group shows its objective's score and
 * each source note its key result's, coloured like the dashboard. Pure: built from the board
 * snapshot (which objective came from which group) and the OKR export (the figures), so the
 * canvas and the dashboard can never disagree about a number.
 */
import type { BoardSnapshot } from '../../core/board/board-model'
import type { OkrExport } from '../../core/export/export-model'
import type { Band } from '../../core/okr/score'
import { scoreText } from '../../core/okr/score'

/** What a badge on the canvas shows. */
export interface CanvasScore {
  readonly score: number
  /** The score as the dashboard writes it ("0.7"). */
  readonly text: string
  readonly band: Band
  /** The objective's or key result's title, for the badge's tooltip-like label. */
  readonly title: string
  /** The key results a check-in from the canvas may go to (one for a note, all for a group). */
  readonly keyResultIds: readonly string[]
}

export interface CanvasScores {
  readonly groups: ReadonlyMap<string, CanvasScore>
  readonly notes: ReadonlyMap<string, CanvasScore>
}

export const NO_SCORES: CanvasScores = { groups: new Map(), notes: new Map() }

const BAND_SET: ReadonlySet<unknown> = new Set(['red', 'yellow', 'green'])

function usable(score: unknown, band: unknown): score is number {
  return typeof score === 'number' && Number.isFinite(score) && BAND_SET.has(band)
}

/**
 * Groups and notes that became an objective or key result in `okrs`, with their scores, by the
 * group's and notes' ids (a link to a deleted note simply has nothing to draw on). Missing or
 * malformed links, and figures that are not numbers, give nothing.
 * A note that became several key results shows the lowest score: the one that needs attention.
 *
 * @example
 * canvasScores(board.cycleSnapshot, board.okrs).groups.get('g1')?.text // '0.3'
 */
export function canvasScores(
  snapshot: Pick<BoardSnapshot, 'objectives'>,
  okrs: Pick<OkrExport, 'objectives'>,
): CanvasScores {
  const sourceGroup = new Map<string, string>()
  for (const o of snapshot.objectives) {
    if (typeof o.sourceGroupId === 'string' && o.sourceGroupId !== '') {
      sourceGroup.set(o.id, o.sourceGroupId)
    }
  }
  const groups = new Map<string, CanvasScore>()
  const notes = new Map<string, CanvasScore>()
  for (const objective of okrs.objectives) {
    const krs = Array.isArray(objective.keyResults) ? objective.keyResults : []
    const groupId = sourceGroup.get(objective.id)
    if (groupId !== undefined && usable(objective.score, objective.band)) {
      groups.set(groupId, {
        score: objective.score,
        text: scoreText(objective.score),
        band: objective.band,
        title: String(objective.title),
        keyResultIds: krs.map((kr) => kr.id),
      })
    }
    for (const kr of krs) {
      if (!usable(kr.score, kr.band)) continue
      const sources: readonly unknown[] = Array.isArray(kr.sourceNoteIds) ? kr.sourceNoteIds : []
      for (const noteId of sources) {
        if (typeof noteId !== 'string' || noteId === '') continue
        const before = notes.get(noteId)
        if (before && before.score <= kr.score) continue
        notes.set(noteId, {
          score: kr.score,
          text: scoreText(kr.score),
          band: kr.band,
          title: String(kr.title),
          keyResultIds: [kr.id],
        })
      }
    }
  }
  return { groups, notes }
}

/** Whether two badges draw the same, so only changed notes and frames are redrawn. */
export function sameScore(a: CanvasScore | undefined, b: CanvasScore | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return (
    a.text === b.text &&
    a.band === b.band &&
    a.title === b.title &&
    a.keyResultIds.join('\n') === b.keyResultIds.join('\n')
  )
}

/** Ids whose badge differs between two score maps. */
export function changedIds(
  before: ReadonlyMap<string, CanvasScore>,
  after: ReadonlyMap<string, CanvasScore>,
): Set<string> {
  const ids = new Set<string>()
  for (const [id, s] of after) if (!sameScore(before.get(id), s)) ids.add(id)
  for (const id of before.keys()) if (!after.has(id)) ids.add(id)
  return ids
}

/** What a check-in from the canvas goes to: the first selected note or frame with a score. */
export interface CheckInTarget {
  readonly id: string
  readonly kind: 'note' | 'group'
  readonly score: CanvasScore
}

/**
 * @example
 * checkInTarget(['n7', 'g1'], scores)?.kind // 'group' when n7 has no score and g1 does
 */
export function checkInTarget(
  selection: readonly string[],
  scores: CanvasScores,
): CheckInTarget | null {
  for (const id of selection) {
    const note = scores.notes.get(id)
    if (note && note.keyResultIds.length > 0) return { id, kind: 'note', score: note }
    const group = scores.groups.get(id)
    if (group && group.keyResultIds.length > 0) return { id, kind: 'group', score: group }
  }
  return null
}

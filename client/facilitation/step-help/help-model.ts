/**
 * The step help that is mostly words and a few facts: the play's cheat-sheet, the brainstorm
 * question with tips, and during "identify key results" and the monthly scoring the key results
 * that need attention (task-shaped, without owner, not checked in this month). The board is
 * read through its repaired snapshot, but every field is still read defensively: a snapshot
 * built by hand or from an older board may carry anything.
 */
import type { BoardSnapshot, KeyResultRecord } from '../../../core/board/board-model'
import type { OkrExport } from '../../../core/export/export-model'
import type { EpochMs } from '../../../core/okr/okr-model'
import { isFiniteNumber, textOf } from '../../../core/okr/numbers'
import { taskVerbOf } from '../../../core/okr/task-phrasing'

/** A key result as the help names it: its title and its objective's. */
export interface KeyResultRef {
  readonly id: string
  readonly title: string
  readonly objectiveTitle: string
}

/** Words for the brainstorm, from the play's advice on choosing objectives. */
export const BRAINSTORM_TIPS: readonly string[] = [
  'One idea per sticky note, a short phrase each.',
  'Think impact for customers, not the work that gets us there.',
  'Ideas stay private until the facilitator reveals them: no anchoring on the first voice.',
  'Quantity first; grouping and voting come next.',
]

/** The question the play asks when the step carries none (a hand-edited play). */
export const BRAINSTORM_QUESTION =
  'What are the most important impacts we need to make in the coming quarter?'

const UNTITLED_KR = 'Untitled key result'
const UNTITLED_OBJECTIVE = 'Untitled objective'

/**
 * The key results that count – those of an objective on the board that is not cancelled – in
 * the order the OKR editor shows them.
 */
export function liveKeyResults(
  snapshot: BoardSnapshot,
): { readonly record: KeyResultRecord; readonly ref: KeyResultRef }[] {
  const objectives = new Map(
    (Array.isArray(snapshot.objectives) ? snapshot.objectives : [])
      .filter((o) => o.status !== 'cancelled')
      .map((o) => [o.id, o]),
  )
  const rank = new Map([...objectives.keys()].map((id, i) => [id, i]))
  const order = (kr: KeyResultRecord) => (isFiniteNumber(kr.order) ? kr.order : 0)
  // Objectives in board order, each one's key results in theirs: the order people read them in.
  const keyResults = (Array.isArray(snapshot.keyResults) ? [...snapshot.keyResults] : []).sort(
    (a, b) =>
      (rank.get(a.objectiveId) ?? 0) - (rank.get(b.objectiveId) ?? 0) || order(a) - order(b),
  )
  return keyResults.flatMap((record) => {
    const objective = objectives.get(record.objectiveId)
    if (objective === undefined || typeof record.id !== 'string') return []
    const ref: KeyResultRef = {
      id: record.id,
      title: textOf(record.title).trim() || UNTITLED_KR,
      objectiveTitle: textOf(objective.title).trim() || UNTITLED_OBJECTIVE,
    }
    return [{ record, ref }]
  })
}

export interface KeyResultsHelp {
  /** Key results that read like tasks, with the verb that gave them away. */
  readonly tasks: readonly { readonly kr: KeyResultRef; readonly verb: string }[]
  readonly withoutOwner: readonly KeyResultRef[]
  /** How many key results there are in all, for "all 7 have owners". */
  readonly total: number
}

/**
 * "Outcomes, not tasks" and "assign KR owners" over the board's key results.
 *
 * @example
 * keyResultsHelp(snapshot).tasks[0] // { kr: { title: 'Launch the new onboarding', … }, verb: 'launch' }
 */
export function keyResultsHelp(snapshot: BoardSnapshot): KeyResultsHelp {
  const live = liveKeyResults(snapshot)
  const tasks = live.flatMap(({ record, ref }) => {
    const verb = taskVerbOf(textOf(record.title))
    return verb === null ? [] : [{ kr: ref, verb }]
  })
  const withoutOwner = live.filter(({ record }) => !textOf(record.owner).trim()).map((k) => k.ref)
  return { tasks, withoutOwner, total: live.length }
}

/** Start of the UTC month that holds `now`. */
export function monthStart(now: EpochMs): number {
  const date = new Date(Number.isFinite(now) ? now : 0)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
}

export interface NotCheckedIn {
  readonly kr: KeyResultRef
  /** The latest check-in before this month, if there was one. */
  readonly lastCheckInAt: EpochMs | null
}

/**
 * The monthly scoring: key results of the OKRs in view without a check-in since the first of
 * this month (UTC), latest check-in first missing (never checked in) on top.
 *
 * @example
 * notCheckedInThisMonth(board.okrs, now).map((n) => n.kr.title)
 */
export function notCheckedInThisMonth(okrs: OkrExport, now: EpochMs): NotCheckedIn[] {
  const since = monthStart(now)
  const out: NotCheckedIn[] = []
  for (const objective of Array.isArray(okrs.objectives) ? okrs.objectives : []) {
    // Nobody scores what was dropped or is already done.
    if (objective.status === 'cancelled' || objective.status === 'completed') continue
    for (const kr of Array.isArray(objective.keyResults) ? objective.keyResults : []) {
      const last = isFiniteNumber(kr.lastCheckInAt) ? kr.lastCheckInAt : null
      if (last !== null && last >= since) continue
      out.push({
        kr: {
          id: kr.id,
          title: textOf(kr.title).trim() || UNTITLED_KR,
          objectiveTitle: textOf(objective.title).trim() || UNTITLED_OBJECTIVE,
        },
        lastCheckInAt: last,
      })
    }
  }
  return out.sort((a, b) => (a.lastCheckInAt ?? -Infinity) - (b.lastCheckInAt ?? -Infinity))
}

/**
 * One cycle of a board: the cycles its objectives fall into, and the board narrowed to one of
 * them. Every figure (dashboard, check-ins, quality, exports, overall score) is computed from
 * the narrowed board, so two quarters never mix after "Carry forward".
 */
import type { BoardSnapshot } from '../board/board-model'
import type { Timeframe } from '../okr/okr-model'
import { boardCycle, cycleLabelOf } from '../okr/cycles'
import { formatTimeframe, periodOf } from '../okr/timeframe'

export interface CycleOption {
  /** `2026-Q4`, `2026` or a date range: the key objectives are grouped by. */
  readonly label: string
  readonly timeframe: Timeframe
  /** The board's own timeframe: the cycle the team is in now. */
  readonly current: boolean
}

/**
 * The board's cycle and every objective's, latest first. Empty when the board has no
 * timeframe and no objective has one.
 *
 * @example
 * cyclesOf(snapshot).map((c) => c.label) // ['2027-Q1', '2026-Q4']
 */
export function cyclesOf(snapshot: BoardSnapshot): CycleOption[] {
  const board = boardCycle(snapshot.meta)
  const byLabel = new Map<string, Timeframe>()
  if (board) byLabel.set(formatTimeframe(board), board)
  for (const o of snapshot.objectives) {
    if (o.timeframe && periodOf(o.timeframe)) byLabel.set(formatTimeframe(o.timeframe), o.timeframe)
  }
  const current = board ? formatTimeframe(board) : null
  return [...byLabel.entries()]
    .map(([label, timeframe]) => ({ label, timeframe, current: label === current }))
    .sort((a, b) => b.timeframe.start - a.timeframe.start || a.label.localeCompare(b.label))
}

/**
 * The cycle in view: the one chosen when the board still has it, else the board's own (the
 * current cycle), else the latest. Null when the board has no cycles at all.
 *
 * @example
 * chooseCycle(cyclesOf(snapshot), null)?.current // true
 */
export function chooseCycle(
  options: readonly CycleOption[],
  chosen: string | null,
): CycleOption | null {
  return (
    options.find((c) => c.label === chosen) ?? options.find((c) => c.current) ?? options[0] ?? null
  )
}

/**
 * The board narrowed to one cycle: its objectives, their key results, check-ins and
 * initiatives, with the cycle as the board's timeframe so expected progress and due check-ins
 * are measured against it. Notes, groups and votes stay whole. A null label (a board without
 * any timeframe) keeps everything.
 *
 * @example
 * inCycle(snapshot, '2026-Q4').objectives.every((o) => o.timeframe === null || …) // true
 */
export function inCycle(snapshot: BoardSnapshot, label: string | null): BoardSnapshot {
  if (label === null) return snapshot
  const board = boardCycle(snapshot.meta)
  const objectives = snapshot.objectives.filter((o) => cycleLabelOf(o, board) === label)
  const objectiveIds = new Set(objectives.map((o) => o.id))
  const keyResults = snapshot.keyResults.filter((kr) => objectiveIds.has(kr.objectiveId))
  const krIds = new Set(keyResults.map((kr) => kr.id))
  const cycle = cyclesOf(snapshot).find((c) => c.label === label)
  return {
    ...snapshot,
    meta: cycle
      ? { ...snapshot.meta, timeframe: { start: cycle.timeframe.start, end: cycle.timeframe.end } }
      : snapshot.meta,
    objectives,
    keyResults,
    checkIns: snapshot.checkIns.filter((c) => krIds.has(c.keyResultId)),
    initiatives: snapshot.initiatives.filter((i) =>
      i.keyResultId !== null ? krIds.has(i.keyResultId) : objectiveIds.has(i.objectiveId ?? ''),
    ),
  }
}

/**
 * What the retrospective shows: the timeframes to look back on and which one is in view, the
 * objectives and scores in it, what is unfinished and may be carried forward, what was carried
 * before, and the words for a finished carry.
 */
import type { BoardSnapshot, ObjectiveRecord } from '../../core/board/board-model'
import {
  readRetroAnswers,
  unfinishedObjectives,
  type CarryForwardReport,
} from '../../core/board/commands/retro'
import type { EpochMs, Timeframe } from '../../core/okr/okr-model'
import { formatTimeframe } from '../../core/okr/timeframe'
import { formatScore, timeframeOfRange } from '../../core/export/format'
import type { ExportedObjective, OkrExport } from '../../core/export/export-model'

export interface TimeframeChoice {
  readonly label: string
  readonly timeframe: Timeframe
}

export interface OpenObjective {
  readonly objectiveId: string
  readonly keyResultIds: readonly string[]
}

/** The objectives' timeframes (and the board's), latest first. */
export function timeframeChoices(snapshot: BoardSnapshot): TimeframeChoice[] {
  const byLabel = new Map<string, Timeframe>()
  for (const o of snapshot.objectives) {
    if (o.timeframe) byLabel.set(formatTimeframe(o.timeframe), o.timeframe)
  }
  const board = snapshot.meta.timeframe
  if (board) {
    const timeframe = timeframeOfRange(board)
    byLabel.set(formatTimeframe(timeframe), timeframe)
  }
  return [...byLabel.entries()]
    .map(([label, timeframe]) => ({ label, timeframe }))
    .sort((a, b) => b.timeframe.start - a.timeframe.start)
}

/**
 * The one chosen, else the latest that has ended (retros look back), else the running one; a
 * timeframe that has not started yet (where carried objectives land) only when chosen.
 */
export function chooseTimeframe(
  choices: readonly TimeframeChoice[],
  chosen: string | null,
  now: EpochMs,
): TimeframeChoice | null {
  return (
    choices.find((c) => c.label === chosen) ??
    choices.find((c) => c.timeframe.end <= now) ??
    choices.find((c) => c.timeframe.start <= now) ??
    choices[0] ??
    null
  )
}

/** Whether an objective belongs to the timeframe in view (none of its own: the board's). */
function inTimeframe(o: ObjectiveRecord | undefined, label: string): boolean {
  return (o?.timeframe ? formatTimeframe(o.timeframe) : label) === label
}

export function scoresIn(
  snapshot: BoardSnapshot,
  okrs: OkrExport,
  label: string,
): ExportedObjective[] {
  const ids = new Set(snapshot.objectives.filter((o) => inTimeframe(o, label)).map((o) => o.id))
  return okrs.objectives.filter((o) => ids.has(o.id))
}

export function openIn(snapshot: BoardSnapshot, label: string, now: EpochMs): OpenObjective[] {
  return unfinishedObjectives(snapshot, { now }).filter((u) =>
    inTimeframe(
      snapshot.objectives.find((x) => x.id === u.objectiveId),
      label,
    ),
  )
}

/** Objectives carried here earlier, each with the title it was carried from. */
export function carriedEarlier(
  snapshot: BoardSnapshot,
  provenance: ReadonlyMap<string, string>,
): { readonly title: string; readonly from: string }[] {
  const titles = new Map(snapshot.objectives.map((o) => [o.id, o.title]))
  return snapshot.objectives
    .filter((o) => provenance.has(o.id))
    .map((o) => ({
      title: o.title,
      from: titles.get(provenance.get(o.id) ?? '') ?? 'a deleted objective',
    }))
}

/** A carried key result starts where the old one stands. */
export function currentValues(okrs: OkrExport): Record<string, number> {
  const values: Record<string, number> = {}
  for (const o of okrs.objectives) {
    for (const kr of o.keyResults) if (kr.current !== null) values[kr.id] = kr.current
  }
  return values
}

export function carriedText(report: CarryForwardReport, timeframe: Timeframe): string {
  const skipped = report.skipped.length ? ` (${report.skipped.length} were already there)` : ''
  return `Carried ${report.created.length} items into ${formatTimeframe(timeframe)}${skipped}. Scores there start at ${formatScore(0)}.`
}

type AnswersReader = (
  doc: Parameters<typeof readRetroAnswers>[0],
) => ReturnType<typeof readRetroAnswers>
const answerReaders = new Map<string, AnswersReader>()

/**
 * The reader of one timeframe's answers, the same function each time, so the board derives it
 * once per change (`board.derive` memoises by reader).
 */
export function retroAnswersOf(label: string): AnswersReader {
  let reader = answerReaders.get(label)
  if (reader === undefined) {
    reader = (doc) => readRetroAnswers(doc, label)
    answerReaders.set(label, reader)
  }
  return reader
}

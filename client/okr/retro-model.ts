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
import type { CheckIn, EpochMs, Timeframe } from '../../core/okr/okr-model'
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

/** The team's last word on a key result before the end: its latest check-in's predicted score. */
export interface Prediction {
  readonly score: number
  readonly at: EpochMs
}

/**
 * Per key result, the predicted score of its latest check-in that gave one (check-ins read
 * defensively: a score outside [0, 1] or a time that is not a number is skipped).
 */
export function latestPredictions(checkIns: readonly CheckIn[]): Map<string, Prediction> {
  const out = new Map<string, Prediction>()
  for (const c of Array.isArray(checkIns) ? checkIns : []) {
    if (typeof c !== 'object' || c === null) continue
    const score = c.predictedScore
    if (typeof c.keyResultId !== 'string' || !Number.isFinite(c.at)) continue
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) continue
    const seen = out.get(c.keyResultId)
    if (seen === undefined || c.at >= seen.at) out.set(c.keyResultId, { score, at: c.at })
  }
  return out
}

export interface KeyResultFact {
  readonly id: string
  readonly title: string
  readonly final: number
  readonly predicted: number | null
  /** final − predicted, rounded to a tenth as scores are read; null without a prediction. */
  readonly gap: number | null
}

export interface ObjectiveFact {
  readonly id: string
  readonly title: string
  readonly final: number
  readonly keyResults: readonly KeyResultFact[]
}

export interface RetroFacts {
  readonly label: string
  readonly objectives: readonly ObjectiveFact[]
  /** Objectives of this timeframe carried on into a later one, with where they went. */
  readonly carriedForward: readonly { readonly title: string; readonly into: string }[]
  /** Objectives in this timeframe that were carried in from an earlier one. */
  readonly carriedIn: readonly { readonly title: string; readonly from: string }[]
  /** Key results that had a prediction, and of those how many ended within 0.1 of it. */
  readonly predicted: number
  readonly predictedWell: number
}

const tenth = (value: number) => Math.round(value * 10) / 10

/**
 * The facts of a timeframe for its retrospective: final score per objective (cancelled ones
 * aside) and key result, predicted against final per key result, and what was carried forward
 * and in.
 *
 * @example
 * retroFacts(board.snapshot, board.okrs, '2026-Q4', board.derive(readCarriedFrom)).predictedWell
 */
export function retroFacts(
  snapshot: BoardSnapshot,
  okrs: OkrExport,
  label: string,
  provenance: ReadonlyMap<string, string>,
): RetroFacts {
  const predictions = latestPredictions(snapshot.checkIns)
  // A cancelled objective has no final score to reflect on.
  const scored = scoresIn(snapshot, okrs, label).filter((o) => o.status !== 'cancelled')
  const objectives = scored.map((o) => ({
    id: o.id,
    title: o.title,
    final: o.score,
    keyResults: o.keyResults.map((kr) => {
      const predicted = predictions.get(kr.id)?.score ?? null
      const gap = predicted === null ? null : tenth(tenth(kr.score) - tenth(predicted))
      return { id: kr.id, title: kr.title, final: kr.score, predicted, gap }
    }),
  }))
  const byId = new Map(snapshot.objectives.map((o) => [o.id, o]))
  const here = (o: ObjectiveRecord | undefined) => o !== undefined && inTimeframe(o, label)
  const carriedForward: { title: string; into: string }[] = []
  const carriedIn: { title: string; from: string }[] = []
  for (const [copyId, fromId] of provenance) {
    const copy = byId.get(copyId)
    const from = byId.get(fromId)
    if (copy === undefined) continue
    if (here(from) && !here(copy)) {
      const into = copy.timeframe ? formatTimeframe(copy.timeframe) : 'the board’s timeframe'
      carriedForward.push({ title: from?.title ?? copy.title, into })
    }
    if (here(copy))
      carriedIn.push({ title: copy.title, from: from?.title ?? 'a deleted objective' })
  }
  const facts = objectives.flatMap((o) => o.keyResults).filter((kr) => kr.gap !== null)
  return {
    label,
    objectives,
    carriedForward,
    carriedIn,
    predicted: facts.length,
    predictedWell: facts.filter((kr) => Math.abs(kr.gap ?? 1) <= 0.1 + 1e-9).length,
  }
}

/** "predicted 0.8, final 0.5 (−0.3)" for one key result; '' without a prediction. */
export function predictedText(fact: KeyResultFact): string {
  if (fact.predicted === null || fact.gap === null) return ''
  const gap =
    fact.gap === 0 ? '' : ` (${fact.gap > 0 ? '+' : '−'}${formatScore(Math.abs(fact.gap))})`
  return `predicted ${formatScore(fact.predicted)}, final ${formatScore(fact.final)}${gap}`
}

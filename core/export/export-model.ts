/**
 * The export model: the board's OKR set with every figure from core/okr's reports, as plain
 * JSON. Markdown, CSV and the workspace's print view are renderings of this one shape, so they
 * cannot disagree with each other or with the dashboard.
 */
import type { BoardSnapshot, KeyResultRecord, ObjectiveRecord } from '../board/board-model'
import { indexMembers, resolveOwner, type MemberIndex } from '../board/members'
import type {
  Calculation,
  Direction,
  EpochMs,
  Frequency,
  Objective,
  Rollup,
  Unit,
} from '../okr/okr-model'
import type { KeyResultReport, ObjectiveReport } from '../okr/figures'
import { evaluateOkrSet } from '../okr/figures'
import type { Band, BandThresholds } from '../okr/score'
import { resolveBands } from '../okr/score'
import type { Trend } from '../okr/time'
import { formatTimeframe, periodOf } from '../okr/timeframe'
import type { CheckInDue } from './schedule'
import { checkInDue } from './schedule'
import { timeframeOfRange } from './format'

export interface ExportOptions {
  /** The moment the figures are for (the caller's clock). */
  readonly now: EpochMs
  readonly bands?: Partial<BandThresholds>
  /** Leave out cancelled objectives (default false: an export hides nothing). */
  readonly skipCancelled?: boolean
}

export interface ExportedKeyResult {
  readonly id: string
  readonly title: string
  /** The owner as people read it: a member's current name, or the name typed in. */
  readonly owner: string | null
  /** What groups owners (filters, the calendar): the member id, or the typed name. */
  readonly ownerKey: string | null
  readonly metric: string
  readonly unit: Unit
  readonly start: number
  /** As typed: the absolute target, or the lift for the lift calculations. */
  readonly target: number
  readonly measurable: boolean
  readonly calculation: Calculation
  readonly direction: Direction
  readonly rollup: Rollup
  readonly frequency: Frequency
  readonly weight: number
  readonly current: number | null
  readonly effectiveTarget: number
  readonly progress: number
  readonly score: number
  readonly band: Band
  readonly trend: Trend | null
  readonly expected: number | null
  readonly predictedScore: number | null
  readonly projectedCompletionAt: EpochMs | null
  readonly confidence: number | null
  readonly checkInCount: number
  readonly lastCheckInAt: EpochMs | null
  readonly due: CheckInDue
  readonly initiatives: readonly string[]
  readonly sourceNoteIds: readonly string[]
  /** The target before "Stretch" raised it, or null when it was never stretched. */
  readonly originalTarget: number | null
  /** Check-ins that carry a comment, oldest first: the story behind the numbers. */
  readonly comments: readonly ExportedComment[]
}

export interface ExportedComment {
  readonly at: EpochMs
  readonly value: number
  readonly note: string
}

/** The objective's own fields as entered, plus its figures. */
export interface ExportedObjective extends Pick<
  Objective,
  'id' | 'title' | 'description' | 'owner' | 'status' | 'type'
> {
  /** `owner` is the member's current name or the typed name; this groups them (member id). */
  readonly ownerKey: string | null
  /** `2026-Q4`, `2026`, a date range, or null when it has none (the board's applies). */
  readonly timeframe: string | null
  readonly parentId: string | null
  readonly score: number
  readonly band: Band
  readonly progress: number
  readonly trend: Trend | null
  readonly predictedScore: number | null
  readonly initiatives: readonly string[]
  readonly keyResults: readonly ExportedKeyResult[]
}

export interface OkrExport {
  readonly board: {
    readonly title: string
    readonly timeframe: string | null
    readonly exportedAt: string
    /** Mean of the non-cancelled objectives' scores; null without any. */
    readonly score: number | null
    readonly bands: BandThresholds
  }
  readonly objectives: readonly ExportedObjective[]
}

/** A stored owner (member id or typed name) as people read it, and the key that groups it. */
function ownerFields(owner: string | null, members: MemberIndex) {
  const ref = resolveOwner(owner, members)
  return { owner: ref?.name ?? null, ownerKey: ref?.key ?? null }
}

function krFields(
  kr: KeyResultRecord,
  report: KeyResultReport,
  due: CheckInDue,
  extras: Pick<ExportedKeyResult, 'initiatives' | 'comments' | 'owner' | 'ownerKey'>,
): ExportedKeyResult {
  return {
    id: kr.id,
    title: kr.title,
    owner: extras.owner,
    ownerKey: extras.ownerKey,
    metric: kr.metric,
    unit: kr.unit,
    start: kr.start,
    target: kr.target,
    measurable: kr.measurable !== false,
    calculation: kr.calculation,
    direction: kr.direction,
    rollup: kr.rollup,
    frequency: kr.frequency,
    weight: report.weight,
    current: report.current,
    effectiveTarget: report.effectiveTarget,
    progress: report.progress,
    score: report.score,
    band: report.band,
    trend: report.trend,
    expected: report.expected,
    predictedScore: report.predicted?.score ?? null,
    projectedCompletionAt: report.projection?.completionAt ?? null,
    confidence: report.confidence,
    checkInCount: report.checkInCount,
    lastCheckInAt: report.lastCheckInAt,
    due,
    initiatives: extras.initiatives,
    sourceNoteIds: kr.sourceNoteIds,
    originalTarget: kr.originalTarget ?? null,
    comments: extras.comments,
  }
}

function objectiveFields(
  o: ObjectiveRecord,
  report: ObjectiveReport,
  keyResults: readonly ExportedKeyResult[],
  initiatives: readonly string[],
  owner: Pick<ExportedObjective, 'owner' | 'ownerKey'>,
): ExportedObjective {
  return {
    id: o.id,
    title: o.title,
    description: o.description,
    owner: owner.owner,
    ownerKey: owner.ownerKey,
    status: o.status,
    type: o.type,
    timeframe: o.timeframe ? formatTimeframe(o.timeframe) : null,
    parentId: o.parentId,
    score: report.score,
    band: report.band,
    progress: report.progress,
    trend: report.trend,
    predictedScore: report.predicted,
    initiatives,
    keyResults,
  }
}

/**
 * The OKR set of a board with every figure, ready to serialise. Objectives and key results
 * keep the board's order; the scores, bands, trends and projections are core/okr's reports.
 *
 * @example
 * const data = exportOkrs(readBoard(doc), { now })
 * data.objectives[0].keyResults[0].score // 0.7
 * JSON.stringify(data) // the JSON download
 */
export function exportOkrs(snapshot: BoardSnapshot, options: ExportOptions): OkrExport {
  const objectives = options.skipCancelled
    ? snapshot.objectives.filter((o) => o.status !== 'cancelled')
    : snapshot.objectives
  const boardTimeframe = snapshot.meta.timeframe
  const report = evaluateOkrSet(
    { objectives, keyResults: snapshot.keyResults, checkIns: snapshot.checkIns },
    {
      now: options.now,
      timeframe: boardTimeframe,
      ...(options.bands ? { bands: options.bands } : {}),
    },
  )
  const members = indexMembers(snapshot.members ?? [])
  const krById = new Map(snapshot.keyResults.map((kr) => [kr.id, kr]))
  const initiativesOf = new Map<string, string[]>()
  for (const i of snapshot.initiatives) {
    const owner = i.keyResultId ?? i.objectiveId
    if (owner === null) continue
    const list = initiativesOf.get(owner)
    if (list) list.push(i.title)
    else initiativesOf.set(owner, [i.title])
  }
  const commentsOf = new Map<string, ExportedComment[]>()
  for (const c of snapshot.checkIns) {
    if (c.note.trim() === '') continue
    const list = commentsOf.get(c.keyResultId) ?? []
    list.push({ at: c.at, value: c.value, note: c.note })
    commentsOf.set(c.keyResultId, list)
  }
  const exported = objectives.map((o, index) => {
    const r = report.objectives[index]
    const period = periodOf(o.timeframe) ?? periodOf(boardTimeframe)
    const keyResults = (r?.keyResults ?? []).flatMap((kr) => {
      const record = krById.get(kr.id)
      if (!record) return []
      const due = checkInDue(record.frequency, period, kr.lastCheckInAt, options.now)
      const extras = {
        initiatives: initiativesOf.get(kr.id) ?? [],
        comments: commentsOf.get(kr.id) ?? [],
      }
      return [krFields(record, kr, due, { ...extras, ...ownerFields(record.owner, members) })]
    })
    const owner = ownerFields(o.owner, members)
    return r ? objectiveFields(o, r, keyResults, initiativesOf.get(o.id) ?? [], owner) : null
  })
  return {
    board: {
      title: snapshot.meta.title,
      timeframe: boardTimeframe ? formatBoardTimeframe(boardTimeframe) : null,
      exportedAt: Number.isFinite(options.now) ? new Date(options.now).toISOString() : '',
      score: report.summary.score,
      bands: resolveBands(options.bands).thresholds,
    },
    objectives: exported.filter((o): o is ExportedObjective => o !== null),
  }
}

function formatBoardTimeframe(t: { readonly start: EpochMs; readonly end: EpochMs }): string {
  return formatTimeframe(timeframeOfRange(t))
}

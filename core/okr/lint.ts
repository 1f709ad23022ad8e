/**
 * The OKR quality checklist as diagnostics: focus (3–5 objectives per timeframe, 2–5 key
 * results per objective), ownership, measurability, outcomes rather than tasks, no duplicates,
 * and the data checks every other module applies. Findings are returned, never thrown.
 */
import type { CheckIn, Diagnostic, Initiative, KeyResult, Objective } from './okr-model'
import { checkCount, resolveLimits, type LintLimits } from './lint-limits'
import { sameMetricFinding, targetFindings } from './lint-metrics'
import { diagnostic, idOf, isFiniteNumber, textOf } from './numbers'
import { checkInProblem, resolveRollup } from './rollup'
import { gradingScale, resolveWeight } from './score'
import { resolveTarget } from './targets'
import { taskVerbOf } from './task-phrasing'
import { formatTimeframe, periodOf } from './timeframe'

export { DEFAULT_LIMITS, type CountLimits, type LintLimits } from './lint-limits'
export { TASK_VERBS, taskVerbOf } from './task-phrasing'

export interface LintInput {
  readonly objectives: readonly Objective[]
  readonly keyResults: readonly KeyResult[]
  readonly checkIns?: readonly CheckIn[]
  readonly initiatives?: readonly Initiative[]
}

function normalise(text: string): string {
  return (
    text
      .toLowerCase()
      // "1,000", "1 000" and "1'000" are the same number.
      .replace(/(\d)[,\s'_](?=\d{3}(?!\d))/g, '$1')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  )
}

function lintObjectives(objectives: readonly Objective[], limits: LintLimits): Diagnostic[] {
  const out: Diagnostic[] = []
  const byId = new Map<string, Objective>()
  const perTimeframe = new Map<string, number>()
  for (const objective of objectives) {
    const id = idOf(objective)
    if (id === null) {
      out.push(
        diagnostic(
          'objective-invalid-id',
          'error',
          'An objective has no id; it cannot be referenced.',
          null,
        ),
      )
      continue
    }
    if (byId.has(id))
      out.push(
        diagnostic('objective-duplicate-id', 'error', `Two objectives share the id "${id}".`, id),
      )
    byId.set(id, objective)
    if (!textOf(objective.title).trim())
      out.push(diagnostic('objective-no-title', 'error', 'Objective has no title.', id))
    if (!textOf(objective.owner).trim())
      out.push(diagnostic('objective-no-owner', 'info', 'Objective has no owner.', id))
    if (objective.status === 'cancelled') continue
    const timeframe = objective.timeframe
    let key = 'no timeframe'
    if (timeframe !== null && timeframe !== undefined) {
      if (periodOf(timeframe)) key = formatTimeframe(timeframe)
      else
        out.push(
          diagnostic(
            'objective-invalid-timeframe',
            'warning',
            'Objective timeframe has no usable start before its end.',
            id,
          ),
        )
    }
    perTimeframe.set(key, (perTimeframe.get(key) ?? 0) + 1)
  }
  for (const [key, count] of perTimeframe) {
    out.push(
      ...checkCount(
        count,
        limits.objectivesPerTimeframe,
        { few: 'timeframe-too-few-objectives', many: 'timeframe-too-many-objectives' },
        'objectives',
        key === 'no timeframe' ? 'The set without a timeframe' : `Timeframe ${key}`,
        null,
      ),
    )
  }
  out.push(...alignmentProblems(byId))
  return out
}

/** Alignment to a parent that is missing, or that loops back to the objective. */
function alignmentProblems(byId: ReadonlyMap<string, Objective>): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [id, objective] of byId) {
    const parentId = objective.parentId
    if (parentId === null || parentId === undefined) continue
    if (!byId.has(parentId)) {
      out.push(
        diagnostic(
          'objective-parent-missing',
          'warning',
          `Aligned to objective "${String(parentId)}", which is not in this set.`,
          id,
        ),
      )
      continue
    }
    // Walk up the alignment chain; meeting this objective again means a cycle.
    const seen = new Set<string>([id])
    let cursor: string | null | undefined = parentId
    while (typeof cursor === 'string' && !seen.has(cursor)) {
      seen.add(cursor)
      cursor = byId.get(cursor)?.parentId
    }
    if (cursor === id)
      out.push(
        diagnostic(
          'objective-parent-cycle',
          'error',
          'Alignment loops back to this objective.',
          id,
        ),
      )
  }
  return out
}

function lintKeyResult(kr: KeyResult): Diagnostic[] {
  const id = idOf(kr)
  const out: Diagnostic[] = []
  const title = textOf(kr.title)
  if (!title.trim()) out.push(diagnostic('kr-no-title', 'error', 'Key result has no title.', id))
  if (!textOf(kr.owner).trim()) {
    out.push(
      diagnostic(
        'kr-no-owner',
        'warning',
        `"${title}" has no owner: someone must check in on it.`,
        id,
      ),
    )
  }
  out.push(...targetFindings(kr, id))
  out.push(...resolveRollup(kr).diagnostics, ...resolveWeight(kr).diagnostics)
  out.push(...gradingScale(kr.grading, id).diagnostics)
  const verb = taskVerbOf(title)
  if (verb !== null) {
    out.push(
      diagnostic(
        'kr-task-phrasing',
        'warning',
        `"${title}" describes a task ("${verb}"), not an outcome: make it an initiative and measure what it should change.`,
        id,
      ),
    )
  }
  return out
}

function lintKeyResults(
  keyResults: readonly KeyResult[],
  objectiveIds: ReadonlySet<unknown>,
  limits: LintLimits,
  objectives: readonly Objective[],
): Diagnostic[] {
  const out: Diagnostic[] = []
  const perObjective = new Map<unknown, number>()
  const seenIds = new Set<string>()
  const firstByKey = new Map<string, string>()
  const firstByMetric = new Map<string, string>()
  for (const kr of keyResults) {
    const id = idOf(kr)
    if (id === null) {
      out.push(
        diagnostic(
          'kr-invalid-id',
          'error',
          'A key result has no id; its check-ins cannot find it.',
          null,
        ),
      )
      continue
    }
    if (seenIds.has(id))
      out.push(diagnostic('kr-duplicate-id', 'error', `Two key results share the id "${id}".`, id))
    seenIds.add(id)
    if (!objectiveIds.has(kr.objectiveId)) {
      out.push(
        diagnostic(
          'kr-orphan',
          'error',
          `Key result belongs to objective "${String(kr.objectiveId)}", which does not exist.`,
          id,
        ),
      )
    }
    perObjective.set(kr.objectiveId, (perObjective.get(kr.objectiveId) ?? 0) + 1)
    out.push(...lintKeyResult(kr))
    const duplicate = duplicateFinding(kr, id, firstByKey)
    // A duplicate is already reported; the same metric with another target is a finding of its own.
    const sameMetric = sameMetricFinding(kr, id, firstByMetric)
    if (duplicate !== null) out.push(duplicate)
    else if (sameMetric !== null) out.push(sameMetric)
  }
  out.push(...keyResultCounts(objectives, perObjective, limits))
  return out
}

/**
 * Another key result of the same objective with the same title, or the same metric aimed at
 * the same target: the first one's id is kept in `firstByKey`.
 */
function duplicateFinding(
  kr: KeyResult,
  id: string,
  firstByKey: Map<string, string>,
): Diagnostic | null {
  const target = resolveTarget(kr)
  const keys = [`title:${normalise(textOf(kr.title))}`]
  const metric = normalise(textOf(kr.metric))
  if (metric) keys.push(`metric:${metric}:${target.direction}:${target.target}`)
  for (const key of keys) {
    if (key === 'title:') continue
    const scoped = `${String(kr.objectiveId)}\u0000${key}`
    const first = firstByKey.get(scoped)
    if (first === undefined) firstByKey.set(scoped, id)
    else {
      return diagnostic(
        'kr-duplicate',
        'warning',
        `Duplicates key result "${first}" (${key.startsWith('title') ? 'same title' : 'same metric and target'}); merge them.`,
        id,
      )
    }
  }
  return null
}

/** Each live objective needs key results, within the limits. */
function keyResultCounts(
  objectives: readonly Objective[],
  perObjective: ReadonlyMap<unknown, number>,
  limits: LintLimits,
): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const objective of objectives) {
    const id = idOf(objective)
    if (id === null || objective.status === 'cancelled') continue
    const count = perObjective.get(id) ?? 0
    if (count === 0) {
      out.push(
        diagnostic(
          'objective-no-krs',
          'warning',
          `"${textOf(objective.title)}" has no key results: how will you know it is achieved?`,
          id,
        ),
      )
    } else {
      out.push(
        ...checkCount(
          count,
          limits.keyResultsPerObjective,
          { few: 'objective-too-few-krs', many: 'objective-too-many-krs' },
          'key results',
          `"${textOf(objective.title)}"`,
          id,
        ),
      )
    }
  }
  return out
}

const FRACTION_FIELDS = ['predictedScore', 'confidence'] as const

function lintCheckIns(
  checkIns: readonly CheckIn[],
  keyResultIds: ReadonlySet<unknown>,
): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const c of checkIns) {
    if (typeof c !== 'object' || c === null) continue
    const problem = checkInProblem(c)
    if (problem) out.push(problem)
    const id = idOf(c)
    if (!keyResultIds.has(c.keyResultId)) {
      out.push(
        diagnostic(
          'checkin-orphan',
          'warning',
          `Check-in for key result "${String(c.keyResultId)}", which does not exist.`,
          id,
        ),
      )
    }
    for (const field of FRACTION_FIELDS) {
      const value: unknown = c[field]
      if (value === null || value === undefined) continue
      if (!isFiniteNumber(value) || value < 0 || value > 1) {
        out.push(
          diagnostic(
            `checkin-${field === 'predictedScore' ? 'predicted' : 'confidence'}-out-of-range`,
            'warning',
            `${field} ${String(value)} is not in [0, 1]; it is clamped or ignored.`,
            id,
          ),
        )
      }
    }
  }
  return out
}

/**
 * Checks an OKR set against the quality checklist and the data rules. Codes include
 * `timeframe-too-few-objectives`, `timeframe-too-many-objectives`, `objective-no-krs`,
 * `objective-too-few-krs`, `objective-too-many-krs`, `kr-no-owner`, `kr-not-measurable`,
 * `kr-task-phrasing`, `kr-duplicate`, `kr-orphan`, `objective-parent-cycle` (full list in
 * docs/scoring.md). Cancelled objectives are not counted or required to have key results.
 *
 * @example
 * lintOkrSet({ objectives: [o], keyResults: [{ ...kr, title: 'Launch the app', owner: null }] })
 * // → objective-too-few-krs, kr-no-owner, kr-task-phrasing, timeframe-too-few-objectives …
 */
export function lintOkrSet(input: LintInput, limitsInput?: Partial<LintLimits>): Diagnostic[] {
  const { limits, diagnostics } = resolveLimits(limitsInput)
  const objectives = (Array.isArray(input.objectives) ? input.objectives : []).filter(
    (o): o is Objective => typeof o === 'object' && o !== null,
  )
  const keyResults = (Array.isArray(input.keyResults) ? input.keyResults : []).filter(
    (kr): kr is KeyResult => typeof kr === 'object' && kr !== null,
  )
  const objectiveIds = new Set<unknown>(objectives.map((o) => o.id))
  const keyResultIds = new Set<unknown>(keyResults.map((kr) => kr.id))
  const out = [
    ...diagnostics,
    ...lintObjectives(objectives, limits),
    ...lintKeyResults(keyResults, objectiveIds, limits, objectives),
    ...lintCheckIns(Array.isArray(input.checkIns) ? input.checkIns : [], keyResultIds),
  ]
  for (const initiative of Array.isArray(input.initiatives) ? input.initiatives : []) {
    if (typeof initiative !== 'object' || initiative === null) continue
    const { keyResultId, objectiveId } = initiative
    const dangling =
      (keyResultId !== null && keyResultId !== undefined && !keyResultIds.has(keyResultId)) ||
      (objectiveId !== null && objectiveId !== undefined && !objectiveIds.has(objectiveId))
    if (dangling) {
      out.push(
        diagnostic(
          'initiative-orphan',
          'warning',
          `Initiative "${textOf(initiative.title)}" points at a key result or objective that does not exist.`,
          idOf(initiative),
        ),
      )
    }
  }
  return out
}

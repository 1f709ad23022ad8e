/**
 * Two checks of the OKR checklist (lint.ts) about what a key result measures: two key results
 * of one objective on the same metric, and a baseline nobody has set yet (issue 14 item 9).
 */
import type { Diagnostic, KeyResult } from './okr-model'
import { diagnostic, isFiniteNumber, textOf } from './numbers'
import { resolveTarget } from './targets'

/**
 * True when the key result's start is not a real baseline: stored as null (a draft whose note
 * gave none; core/board reads it back as 0 with `startKnown: false`), or a 0 under an absolute decrease goal that aims
 * above it — nothing that can only fall starts at 0 below its target, so that 0 is a blank.
 *
 * @example
 * baselineUnknown({ ...kr, start: 0, target: 40000, direction: 'decrease' }) // true
 */
export function baselineUnknown(kr: KeyResult): boolean {
  const start: unknown = kr.start
  if (start === null || start === undefined || kr.startKnown === false) return true
  return (
    start === 0 &&
    kr.direction === 'decrease' &&
    kr.calculation === 'absolute-target' &&
    isFiniteNumber(kr.target) &&
    kr.target > 0
  )
}

/**
 * The target's findings (targets.ts). With no baseline yet, "the target lies the other way from
 * the start" compares against a 0 nobody wrote, so it becomes one "set a baseline" note instead.
 */
export function targetFindings(kr: KeyResult, id: string | null): Diagnostic[] {
  if (!baselineUnknown(kr)) return [...resolveTarget(kr).diagnostics]
  const blind = new Set(['kr-direction-mismatch', 'kr-invalid-start', 'kr-not-measurable'])
  const known = resolveTarget({ ...kr, start: 0 }).diagnostics.filter((d) => !blind.has(d.code))
  return [
    ...known,
    diagnostic(
      'kr-no-baseline',
      'info',
      `"${textOf(kr.title)}" has no baseline yet: set its start value before the first check-in.`,
      id,
    ),
  ]
}

/** Case, punctuation and spacing do not make a different metric. */
const metricKey = (metric: unknown): string =>
  textOf(metric)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/**
 * A second key result of one objective on a metric an earlier one already measures (with
 * another target: the same target is `kr-duplicate`). Two targets on one number either count
 * it twice in the score or contradict each other. `firstByMetric` keeps the first one's id.
 */
export function sameMetricFinding(
  kr: KeyResult,
  id: string,
  firstByMetric: Map<string, string>,
): Diagnostic | null {
  const metric = metricKey(kr.metric)
  if (metric === '') return null
  const key = `${String(kr.objectiveId)}\u0000${metric}`
  const first = firstByMetric.get(key)
  if (first === undefined) {
    firstByMetric.set(key, id)
    return null
  }
  return diagnostic(
    'kr-same-metric',
    'warning',
    `"${textOf(kr.title)}" measures ${textOf(kr.metric).trim()}, as key result "${first}" of the same objective does: merge them into one target or measure another outcome.`,
    id,
  )
}

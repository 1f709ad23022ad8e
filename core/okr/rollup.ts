/**
 * The current value of a key result: its check-ins, put in time order and repaired, folded by
 * the key result's rollup (`last | average | sum | max | min`).
 */
import type { CheckIn, Diagnostic, KeyResult, Rollup } from './okr-model'
import { ROLLUPS } from './okr-model'
import { clamp, diagnostic, finite, idOf, isFiniteNumber } from './numbers'

export interface OrderedCheckIns {
  /** Usable check-ins, ascending by time; ties broken by id so every peer agrees. */
  readonly checkIns: readonly CheckIn[]
  readonly diagnostics: readonly Diagnostic[]
}

function byTimeThenId(a: CheckIn, b: CheckIn): number {
  if (a.at !== b.at) return a.at - b.at
  const ai = typeof a.id === 'string' ? a.id : ''
  const bi = typeof b.id === 'string' ? b.id : ''
  return ai < bi ? -1 : ai > bi ? 1 : 0
}

/**
 * Why a check-in cannot be used (no finite time or value), as a warning; null when it can.
 *
 * @example
 * checkInProblem({ ...checkIn, value: NaN })?.code // 'checkin-invalid-value'
 */
export function checkInProblem(checkIn: CheckIn): Diagnostic | null {
  if (!isFiniteNumber(checkIn.at)) {
    return diagnostic(
      'checkin-invalid-time',
      'warning',
      'Check-in has no usable time; ignored.',
      idOf(checkIn),
    )
  }
  if (!isFiniteNumber(checkIn.value)) {
    return diagnostic(
      'checkin-invalid-value',
      'warning',
      'Check-in value is not a number; ignored.',
      idOf(checkIn),
    )
  }
  return null
}

/**
 * Sorts check-ins by time (ties by id) and drops those without a finite time or value, with a
 * warning for each; input that arrived out of order gets an info diagnostic, since Yjs arrays
 * merge concurrent inserts in arbitrary order and the engine must not care.
 *
 * @example
 * orderCheckIns([late, early]).checkIns // [early, late]
 */
export function orderCheckIns(checkIns: readonly CheckIn[]): OrderedCheckIns {
  const diagnostics: Diagnostic[] = []
  const usable: CheckIn[] = []
  let outOfOrder = false
  for (const checkIn of Array.isArray(checkIns) ? checkIns : []) {
    if (typeof checkIn !== 'object' || checkIn === null) continue
    const problem = checkInProblem(checkIn)
    if (problem) {
      diagnostics.push(problem)
      continue
    }
    const previous = usable[usable.length - 1]
    if (previous && byTimeThenId(previous, checkIn) > 0) outOfOrder = true
    usable.push(checkIn)
  }
  if (outOfOrder) {
    usable.sort(byTimeThenId)
    diagnostics.push(
      diagnostic(
        'checkins-reordered',
        'info',
        'Check-ins were not in time order; they were sorted by time.',
        usable[0]?.keyResultId ?? null,
      ),
    )
  }
  return { checkIns: usable, diagnostics }
}

/**
 * The key result's rollup, falling back to `last` (with a warning) for an unknown one.
 *
 * @example
 * resolveRollup({ ...kr, rollup: 'median' }).rollup // 'last', with a kr-invalid-rollup warning
 */
export function resolveRollup(kr: KeyResult): { rollup: Rollup; diagnostics: Diagnostic[] } {
  if ((ROLLUPS as readonly unknown[]).includes(kr.rollup))
    return { rollup: kr.rollup, diagnostics: [] }
  return {
    rollup: 'last',
    diagnostics: [
      diagnostic(
        'kr-invalid-rollup',
        'warning',
        `Unknown rollup "${String(kr.rollup)}"; using the last value.`,
        idOf(kr),
      ),
    ],
  }
}

function sumOf(values: readonly number[]): number {
  let total = 0
  for (const v of values) total += v
  return finite(total)
}

function averageOf(values: readonly number[], min: number, max: number): number {
  const n = values.length
  let total = 0
  for (const v of values) total += v
  // Past the doubles, divide first: Σ(x/n) cannot overflow. The mean lies in [min, max]; the
  // clamp removes the last-bit rounding that could otherwise push it outside.
  if (!Number.isFinite(total)) {
    total = 0
    for (const v of values) total += v / n
    return clamp(total, min, max)
  }
  return clamp(total / n, min, max)
}

/**
 * Folds values (already in time order) by a rollup; null when there are none.
 *
 * - `last`: the latest value; `sum`: Σ values (saturating at ±Number.MAX_VALUE);
 * - `average`: Σ values / n; `max` / `min`: the extreme.
 *
 * @example
 * rollupValues('average', [2, 4, 9]) // 5
 */
export function rollupValues(rollup: Rollup, values: readonly number[]): number | null {
  if (values.length === 0) return null
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  switch (rollup) {
    case 'last':
      return values[values.length - 1] ?? null
    case 'sum':
      return sumOf(values)
    case 'average':
      return averageOf(values, min, max)
    case 'max':
      return max
    case 'min':
      return min
  }
}

/**
 * The rollup after each value in turn: the series of "current values" a key result has shown
 * over time, which is what a projection extrapolates. O(n).
 *
 * @example
 * prefixRollups('sum', [5, 3, 2]) // [5, 8, 10]
 */
export function prefixRollups(rollup: Rollup, values: readonly number[]): number[] {
  const out: number[] = []
  let total = 0
  let min = Infinity
  let max = -Infinity
  values.forEach((v, i) => {
    total += v
    if (v < min) min = v
    if (v > max) max = v
    switch (rollup) {
      case 'last':
        out.push(v)
        break
      case 'sum':
        out.push(finite(total))
        break
      case 'average':
        out.push(
          Number.isFinite(total)
            ? clamp(total / (i + 1), min, max)
            : averageOf(values.slice(0, i + 1), min, max),
        )
        break
      case 'max':
        out.push(max)
        break
      case 'min':
        out.push(min)
        break
    }
  })
  return out
}

/**
 * A key result's current value: the rollup of its usable check-ins in time order, or null
 * before the first check-in.
 *
 * @example
 * currentValue('last', [checkIn(at 2, value 7), checkIn(at 1, value 9)]) // 7, the latest by time
 */
export function currentValue(rollup: Rollup, checkIns: readonly CheckIn[]): number | null {
  return rollupValues(
    rollup,
    orderCheckIns(checkIns).checkIns.map((c) => c.value),
  )
}

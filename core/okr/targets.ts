/**
 * Effective targets. A key result stores its target as typed: an absolute number, or a lift over
 * the start value. Scoring needs the absolute number, resolved here once, with diagnostics for
 * every way the typed data can be unusable.
 */
import type { Calculation, Diagnostic, Direction, KeyResult } from './okr-model'
import { CALCULATIONS, DIRECTIONS } from './okr-model'
import { diagnostic, finite, idOf, isFiniteNumber } from './numbers'

/** The numbers scoring works with, after repair. */
export interface ResolvedTarget {
  /** Start (baseline) value; 0 when the stored one is not a finite number. */
  readonly start: number
  /** The absolute value to reach; equals `start` when no usable target exists. */
  readonly target: number
  /** The direction scoring uses: start → target when they differ, else the stored one. */
  readonly direction: Direction
  readonly calculation: Calculation
  /** False when start equals the effective target: progress is then undefined. */
  readonly measurable: boolean
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Resolves a key result's effective target (`Calculation` in model.ts):
 *
 * - `absolute-target`: target = `target`.
 * - `percentage-lift`: target = start ± |start| × p / 100, + for `increase`, − for `decrease`
 *   (= start × (1 ± p/100) for the usual positive start; |start| keeps a negative baseline moving
 *   the intended way).
 * - `absolute-lift`: target = start ± d.
 *
 * A lift is a magnitude: a negative one is read as its absolute value, with a warning. Unknown
 * enums fall back (calculation → `absolute-target`, direction → inferred from start and target).
 *
 * @example
 * resolveTarget({ ...kr, start: 200, target: 10, calculation: 'percentage-lift' }).target // 220
 * resolveTarget({ ...kr, start: 8, target: 3, calculation: 'absolute-lift', direction: 'decrease' }).target // 5
 */
export function resolveTarget(kr: KeyResult): ResolvedTarget {
  const id = idOf(kr)
  const diagnostics: Diagnostic[] = []
  const start = isFiniteNumber(kr.start) ? kr.start : 0
  if (!isFiniteNumber(kr.start)) {
    diagnostics.push(
      diagnostic('kr-invalid-start', 'error', 'Start value is not a number; using 0.', id),
    )
  }
  const calculation = repairedCalculation(kr, diagnostics)
  const typed = kr.target
  if (!isFiniteNumber(typed)) {
    diagnostics.push(
      diagnostic('kr-invalid-target', 'error', 'Target is not a number: nothing to measure.', id),
    )
    const direction = isDirection(kr.direction) ? kr.direction : 'increase'
    return { start, target: start, direction, calculation, measurable: false, diagnostics }
  }
  const stated = repairedDirection(kr, calculation, typed, start, diagnostics)
  const { target, direction } =
    calculation === 'absolute-target'
      ? absoluteTarget(id, typed, start, stated, diagnostics)
      : {
          target: liftedTarget(id, calculation, typed, start, stated, diagnostics),
          direction: stated,
        }
  const measurable = target !== start
  // A lift from zero has already said why; a second error for the same cause is noise.
  if (!measurable && !(calculation === 'percentage-lift' && start === 0)) {
    diagnostics.push(
      diagnostic(
        'kr-not-measurable',
        'error',
        `Target equals the start value (${start}): progress cannot be measured, only met or not.`,
        id,
      ),
    )
  }
  return { start, target, direction, calculation, measurable, diagnostics }
}

function isDirection(value: unknown): value is Direction {
  return (DIRECTIONS as readonly unknown[]).includes(value)
}

/** The stored calculation, or `absolute-target` (with a warning) when it is unknown. */
function repairedCalculation(kr: KeyResult, diagnostics: Diagnostic[]): Calculation {
  const calculation: Calculation = (CALCULATIONS as readonly unknown[]).includes(kr.calculation)
    ? kr.calculation
    : 'absolute-target'
  if (calculation !== kr.calculation) {
    diagnostics.push(
      diagnostic(
        'kr-invalid-calculation',
        'warning',
        `Unknown calculation type "${String(kr.calculation)}"; treating the target as absolute.`,
        idOf(kr),
      ),
    )
  }
  return calculation
}

/** The stored direction, or (with a warning) the one start and target suggest. */
function repairedDirection(
  kr: KeyResult,
  calculation: Calculation,
  typed: number,
  start: number,
  diagnostics: Diagnostic[],
): Direction {
  if (isDirection(kr.direction)) return kr.direction
  const direction = calculation === 'absolute-target' && typed < start ? 'decrease' : 'increase'
  diagnostics.push(
    diagnostic(
      'kr-invalid-direction',
      'warning',
      `Unknown goal direction "${String(kr.direction)}"; assuming "${direction}".`,
      idOf(kr),
    ),
  )
  return direction
}

/** An absolute target; a direction it contradicts gives way to start → target. */
function absoluteTarget(
  id: string | null,
  target: number,
  start: number,
  direction: Direction,
  diagnostics: Diagnostic[],
): { target: number; direction: Direction } {
  const sign = direction === 'increase' ? 1 : -1
  if ((target - start) * sign >= 0) return { target, direction }
  diagnostics.push(
    diagnostic(
      'kr-direction-mismatch',
      'warning',
      `Goal direction is "${direction}" but the target ${target} lies the other way from the start ${start}; scoring follows start → target.`,
      id,
    ),
  )
  return { target, direction: direction === 'increase' ? 'decrease' : 'increase' }
}

/** A lift (a size, in the goal's direction) applied to the start. */
function liftedTarget(
  id: string | null,
  calculation: Exclude<Calculation, 'absolute-target'>,
  typed: number,
  start: number,
  direction: Direction,
  diagnostics: Diagnostic[],
): number {
  const sign = direction === 'increase' ? 1 : -1
  if (typed < 0) {
    diagnostics.push(
      diagnostic(
        'kr-negative-lift',
        'warning',
        `A lift is a size (${typed}); the goal direction says which way. Using ${-typed}.`,
        id,
      ),
    )
  }
  const lift = Math.abs(typed)
  if (calculation === 'absolute-lift') return finite(start + sign * lift)
  if (start === 0) {
    diagnostics.push(
      diagnostic(
        'kr-lift-from-zero',
        'error',
        'A percentage lift from a start of 0 is still 0: use an absolute target or lift.',
        id,
      ),
    )
  }
  return finite(start + sign * Math.abs(start) * (lift / 100))
}

/**
 * The absolute value a key result aims for (see `resolveTarget`).
 *
 * @example
 * effectiveTarget({ ...kr, start: 200, target: 10, calculation: 'percentage-lift', direction: 'increase' }) // 220
 */
export function effectiveTarget(kr: KeyResult): number {
  return resolveTarget(kr).target
}

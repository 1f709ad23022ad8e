/**
 * "Amp up your ambition": the playbook's step of raising a target you are sure to hit by about
 * 30 % of the way from start to target.
 */
import type { Diagnostic, KeyResult } from './okr-model'
import { diagnostic, finite, idOf, isFiniteNumber } from './numbers'
import { resolveTarget } from './targets'

/** The playbook's "increase the target by ~30 %". */
export const DEFAULT_STRETCH = 0.3

export interface StretchResult {
  /** The new value of the `target` field, in the key result's own calculation type. */
  readonly target: number
  /** The new effective (absolute) target. */
  readonly effectiveTarget: number
  /** True when the target moved. */
  readonly changed: boolean
  readonly diagnostics: readonly Diagnostic[]
}

// Twelve significant digits drop binary noise (220 × 1.3 = 286.00000000000006) and keep the
// precision anyone types.
function tidy(value: number): number {
  return Number(value.toPrecision(12))
}

/**
 * Raises a key result's ambition: the gap start → effective target grows by `factor` (0.3 by
 * default) in the goal's direction.
 *
 * - `absolute-target`: target' = target + factor × (target − start)
 * - `percentage-lift`: p' = p × (1 + factor); `absolute-lift`: d' = d × (1 + factor)
 *
 * A decrease never crosses zero from a non-negative start (churn cannot go below 0 %): it stops
 * at 0 with an info diagnostic. A key result without a usable gap (start = target, bad numbers)
 * or a factor that is not a finite number > 0 is returned unchanged with a diagnostic.
 *
 * @example
 * stretchTarget({ ...kr, start: 0, target: 1000 }).target // 1300
 * stretchTarget({ ...kr, start: 8, target: 5, direction: 'decrease' }).target // 4.1
 * stretchTarget({ ...kr, start: 200, target: 10, calculation: 'percentage-lift' }).target // 13
 */
export function stretchTarget(kr: KeyResult, factor: number = DEFAULT_STRETCH): StretchResult {
  const id = idOf(kr)
  const resolved = resolveTarget(kr)
  const unchanged = (d: Diagnostic): StretchResult => ({
    target: isFiniteNumber(kr.target) ? kr.target : resolved.target,
    effectiveTarget: resolved.target,
    changed: false,
    diagnostics: [d],
  })
  if (!isFiniteNumber(factor) || factor <= 0) {
    return unchanged(
      diagnostic(
        'stretch-invalid-factor',
        'warning',
        `Stretch factor ${String(factor)} must be a number > 0.`,
        id,
      ),
    )
  }
  if (!resolved.measurable || !isFiniteNumber(kr.target) || !isFiniteNumber(kr.start)) {
    return unchanged(
      diagnostic(
        'stretch-not-measurable',
        'warning',
        'Nothing to stretch: the key result has no gap between start and target.',
        id,
      ),
    )
  }
  const { start, target: effective, calculation } = resolved
  let stretched = finite(effective + factor * (effective - start))
  const diagnostics: Diagnostic[] = []
  if (start >= 0 && effective >= 0 && stretched < 0) {
    stretched = 0
    diagnostics.push(
      diagnostic(
        'stretch-clamped',
        'info',
        'The stretched target would go below 0; it stops at 0.',
        id,
      ),
    )
  }
  let typed: number
  if (calculation === 'absolute-target') typed = stretched
  else if (calculation === 'absolute-lift') typed = Math.abs(stretched - start)
  else typed = Math.abs(((stretched - start) / Math.abs(start)) * 100)
  const target = tidy(typed)
  // Check the result the way it will be read back: at the edges of the doubles (subnormal
  // starts, lifts near Number.MAX_VALUE) rounding can eat the gap instead of growing it.
  const after = resolveTarget({ ...kr, target })
  const grew =
    after.measurable &&
    after.direction === resolved.direction &&
    Math.abs(after.target - start) >= Math.abs(effective - start)
  if (!grew) {
    return unchanged(
      diagnostic(
        'stretch-not-representable',
        'warning',
        'The stretched target cannot be represented precisely enough; target left as is.',
        id,
      ),
    )
  }
  return {
    target,
    effectiveTarget: after.target,
    changed: after.target !== effective,
    diagnostics,
  }
}

/**
 * "Amp up your ambition": the playbook's step of raising a target you are sure to hit by about
 * 30 %. The stretch follows the goal's stated direction (a cost to cut gets a lower target) and
 * stops at the bounds of what the metric can be (a percentage at 100, an NPS at ±100, a cost at
 * 0). Applying it once per key result is the board command's job (commands/stretch.ts).
 */
import type { Diagnostic, Direction, KeyResult } from './okr-model'
import { DIRECTIONS } from './okr-model'
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

/** What a metric can be: the stretch stops at these. `why` names the bound for people. */
export interface MetricBounds {
  readonly min: number
  readonly max: number
  readonly why: string | null
}

const UNBOUNDED: MetricBounds = { min: -Infinity, max: Infinity, why: null }
const NPS = /\bnps\b|net promoter/i
// "4.2 /5", "8 out of 10", "stars": ratings have a top.
const RATING_OF = /^(?:\/|out of |of )\s*(\d+(?:\.\d+)?)$/i

/**
 * The range a key result's values can take, from its unit and metric:
 *
 * - a percentage: 0–100 (coverage, churn, uptime; a growth *lift* is a calculation, not a unit);
 * - an NPS (metric, title or unit says NPS / net promoter): −100–100;
 * - a rating unit "/5", "out of 10", "stars": 0 up to its top (stars: 5);
 * - anything else whose start and target are both ≥ 0 (costs, counts, days, ms): ≥ 0.
 *
 * @example
 * metricBounds({ ...kr, unit: { kind: 'percent' } }) // { min: 0, max: 100, why: 'a percentage' }
 */
export function metricBounds(kr: KeyResult, start: number, target: number): MetricBounds {
  const unit = kr.unit as KeyResult['unit'] | undefined
  const label = unit?.kind === 'text' ? unit.label.trim() : ''
  if (unit?.kind === 'percent') return { min: 0, max: 100, why: 'a percentage' }
  if ([kr.metric, kr.title, label].some((s) => typeof s === 'string' && NPS.test(s))) {
    return { min: -100, max: 100, why: 'an NPS' }
  }
  const top = RATING_OF.exec(label)?.[1]
  if (top !== undefined) return { min: 0, max: Number(top), why: `a rating out of ${top}` }
  if (/^stars?$/i.test(label)) return { min: 0, max: 5, why: 'a rating out of 5' }
  if (start >= 0 && target >= 0) return { min: 0, max: Infinity, why: 'a quantity' }
  return UNBOUNDED
}

// Twelve significant digits drop binary noise (220 × 1.3 = 286.00000000000006) and keep the
// precision anyone types.
function tidy(value: number): number {
  return Number(value.toPrecision(12))
}

function unchanged(kr: KeyResult, effective: number, d: Diagnostic): StretchResult {
  return {
    target: isFiniteNumber(kr.target) ? kr.target : effective,
    effectiveTarget: effective,
    changed: false,
    diagnostics: [d],
  }
}

/**
 * Where the stretched effective target lands, before bounds. With a start behind the target
 * (the usual case) the gap start → target grows by `factor`; with no usable start (a start read
 * as 0 that lies past the target, as an unknown baseline does for "cloud cost below $40k"), the
 * target itself moves by `factor` of its size, in the stated direction.
 */
function stretchedEffective(start: number, target: number, sign: number, factor: number): number {
  if ((target - start) * sign > 0) return finite(target + factor * (target - start))
  return finite(target + sign * factor * Math.abs(target))
}

/** The stretched effective target written back in the key result's calculation type. */
function typedTarget(kr: KeyResult, calculation: string, start: number, effective: number) {
  if (calculation === 'absolute-target') return tidy(effective)
  if (calculation === 'absolute-lift') return tidy(Math.abs(effective - start))
  return tidy(Math.abs(((effective - start) / Math.abs(start)) * 100))
}

/**
 * Raises a key result's ambition by `factor` (0.3 by default) in its stated direction:
 *
 * - start behind the target: T' = T + factor × (T − start) (0 → 1000 becomes 1300; churn
 *   8 % → 5 % becomes 4.1 %); lifts scale in their own terms (+10 % → +13 %, +500 → +650);
 * - no usable start (the start lies past the target for the stated direction, e.g. an unknown
 *   baseline read as 0 under "cost below $40k"): T' = T ± factor × |T| (40000 → 28000);
 * - T' stops at the metric's bounds (`metricBounds`: coverage 80 % → 100 %, not 104 %), with an
 *   info diagnostic; a target already at its bound, a key result without a target or with
 *   start = target, or a factor that is not a finite number > 0 is returned unchanged with a
 *   diagnostic.
 *
 * @example
 * stretchTarget({ ...kr, start: 0, target: 1000 }).target // 1300
 * stretchTarget({ ...kr, start: 8, target: 5, direction: 'decrease' }).target // 4.1
 * stretchTarget({ ...kr, start: 0, target: 40000, direction: 'decrease' }).target // 28000
 */
export function stretchTarget(kr: KeyResult, factor: number = DEFAULT_STRETCH): StretchResult {
  const id = idOf(kr)
  const resolved = resolveTarget(kr)
  const { start, target: effective, calculation } = resolved
  if (!isFiniteNumber(factor) || factor <= 0) {
    const message = `Stretch factor ${String(factor)} must be a number > 0.`
    return unchanged(kr, effective, diagnostic('stretch-invalid-factor', 'warning', message, id))
  }
  if (!resolved.measurable || !isFiniteNumber(kr.target) || !isFiniteNumber(kr.start)) {
    const message = 'Nothing to stretch: the key result has no gap between start and target.'
    return unchanged(kr, effective, diagnostic('stretch-not-measurable', 'warning', message, id))
  }
  const direction: Direction = (DIRECTIONS as readonly unknown[]).includes(kr.direction)
    ? kr.direction
    : resolved.direction
  const sign = direction === 'increase' ? 1 : -1
  const bounds = metricBounds(kr, start, effective)
  const limit = sign > 0 ? bounds.max : bounds.min
  if ((effective - limit) * sign >= 0) {
    const message = `The target is already at the limit of ${bounds.why ?? 'the metric'} (${limit}).`
    return unchanged(kr, effective, diagnostic('stretch-at-bound', 'info', message, id))
  }
  let stretched = stretchedEffective(start, effective, sign, factor)
  const diagnostics: Diagnostic[] = []
  if ((stretched - limit) * sign > 0) {
    stretched = limit
    const message = `The stretched target stops at ${limit}, the limit of ${bounds.why ?? 'the metric'}.`
    diagnostics.push(diagnostic('stretch-clamped', 'info', message, id))
  }
  const target = typedTarget(kr, calculation, start, stretched)
  // Check the result the way it will be read back: at the edges of the doubles (subnormal
  // starts, lifts near Number.MAX_VALUE) rounding can eat the move instead of making it.
  const after = resolveTarget({ ...kr, target })
  if (!after.measurable || !((after.target - effective) * sign > 0)) {
    const message =
      'The stretched target cannot be represented precisely enough; target left as is.'
    return unchanged(kr, effective, diagnostic('stretch-not-representable', 'warning', message, id))
  }
  return { target, effectiveTarget: after.target, changed: true, diagnostics }
}

// A number in a title: optional sign, digits with an optional grouping separator ("40,000",
// "120 000"), decimals, and a k / M suffix ("$40k"); not part of a word or a longer number.
const NUMBER =
  /(?<![\p{L}\p{N}.,])(?<sign>[-−])?(?<digits>\d{1,3}(?:(?<group>[, \u202f])\d{3})+|\d+)(?<fraction>\.\d+)?(?<suffix>\s?[kKmM])?(?![\p{L}\p{N}])/gu

function scaleOf(suffix: string | undefined): number {
  if (suffix === undefined) return 1
  return /k/i.test(suffix) ? 1e3 : 1e6
}

/** A number as the title wrote it: grouping separator and k / M suffix kept. */
function writeLike(value: number, written: Written): string {
  const scaled = tidy(value / scaleOf(written.suffix))
  const rounded = Math.round(Math.abs(scaled) * 100) / 100
  const [digits = '', fraction] = String(rounded).split('.')
  const group = written.group
  const whole = group === undefined ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, group)
  const sign = scaled < 0 ? (written.sign ?? '-') : ''
  return sign + whole + (fraction ? `.${fraction}` : '') + (written.suffix ?? '')
}

/** Where a number sits in a title and how it is written there. */
interface Written {
  readonly index: number
  readonly length: number
  readonly sign: string | undefined
  readonly group: string | undefined
  readonly suffix: string | undefined
}

/**
 * The title with the old target's number replaced by the new one, written the same way ("45" →
 * "48.9", "$40k" → "$28k", "40,000" → "28,000"); null when the title does not state the old
 * target. The last mention wins: titles name the target after the start ("from 32 to 45").
 *
 * @example
 * retitle('Raise NPS from 32 to 45', 45, 48.9) // 'Raise NPS from 32 to 48.9'
 */
export function retitle(title: string, from: number, to: number): string | null {
  if (typeof title !== 'string' || !isFiniteNumber(from) || !isFiniteNumber(to) || from === to) {
    return null
  }
  let last: Written | null = null
  for (const match of title.matchAll(NUMBER)) {
    const g = match.groups ?? {}
    const digits =
      g.group === undefined ? (g.digits ?? '') : (g.digits ?? '').split(g.group).join('')
    const value = Number(digits + (g.fraction ?? '')) * scaleOf(g.suffix) * (g.sign ? -1 : 1)
    if (Math.abs(value - from) <= 1e-9 * Math.max(1, Math.abs(from))) {
      const { sign, group, suffix } = g
      last = { index: match.index, length: match[0].length, sign, group, suffix }
    }
  }
  if (last === null) return null
  const replacement = writeLike(to, last)
  return title.slice(0, last.index) + replacement + title.slice(last.index + last.length)
}

/**
 * The numbers of a key result written as text: which amounts are the start and the target,
 * whether the target is a level or a lift, in which unit, and any direction the numbers state
 * by themselves ("from 8% to 5%" decreases). parse-key-result.ts weighs this against the words.
 * The grammar is in docs/conversion.md.
 */
import type { Calculation, Direction, Unit } from '../okr/okr-model'
import { findPair, TARGET_ROLES, type Read } from './amount-roles'
import type { Quantity } from './quantities'
import type { VerbHit } from './verbs'

export const COUNT: Unit = { kind: 'count' }

export interface Numbers {
  readonly calculation: Calculation
  readonly start: number | null
  readonly target: number | null
  readonly unit: Unit
  /** A direction the numbers or a comparator state outright. */
  readonly stated: Direction | null
  readonly used: readonly Quantity[]
  /** For a written range, the other end, so the ambitious one can be picked once direction is known. */
  readonly range: readonly [number, number] | null
  /**
   * "Grow ARR by 40% to $5M": the lift that leads to the target, so the start can be worked out
   * once the direction is known.
   */
  readonly liftToTarget?: { readonly value: number; readonly percent: boolean }
}

const sameUnit = (a: Unit, b: Unit): boolean =>
  a.kind === b.kind &&
  (a.kind !== 'currency' || b.kind !== 'currency' || (a.code ?? '') === (b.code ?? '')) &&
  (a.kind !== 'text' || b.kind !== 'text' || a.label === b.label)

const round = (n: number): number => Math.round(n * 1e9) / 1e9

const describeUnit = (unit: Unit): string =>
  unit.kind === 'text'
    ? unit.label
    : unit.kind === 'currency'
      ? (unit.code ?? 'currency')
      : unit.kind

/** Puts a pair of durations in the target's unit; any unit missing on one end is taken from the other. */
const unify = (a: Quantity, b: Quantity, notes: string[]): [number, number, Unit] => {
  const unit = b.unit ?? a.unit ?? COUNT
  if (a.seconds !== null && b.seconds !== null && a.seconds !== b.seconds) {
    return [round((a.value * a.seconds) / b.seconds), b.value, unit]
  }
  if (a.unit !== null && b.unit !== null && !sameUnit(a.unit, b.unit)) {
    notes.push(
      `start and target have different units (${describeUnit(a.unit)}, ${describeUnit(b.unit)})`,
    )
  }
  return [a.value, b.value, unit]
}

/**
 * The amounts in the text, read in this order: a start–target pair, a lift, a factor ("3x"),
 * then a single level. Null when there is no amount to read.
 */
export function readNumbers(
  text: string,
  reads: readonly Read[],
  verb: VerbHit | null,
  notes: string[],
): Numbers | null {
  const from = reads.find((r) => r.role === 'from') ?? null
  const pair = findPair(text, reads)
  if (pair !== null) return pairNumbers(pair, notes)
  const lift = findLift(text, reads, verb)
  if (lift !== undefined) return liftNumbers(lift, reads, from)
  // "3x signups" is a lift; "a ROAS of 4x" is a level, read below as a target.
  const factor = reads.find((r) => r.q.factor && !TARGET_ROLES.includes(r.role))
  if (factor !== undefined) {
    const grows = factor.q.value >= 1
    return {
      calculation: 'percentage-lift',
      start: from?.q.value ?? null,
      target: round(Math.abs(factor.q.value - 1) * 100),
      unit: from?.q.unit ?? COUNT,
      stated: grows ? 'increase' : 'decrease',
      used: [factor.q],
      range: null,
    }
  }
  return levelNumbers(reads, from, notes)
}

/** "From 8% to 5%": a start and a target side by side. */
function pairNumbers([a, b]: readonly [Read, Read], notes: string[]): Numbers {
  const [start, target, unit] = unify(a.q, b.q, notes)
  const stated =
    target < start
      ? 'decrease'
      : target > start
        ? 'increase'
        : b.role === 'at-most'
          ? 'decrease'
          : null
  const range = b.q.high === null ? null : ([target, b.q.high] as const)
  return { calculation: 'absolute-target', start, target, unit, stated, used: [a.q, b.q], range }
}

function findLift(text: string, reads: readonly Read[], verb: VerbHit | null): Read | undefined {
  // "Grow revenue 20% QoQ": a bare percentage after a direction verb is a lift, not a level.
  const verbBefore = (q: Quantity): boolean =>
    verb !== null && verb.direction !== null && verb.end <= q.index
  return reads.find(
    (r) =>
      ['by', 'add', 'lift-up', 'lift-down'].includes(r.role) ||
      (r.role === 'plain' &&
        (r.q.sign !== null ||
          (verbBefore(r.q) &&
            r.q.unit?.kind === 'percent' &&
            !/^\s*of\b/i.test(text.slice(r.q.end))))),
  )
}

/** "By 30%", "+5 points", "add 500 customers": a lift over the start, or towards a level. */
function liftNumbers(lift: Read, reads: readonly Read[], from: Read | null): Numbers {
  const q = lift.q
  const percentLift = q.unit?.kind === 'percent' && !q.points
  const calculation: Calculation = percentLift ? 'percentage-lift' : 'absolute-lift'
  const unit = percentLift ? (from?.q.unit ?? COUNT) : (q.unit ?? from?.q.unit ?? COUNT)
  const stated: Direction | null =
    lift.role === 'lift-up' || q.sign === '+'
      ? 'increase'
      : lift.role === 'lift-down' || q.sign === '-'
        ? 'decrease'
        : null
  const level = reads.find(
    (r) => r !== lift && ['to', 'at-most', 'at-least'].includes(r.role) && !r.q.factor,
  )
  if (level !== undefined && from === null) {
    return {
      calculation: 'absolute-target',
      start: null,
      target: level.q.value,
      unit: level.q.unit ?? (percentLift ? COUNT : (q.unit ?? COUNT)),
      stated:
        level.role === 'at-most' ? 'decrease' : level.role === 'at-least' ? 'increase' : stated,
      used: [q, level.q],
      range: null,
      liftToTarget: { value: q.value, percent: percentLift },
    }
  }
  let start = from?.q.value ?? null
  if (!percentLift && from !== null && from.q.seconds !== null && q.seconds !== null) {
    start = round((from.q.value * from.q.seconds) / q.seconds)
  }
  const range = q.high === null ? null : ([q.value, q.high] as const)
  const used = from === null ? [q] : [from.q, q]
  return { calculation, start, target: q.value, unit, stated, used, range }
}

/** "At most 2 s", "top 3", "95%": one level to reach, perhaps after a start. */
function levelNumbers(reads: readonly Read[], from: Read | null, notes: string[]): Numbers | null {
  const target =
    reads.find((r) => TARGET_ROLES.includes(r.role) || r.q.orMore) ??
    reads.find((r) => r.role === 'plain') ??
    reads.find((r) => r.role === 'within') ??
    null
  if (target === null) return null
  const q = target.q
  const stated: Direction | null =
    target.role === 'at-most' || target.role === 'within' || target.role === 'top'
      ? 'decrease'
      : target.role === 'at-least' || q.orMore
        ? 'increase'
        : null
  if (target.role === 'within' && reads.length > 1)
    notes.push('a "within" duration read as the target')
  let start = from !== null && from !== target ? from.q.value : null
  if (from !== null && from !== target && from.q.seconds !== null && q.seconds !== null) {
    start = round((from.q.value * from.q.seconds) / q.seconds)
  }
  const unit =
    target.role === 'top'
      ? { kind: 'text' as const, label: 'rank' }
      : q.factor
        ? { kind: 'text' as const, label: 'x' }
        : (q.unit ?? from?.q.unit ?? COUNT)
  const range = q.high === null ? null : ([q.value, q.high] as const)
  const used = from === null || from === target ? [q] : [from.q, q]
  return { calculation: 'absolute-target', start, target: q.value, unit, stated, used, range }
}

const KEYWORD_LIFTS: readonly (readonly [RegExp, number, Direction])[] = [
  [/\bdoubl(?:e|es|ed|ing)\b/i, 100, 'increase'],
  [/\btripl(?:e|es|ed|ing)\b/i, 200, 'increase'],
  [/\bquadrupl(?:e|es|ed|ing)\b/i, 300, 'increase'],
  [/\b(?:halv(?:e|es|ed|ing)|in\s+half|by\s+half)\b|^half\s+(?:the|our)\b/i, 50, 'decrease'],
]
const TO_ZERO =
  /\b(?:eliminat(?:e|es|ed|ing)|eradicat(?:e|es|ed|ing)|get\s+rid\s+of|no\s+more|stamp\s+out|zero)\b/i

/**
 * Numbers said in words when no amount is written: "double", "halve" (a lift whose direction
 * is the keyword's), "eliminate", "zero" (a target of 0). Null when there are none.
 */
export function keywordNumbers(text: string): { numbers: Numbers; keyword: boolean } | null {
  const keyword = KEYWORD_LIFTS.find(([pattern]) => pattern.test(text))
  if (keyword !== undefined) {
    const [, lift, direction] = keyword
    const numbers: Numbers = {
      calculation: 'percentage-lift',
      start: null,
      target: lift,
      unit: COUNT,
      stated: direction,
      used: [],
      range: null,
    }
    return { numbers, keyword: true }
  }
  if (!TO_ZERO.test(text)) return null
  const numbers: Numbers = {
    calculation: 'absolute-target',
    start: null,
    target: 0,
    unit: COUNT,
    stated: 'decrease',
    used: [],
    range: null,
  }
  return { numbers, keyword: false }
}

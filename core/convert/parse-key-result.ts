/**
 * Reads a sticky note's text as a key result: direction, calculation, start, target, unit and
 * metric, or decides it is an initiative (work to do) or not measurable. The grammar is in
 * docs/conversion.md; every rule here is there by name.
 */
import type { Calculation, Direction, Unit } from '../okr/okr-model'
import type { ParsedKeyResult } from './drafts'
import { findPair, roleOf, TARGET_ROLES, type Read } from './amount-roles'
import { GOAL_VERBS, LOWER_IS_BETTER, NEUTRAL_VERBS, TASK_VERBS } from './lexicon'
import { extractMetric } from './metric-name'
import { scanQuantities, type Quantity } from './quantities'
import { baseForm, findVerb, type VerbHit } from './verbs'

/** Longer text is cut before parsing so that a pasted essay costs no more than a note. */
export const MAX_PARSED_LENGTH = 500

const COUNT: Unit = { kind: 'count' }

const normalise = (text: string): string =>
  text
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s*(?:→|->|=>|⇒|⟶)\s*/g, ' to ')
    .replace(/≤/g, '<=')
    .replace(/≥/g, '>=')
    .replace(/(\d)[\u00a0\u202f\u2009'’](?=\d{3}\b)/g, '$1,')
    .replace(/\b24\/7\b/g, '24x7')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * What people put before the text itself: bullets, checkboxes, emoji, quotes, "(idea)", and
 * labels such as "KR2:", "Q3 -", "TODO:", "#1 priority:". Stripped repeatedly ("✅ KR1: …").
 */
const LIST_MARKER = new RegExp(
  [
    String.raw`[^\p{L}\p{N}$€£¥+\-<>=.\s]+\s*`,
    String.raw`[-–]+\s+`,
    String.raw`\[[ x]?\]\s*`,
    String.raw`\([^()]{0,20}\)\s*`,
    String.raw`(?:kr|key\s+result|okr|o|q[1-4]|h[12]|fy\s?\d{2,4}|todo|idea|objective|goal|task|action|initiative|#?\d+\s+priority)\s*#?\s*\d*\s*[:.)\-–]\s+`,
    String.raw`(?:kr|key\s+result|okr|o)\s*#?\s*\d*\s*[:.)\-–]\s*`,
    String.raw`\d{1,2}[.)]\s+`,
  ]
    .map((part) => `^${part}`)
    .join('|'),
  'iu',
)
const stripPrefixes = (text: string): string => {
  let previous = ''
  let current = text
  while (current !== previous) {
    previous = current
    current = current.replace(LIST_MARKER, '')
  }
  return current
}

const LEAD_IN =
  /^(?:we\s+(?:will|shall|should|must|want\s+to|need\s+to|aim\s+to|plan\s+to)|let'?s|let\s+us|i\s+want\s+to|aim\s+to|goal\s*:|to)\s+/i

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

interface Numbers {
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

const readNumbers = (
  text: string,
  reads: readonly Read[],
  verb: VerbHit | null,
  notes: string[],
): Numbers | null => {
  // "Grow revenue 20% QoQ": a bare percentage after a direction verb is a lift, not a level.
  const verbBefore = (q: Quantity): boolean =>
    verb !== null && verb.direction !== null && verb.end <= q.index
  const from = reads.find((r) => r.role === 'from') ?? null
  const pair = findPair(text, reads)
  if (pair !== null) {
    const [a, b] = pair
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
  const lift = reads.find(
    (r) =>
      ['by', 'add', 'lift-up', 'lift-down'].includes(r.role) ||
      (r.role === 'plain' &&
        (r.q.sign !== null ||
          (verbBefore(r.q) &&
            r.q.unit?.kind === 'percent' &&
            !/^\s*of\b/i.test(text.slice(r.q.end))))),
  )
  if (lift !== undefined) {
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
 * Reads one key result from free text. Never throws: text it cannot read becomes an
 * `unmeasurable` result whose `notes` say why.
 *
 * @example
 * parseKeyResult('Reduce churn from 8% to 5%')
 * // → { kind: 'key-result', direction: 'decrease', calculation: 'absolute-target',
 * //     start: 8, target: 5, unit: { kind: 'percent' }, metric: 'churn', … }
 * parseKeyResult('Boost attendance at monthly socials by 30%').calculation // 'percentage-lift'
 * parseKeyResult('Launch the referral programme').kind // 'initiative'
 */
export function parseKeyResult(text: string): ParsedKeyResult {
  const notes: string[] = []
  let penalty = 0
  const raw = typeof text === 'string' ? text : ''
  if (typeof text !== 'string') notes.push('not text')
  if (raw.length > MAX_PARSED_LENGTH) {
    notes.push(`only the first ${MAX_PARSED_LENGTH} characters were read`)
    penalty += 0.2
  }
  const cleaned = stripPrefixes(normalise(raw.slice(0, MAX_PARSED_LENGTH))).replace(LEAD_IN, '')
  const firstWord = /^[a-z][a-z'-]*/i.exec(cleaned)?.[0] ?? ''
  // "New pricing page": a deliverable named without its verb is work to do, like "Ship …".
  const task =
    baseForm(firstWord, TASK_VERBS) !== null ||
    (/^(?:a\s+)?new\s/i.test(cleaned) && cleaned.split(/\s+/).length <= 4)
  const goalVerb = baseForm(firstWord, GOAL_VERBS) !== null
  // A leading verb that counts things done ("fix 25 bugs") outranks the metric's polarity.
  const countingVerb = (task || goalVerb) && baseForm(firstWord, NEUTRAL_VERBS) === null
  const verb = findVerb(cleaned)

  const reads = scanQuantities(cleaned).map((q) => ({ q, role: roleOf(cleaned, q) }))
  let numbers = readNumbers(cleaned, reads, verb, notes)
  let keywordDirection: Direction | null = null
  if (numbers === null) {
    const keyword = KEYWORD_LIFTS.find(([pattern]) => pattern.test(cleaned))
    if (keyword !== undefined) {
      const [, lift, direction] = keyword
      keywordDirection = direction
      numbers = {
        calculation: 'percentage-lift',
        start: null,
        target: lift,
        unit: COUNT,
        stated: direction,
        used: [],
        range: null,
      }
    } else if (TO_ZERO.test(cleaned)) {
      numbers = {
        calculation: 'absolute-target',
        start: null,
        target: 0,
        unit: COUNT,
        stated: 'decrease',
        used: [],
        range: null,
      }
    }
  }

  const blanked = [
    ...(numbers?.used ?? []),
    ...reads.filter((r) => r.role === 'timebox' || r.role === 'within').map((r) => r.q),
  ]
  const metric = extractMetric(cleaned, [...new Set(blanked)], verb)
  const lowerIsBetter = LOWER_IS_BETTER.test(metric === '' ? cleaned : metric)

  let direction: Direction
  if (numbers?.stated !== null && numbers?.stated !== undefined) {
    direction = numbers.stated
    if (verb?.direction != null && verb.direction !== direction && keywordDirection === null) {
      notes.push(
        `the numbers say ${direction} but "${cleaned.slice(verb.index, verb.end)}" says ${verb.direction}`,
      )
      penalty += 0.3
    }
  } else if (numbers?.calculation === 'absolute-target' && numbers.target === 0) {
    direction = 'decrease'
  } else if (verb?.direction != null) {
    direction = verb.direction
  } else if (lowerIsBetter && !countingVerb) {
    direction = 'decrease'
    if (!verb?.better) notes.push('direction taken from the metric: lower is better')
  } else if (
    verb?.better &&
    numbers !== null &&
    numbers.unit.kind === 'text' &&
    /^(?:ms|seconds|minutes|hours|days|weeks)$/.test(numbers.unit.label)
  ) {
    direction = 'decrease'
    notes.push('"improve" on a duration read as making it shorter')
  } else {
    direction = 'increase'
    if (verb === null && !goalVerb && !task && numbers !== null) {
      notes.push('no word states a direction: increase assumed')
      penalty += 0.15
    }
  }

  // "Cart abandonment is above 70%": a rising bad metric is more likely today's value than a goal.
  if (numbers?.stated === 'increase' && verb?.direction == null && lowerIsBetter) {
    notes.push(
      'the numbers say increase but this metric is usually better lower: is it the current value?',
    )
    penalty += 0.35
  }

  let target = numbers?.target ?? null
  if (numbers !== null && numbers.range !== null) {
    const [low, high] = numbers.range
    const ambitious =
      numbers.calculation !== 'absolute-target' || direction === 'increase'
        ? Math.max(low, high)
        : Math.min(low, high)
    target = ambitious
    notes.push(`range ${low}–${high}: the ambitious end is the target, the other a committed floor`)
    penalty += 0.1
  }

  let start = numbers?.start ?? null
  const lift = numbers?.liftToTarget
  if (lift !== undefined && target !== null) {
    const sign = direction === 'increase' ? 1 : -1
    const before = lift.percent
      ? target / (1 + (sign * lift.value) / 100)
      : target - sign * lift.value
    if (Number.isFinite(before) && before >= 0) {
      start = Number(before.toPrecision(6))
      notes.push(`start ${start} worked out from the target and the lift: check it`)
    }
  }
  if (start !== null && start === target && numbers?.calculation === 'absolute-target') {
    notes.push('start and target are the same')
    penalty += 0.35
  }

  const ignored = reads.filter((r) => !(numbers?.used ?? []).includes(r.q))
  for (const r of ignored) {
    const what = cleaned.slice(r.q.index, r.q.end)
    if (r.role === 'selection') {
      notes.push(`"top ${what}" read as a selection, not a target`)
    } else if (r.role === 'per' || r.role === 'timebox' || r.role === 'within') {
      notes.push(`"${what}" read as a rate or timebox, not a target`)
    } else {
      notes.push(`"${what}" not used`)
      penalty += 0.1
    }
  }

  let kind: ParsedKeyResult['kind']
  if (target !== null) {
    kind = 'key-result'
    if (
      task &&
      numbers?.calculation === 'absolute-target' &&
      numbers.stated === null &&
      numbers.start === null
    ) {
      notes.push('counts the output of a task; consider the outcome it should move')
      penalty += 0.1
    }
  } else if (task) {
    kind = 'initiative'
  } else {
    kind = 'unmeasurable'
    notes.push('no number to measure: add a target')
  }
  if (
    numbers?.calculation === 'percentage-lift' &&
    /\brate\b|\bratio\b|\bshare\b|%/i.test(metric)
  ) {
    notes.push('a % lift of a rate is relative; write "percentage points" for an absolute change')
    penalty += 0.1
  }
  if (kind === 'key-result' && metric === '') {
    notes.push('no metric named')
    penalty += 0.2
  }

  return {
    kind,
    direction,
    calculation: numbers?.calculation ?? 'absolute-target',
    start,
    target,
    unit: numbers?.unit ?? COUNT,
    metric,
    confidence: Math.round(Math.max(0, Math.min(1, 1 - penalty)) * 100) / 100,
    notes,
  }
}

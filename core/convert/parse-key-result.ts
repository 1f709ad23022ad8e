/**
 * Reads a sticky note's text as a key result: direction, calculation, start, target, unit and
 * metric, or decides it is an initiative (work to do) or not measurable. The grammar is in
 * docs/conversion.md; every rule here is there by name.
 */
import type { Direction } from '../okr/okr-model'
import type { ParsedKeyResult } from './drafts'
import { roleOf, type Read } from './amount-roles'
import { GOAL_VERBS, LOWER_IS_BETTER, NEUTRAL_VERBS, TASK_VERBS } from './lexicon'
import { extractMetric } from './metric-name'
import { scanQuantities } from './quantities'
import { COUNT, keywordNumbers, readNumbers, type Numbers } from './read-numbers'
import { baseForm, findVerb, type VerbHit } from './verbs'

/** Longer text is cut before parsing so that a pasted essay costs no more than a note. */
export const MAX_PARSED_LENGTH = 500

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

/** What a reading found doubtful: notes for the person, and how much they cost in confidence. */
interface Findings {
  readonly notes: string[]
  penalty: number
}

/** How the text begins: as work to do ("Ship …"), as a goal ("Reach …"), counting things done. */
interface Opening {
  readonly task: boolean
  readonly goalVerb: boolean
  readonly countingVerb: boolean
}

function openingOf(cleaned: string): Opening {
  const firstWord = /^[a-z][a-z'-]*/i.exec(cleaned)?.[0] ?? ''
  // "New pricing page": a deliverable named without its verb is work to do, like "Ship …".
  const task =
    baseForm(firstWord, TASK_VERBS) !== null ||
    (/^(?:a\s+)?new\s/i.test(cleaned) && cleaned.split(/\s+/).length <= 4)
  const goalVerb = baseForm(firstWord, GOAL_VERBS) !== null
  // A leading verb that counts things done ("fix 25 bugs") outranks the metric's polarity.
  const countingVerb = (task || goalVerb) && baseForm(firstWord, NEUTRAL_VERBS) === null
  return { task, goalVerb, countingVerb }
}

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
  const found: Findings = { notes: [], penalty: 0 }
  const { notes } = found
  const raw = typeof text === 'string' ? text : ''
  if (typeof text !== 'string') notes.push('not text')
  if (raw.length > MAX_PARSED_LENGTH) {
    notes.push(`only the first ${MAX_PARSED_LENGTH} characters were read`)
    found.penalty += 0.2
  }
  const cleaned = stripPrefixes(normalise(raw.slice(0, MAX_PARSED_LENGTH))).replace(LEAD_IN, '')
  const opening = openingOf(cleaned)
  const verb = findVerb(cleaned)

  const reads = scanQuantities(cleaned).map((q) => ({ q, role: roleOf(cleaned, q) }))
  let numbers = readNumbers(cleaned, reads, verb, notes)
  let keywordDirection: Direction | null = null
  if (numbers === null) {
    const said = keywordNumbers(cleaned)
    numbers = said?.numbers ?? null
    if (said?.keyword === true) keywordDirection = said.numbers.stated
  }

  const blanked = [
    ...(numbers?.used ?? []),
    ...reads.filter((r) => r.role === 'timebox' || r.role === 'within').map((r) => r.q),
  ]
  const metric = extractMetric(cleaned, [...new Set(blanked)], verb)
  const lowerIsBetter = LOWER_IS_BETTER.test(metric === '' ? cleaned : metric)
  const direction = directionOf(
    { cleaned, numbers, verb, opening, lowerIsBetter, keywordDirection },
    found,
  )

  // "Cart abandonment is above 70%": a rising bad metric is more likely today's value than a goal.
  if (numbers?.stated === 'increase' && verb?.direction == null && lowerIsBetter) {
    notes.push(
      'the numbers say increase but this metric is usually better lower: is it the current value?',
    )
    found.penalty += 0.35
  }
  const target = targetOf(numbers, direction, found)
  const start = startOf(numbers, target, direction, found)
  noteUnused(cleaned, reads, numbers, found)
  const kind = kindOf(target, numbers, opening.task, found)
  if (
    numbers?.calculation === 'percentage-lift' &&
    /\brate\b|\bratio\b|\bshare\b|%/i.test(metric)
  ) {
    notes.push('a % lift of a rate is relative; write "percentage points" for an absolute change')
    found.penalty += 0.1
  }
  if (kind === 'key-result' && metric === '') {
    notes.push('no metric named')
    found.penalty += 0.2
  }

  return {
    kind,
    direction,
    calculation: numbers?.calculation ?? 'absolute-target',
    start,
    target,
    unit: numbers?.unit ?? COUNT,
    metric,
    confidence: Math.round(Math.max(0, Math.min(1, 1 - found.penalty)) * 100) / 100,
    notes,
  }
}

/**
 * The direction: what the numbers state, else a target of zero, the verb, the metric's
 * polarity ("churn" is better lower), "improve" on a duration; increase when nothing says.
 */
function directionOf(
  read: {
    readonly cleaned: string
    readonly numbers: Numbers | null
    readonly verb: VerbHit | null
    readonly opening: Opening
    readonly lowerIsBetter: boolean
    readonly keywordDirection: Direction | null
  },
  found: Findings,
): Direction {
  const { cleaned, numbers, verb, opening } = read
  if (numbers?.stated !== null && numbers?.stated !== undefined) {
    const direction = numbers.stated
    if (verb?.direction != null && verb.direction !== direction && read.keywordDirection === null) {
      found.notes.push(
        `the numbers say ${direction} but "${cleaned.slice(verb.index, verb.end)}" says ${verb.direction}`,
      )
      found.penalty += 0.3
    }
    return direction
  }
  if (numbers?.calculation === 'absolute-target' && numbers.target === 0) return 'decrease'
  if (verb?.direction != null) return verb.direction
  if (read.lowerIsBetter && !opening.countingVerb) {
    if (!verb?.better) found.notes.push('direction taken from the metric: lower is better')
    return 'decrease'
  }
  if (
    verb?.better &&
    numbers !== null &&
    numbers.unit.kind === 'text' &&
    /^(?:ms|seconds|minutes|hours|days|weeks)$/.test(numbers.unit.label)
  ) {
    found.notes.push('"improve" on a duration read as making it shorter')
    return 'decrease'
  }
  if (verb === null && !opening.goalVerb && !opening.task && numbers !== null) {
    found.notes.push('no word states a direction: increase assumed')
    found.penalty += 0.15
  }
  return 'increase'
}

/** The target; of a written range, the ambitious end. */
function targetOf(numbers: Numbers | null, direction: Direction, found: Findings): number | null {
  if (numbers === null) return null
  if (numbers.range === null) return numbers.target
  const [low, high] = numbers.range
  const ambitious =
    numbers.calculation !== 'absolute-target' || direction === 'increase'
      ? Math.max(low, high)
      : Math.min(low, high)
  found.notes.push(
    `range ${low}–${high}: the ambitious end is the target, the other a committed floor`,
  )
  found.penalty += 0.1
  return ambitious
}

/** The start as written, or worked out from a target and the lift that leads to it. */
function startOf(
  numbers: Numbers | null,
  target: number | null,
  direction: Direction,
  found: Findings,
): number | null {
  let start = numbers?.start ?? null
  const lift = numbers?.liftToTarget
  if (lift !== undefined && target !== null) {
    const sign = direction === 'increase' ? 1 : -1
    const before = lift.percent
      ? target / (1 + (sign * lift.value) / 100)
      : target - sign * lift.value
    if (Number.isFinite(before) && before >= 0) {
      start = Number(before.toPrecision(6))
      found.notes.push(`start ${start} worked out from the target and the lift: check it`)
    }
  }
  if (start !== null && start === target && numbers?.calculation === 'absolute-target') {
    found.notes.push('start and target are the same')
    found.penalty += 0.35
  }
  return start
}

/** Says what became of each amount the reading did not use. */
function noteUnused(
  cleaned: string,
  reads: readonly Read[],
  numbers: Numbers | null,
  found: Findings,
): void {
  const ignored = reads.filter((r) => !(numbers?.used ?? []).includes(r.q))
  for (const r of ignored) {
    const what = cleaned.slice(r.q.index, r.q.end)
    if (r.role === 'selection') {
      found.notes.push(`"top ${what}" read as a selection, not a target`)
    } else if (r.role === 'per' || r.role === 'timebox' || r.role === 'within') {
      found.notes.push(`"${what}" read as a rate or timebox, not a target`)
    } else {
      found.notes.push(`"${what}" not used`)
      found.penalty += 0.1
    }
  }
}

/** A key result when there is a target, else an initiative (work to do) or unmeasurable. */
function kindOf(
  target: number | null,
  numbers: Numbers | null,
  task: boolean,
  found: Findings,
): ParsedKeyResult['kind'] {
  if (target === null) {
    if (task) return 'initiative'
    found.notes.push('no number to measure: add a target')
    return 'unmeasurable'
  }
  if (
    task &&
    numbers?.calculation === 'absolute-target' &&
    numbers.stated === null &&
    numbers.start === null
  ) {
    found.notes.push('counts the output of a task; consider the outcome it should move')
    found.penalty += 0.1
  }
  return 'key-result'
}

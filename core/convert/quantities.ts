/**
 * Finds the numbers in a key result's text ("$48k", "1.5k", "12,000", "24 hours", "5-10%",
 * "four star") together with their unit, and drops numbers that only name something (P1, Q3,
 * SOC 2, 2026, March 31, a 2-day workshop).
 */
import type { Unit } from '../okr/okr-model'
import { CURRENCY_CODES, MULTIPLIERS, NUMBER_WORDS, TIME_UNITS } from './lexicon'

export interface Quantity {
  /** The value with any k/m/bn multiplier applied; for a range, the low end. */
  readonly value: number
  /** The high end of a written range ("5-10%"), else null. */
  readonly high: number | null
  /** Null for a bare number: the caller decides between a count and the other end's unit. */
  readonly unit: Unit | null
  /** Seconds per unit when the unit is a duration, so two durations can be put in one unit. */
  readonly seconds: number | null
  /** "pp", "percentage points": an absolute change of a percentage, not a relative one. */
  readonly points: boolean
  /** "3x": a factor. */
  readonly factor: boolean
  /** "50+": at least. */
  readonly orMore: boolean
  readonly sign: '+' | '-' | null
  readonly index: number
  readonly end: number
}

const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`
const CURRENCY_PREFIX = String.raw`(?:[$€£¥]|usd|eur|gbp|chf|jpy)`
const GLUED_MULTIPLIER = String.raw`(?:bn|mln|mn|mm|k|m|b)(?![a-z])`
const WORD_MULTIPLIER = String.raw`\s?(?:thousand|million|billion|bn|mln)\b`

const byLengthDesc = (words: Iterable<string>): string =>
  [...words]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map((word) => word.replace(/[.$]/g, (c) => `\\${c}`))
    .join('|')

const UNIT_WORDS = [
  '%',
  'percent',
  'per cent',
  'pct',
  'percentage points',
  'percentage point',
  'pp',
  'p.p.',
  'pts',
  'points',
  'point',
  'x',
  'stars',
  'star',
  '€',
  '£',
  '¥',
  ...CURRENCY_CODES.keys(),
  ...TIME_UNITS.keys(),
]

/**
 * One number with its surroundings. The look-behind keeps digits glued to a word, a decimal
 * point, a slash or a hyphen out (P1, v2, B2B, the 7 of 24/7 or 4.8/5), and the look-ahead
 * keeps out numbers glued to letters (1st, 2fa) and hyphenated modifiers (a 2-day workshop).
 */
const QUANTITY = new RegExp(
  String.raw`(?<![\w.,/#-])(?<sign>[+-])?(?:(?<pre>${CURRENCY_PREFIX})\s?)?(?<num>${NUMBER})` +
    String.raw`(?:\s?-\s?(?<high>${NUMBER}))?(?<mult>${GLUED_MULTIPLIER}|${WORD_MULTIPLIER})?` +
    String.raw`(?<plus>\+)?(?:\s?(?<unit>${byLengthDesc(UNIT_WORDS)}))?(?![a-z\d]|-[a-z])`,
  'gi',
)

const NUMBER_WORD = new RegExp(
  String.raw`\b(?<word>${byLengthDesc(NUMBER_WORDS.keys())}|one(?=\s*$))\b(?:[\s-]?(?<unit>stars?|percent|hours?|days?|weeks?|months?|minutes?))?`,
  'gi',
)

const MONTHS = String.raw`jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

/** Words after which a number is a name, not an amount (SOC 2, tier 1, version 3). */
const NAMING_WORD = new RegExp(
  String.raw`\b(?:tier|phase|level|step|version|release|sprint|round|priority|severity|sev|wave|gen|generation|chapter|number|no\.?|soc|iso|wcag|pci|type|web|section|article|gdpr|ipv|python|node|es|iphone|windows)\s*$`,
  'i',
)
/** Words after which a bare four-digit number is a year. */
const YEAR_CONTEXT = new RegExp(
  String.raw`\b(?:in|by|for|since|of|during|until|till|before|after|end|fy|q[1-4]|h[12]|${MONTHS})\s*,?\s*$`,
  'i',
)
/** A year named by what follows it: "the 2027 roadmap", "2026 budget". */
const YEAR_NOUN_AFTER =
  /^\s+(?:roadmap|plan|planning|budget|strategy|season|cohort|edition|release|okrs?|goals?|targets?|kick-?off|offsite|conference|report)\b/i
/**
 * The word before a bare number, when it names a product or a version line rather than a
 * metric: "Postgres 16", "React 19", "iPhone 15", "Kubernetes 1.29". A capital inside the
 * sentence marks a name; the sentence's first word is only capitalised by position (and a
 * leading verb counts: "Hire 5 engineers"), and in Title Case Notes every word is, so neither
 * counts. Function words are never names ("Users To 500").
 */
const NAME_BEFORE = /(?<=^|\s)(?<word>(?:[A-Z][a-z]+|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*))\s+$/
const NOT_NAMES = new Set(
  'to from by of at in on for under over above below than with and or per each every the a an is are reach hit get grow cut raise keep our all new top'.split(
    ' ',
  ),
)
/** Title Case Notes: most longer words after the first are capitalised, names or not. */
const isTitleCase = (text: string): boolean => {
  const long = (text.match(/\b[a-z][a-z']*\b/gi) ?? []).slice(1).filter((w) => w.length > 3)
  return long.length >= 3 && long.filter((w) => /^[A-Z]/.test(w)).length / long.length >= 0.6
}
const isProductName = (text: string, index: number): boolean => {
  const match = NAME_BEFORE.exec(text.slice(0, index))
  const word = match?.groups?.['word']
  if (match === null || word === undefined) return false
  if (match.index === 0 || NOT_NAMES.has(word.toLowerCase())) return false
  return !isTitleCase(text)
}

const MONTH_BEFORE = new RegExp(String.raw`\b(?:${MONTHS})\.?\s*$`, 'i')
const MONTH_AFTER = new RegExp(String.raw`^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:${MONTHS})\b`, 'i')

const unitOf = (
  word: string | undefined,
  pre: string | undefined,
): Omit<Quantity, 'value' | 'high' | 'orMore' | 'sign' | 'index' | 'end'> => {
  const none = { unit: null, seconds: null, points: false, factor: false }
  const currency = CURRENCY_CODES.get((pre ?? '').toLowerCase())
  const spelled = (word ?? '').toLowerCase().replace(/\s+/g, ' ')
  const currencyAfter = CURRENCY_CODES.get(spelled)
  if (currency !== undefined || currencyAfter !== undefined) {
    return { ...none, unit: { kind: 'currency', code: currency ?? currencyAfter ?? 'USD' } }
  }
  if (spelled === '') return none
  if (['%', 'percent', 'per cent', 'pct'].includes(spelled)) {
    return { ...none, unit: { kind: 'percent' } }
  }
  if (['percentage points', 'percentage point', 'pp', 'p.p.'].includes(spelled)) {
    return { ...none, unit: { kind: 'percent' }, points: true }
  }
  if (['pts', 'points', 'point'].includes(spelled)) {
    return { ...none, unit: { kind: 'text', label: 'points' } }
  }
  if (spelled === 'x') return { ...none, factor: true }
  if (spelled.startsWith('star')) return { ...none, unit: { kind: 'text', label: 'stars' } }
  const time = TIME_UNITS.get(spelled) ?? TIME_UNITS.get(spelled.replace(/s$/, ''))
  if (time !== undefined) {
    return { ...none, unit: { kind: 'text', label: time.label }, seconds: time.seconds }
  }
  return none
}

const toNumber = (digits: string): number => Number(digits.replace(/,/g, ''))

const isName = (text: string, index: number, match: RegExpExecArray): boolean => {
  const before = text.slice(Math.max(0, index - 24), index)
  const after = text.slice(match.index + match[0].length, match.index + match[0].length + 24)
  const groups = match.groups ?? {}
  const bare =
    groups['unit'] === undefined && groups['mult'] === undefined && groups['pre'] === undefined
  const digits = groups['num'] ?? ''
  if (NAMING_WORD.test(before)) return true
  const plain = bare && groups['high'] === undefined && groups['plus'] === undefined
  // Versions and models: "Migrate to Postgres 16" names the release, it sets no target.
  if (plain && groups['sign'] === undefined && isProductName(text, index)) return true
  // Planning years only: "grow signups by 2000" is a lift, "by 2030" a deadline.
  if (
    bare &&
    /^20[1-5]\d$/.test(digits) &&
    (YEAR_CONTEXT.test(before) || YEAR_NOUN_AFTER.test(after))
  )
    return true
  if (bare && /^\d{1,2}$/.test(digits) && (MONTH_BEFORE.test(before) || MONTH_AFTER.test(after)))
    return true
  return false
}

/**
 * `value × multiplier` without binary rounding: "522.2k" is 522200, not 522200.00000000006.
 * Shifting the decimal exponent of the written number lets `Number` round once, correctly.
 */
function scale(value: number, multiplier: number): number {
  if (multiplier === 1) return value
  const shifted = Number(`${value}e${Math.round(Math.log10(multiplier))}`)
  return Number.isNaN(shifted) ? value * multiplier : shifted
}

/**
 * Every amount in `text`, in reading order.
 *
 * @example
 * scanQuantities('Grow MRR from $40k to $48k').map((q) => q.value) // [40000, 48000]
 */
export function scanQuantities(text: string): Quantity[] {
  const found: Quantity[] = []
  for (const match of text.matchAll(QUANTITY)) {
    const groups = match.groups ?? {}
    const digits = groups['num']
    if (digits === undefined) continue
    if (isName(text, match.index, match)) continue
    const multiplierWord = (groups['mult'] ?? '').trim().toLowerCase()
    const multiplier = MULTIPLIERS.get(multiplierWord) ?? 1
    const value = scale(toNumber(digits), multiplier)
    const highDigits = groups['high']
    const high = highDigits === undefined ? null : scale(toNumber(highDigits), multiplier)
    if (!Number.isFinite(value) || (high !== null && !Number.isFinite(high))) continue
    const sign = groups['sign'] === '+' || groups['sign'] === '-' ? groups['sign'] : null
    found.push({
      value,
      high,
      ...unitOf(groups['unit'], groups['pre']),
      orMore: groups['plus'] !== undefined,
      sign,
      index: match.index,
      end: match.index + match[0].length,
    })
  }
  for (const match of text.matchAll(NUMBER_WORD)) {
    const word = (match.groups?.['word'] ?? '').toLowerCase()
    const value = word === 'one' ? 1 : NUMBER_WORDS.get(word)
    if (value === undefined) continue
    const end = match.index + match[0].length
    if (found.some((q) => q.index < end && match.index < q.end)) continue
    found.push({
      value,
      high: null,
      ...unitOf(match.groups?.['unit'], undefined),
      orMore: false,
      sign: null,
      index: match.index,
      end,
    })
  }
  return found.sort((a, b) => a.index - b.index)
}

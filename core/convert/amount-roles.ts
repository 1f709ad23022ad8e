/**
 * What each amount in a key result's text is for — start, target, lift, comparator, rate or
 * timebox — and which two amounts form a start → target pair (docs/conversion.md, "Roles").
 */
import type { Quantity } from './quantities'

export type Role =
  | 'from'
  | 'to'
  | 'at-most'
  | 'at-least'
  | 'of'
  | 'top'
  | 'selection'
  | 'by'
  | 'add'
  | 'lift-up'
  | 'lift-down'
  | 'per'
  | 'timebox'
  | 'within'
  | 'plain'

/** An amount and what the words around it make of it. */
export interface Read {
  readonly q: Quantity
  readonly role: Role
}

const ROLE_BEFORE: readonly (readonly [Role, RegExp])[] = [
  ['per', /(?:\b(?:per|each|every|out\s+of|for\s+every|in\s+every)|\/)\s*$/i],
  ['within', /\bwithin\s*(?:the\s+)?(?:first\s+|next\s+)?$/i],
  [
    'from',
    /\bfrom\s*(?:an?\s+|the\s+)?(?:average\s+(?:of\s+)?|avg\.?\s+|current\s+|today'?s\s+)?$/i,
  ],
  [
    'at-most',
    /(?:\b(?:under|below|beneath|less\s+than|fewer\s+than|lower\s+than|shorter\s+than|at\s+most|no\s+more\s+than|not\s+more\s+than|max(?:imum)?(?:\s+of)?|up\s+to|sub)|<=?)\s*(?:an?\s+)?$/i,
  ],
  [
    'at-least',
    /(?:\b(?:over|above|more\s+than|at\s+least|min(?:imum)?(?:\s+of)?|greater\s+than|higher\s+than|beyond|exceed(?:s|ing)?|north\s+of|no\s+less\s+than|no\s+fewer\s+than)|>=?)\s*(?:an?\s+)?$/i,
  ],
  [
    'add',
    /\b(?:add|adds|adding|added|gain|gains|gaining|another|additional|extra)\s*(?:an?\s+)?(?:additional\s+|extra\s+|further\s+)?$/i,
  ],
  ['by', /\bby\s*(?:an?\s+)?(?:additional\s+|extra\s+|further\s+|another\s+)?$/i],
  // "rank in the top 3" is a target; "refresh the top 20 posts" only picks things out.
  ['top', /\b(?:rank\w*|be|stay|get|reach|land|remain|into|in|among)\s+(?:the\s+)?top\s*$/i],
  ['selection', /\btop\s*$/i],
  [
    'timebox',
    /\b(?:in|over|for|after|during)\s*(?:the\s+|their\s+|our\s+|its\s+)?(?:next\s+|first\s+|last\s+|coming\s+)?$/i,
  ],
  ['to', /\bto\s*(?:an?\s+|the\s+)?(?:average\s+(?:of\s+)?|avg\.?\s+|overall\s+)?$/i],
  ['of', /\b(?:of|at|is|hits?|reach(?:es)?)\s*(?:an?\s+)?$/i],
]

const LIFT_UP_AFTER =
  /^\s*(?:increase|growth|uplift|lift|improvement|rise|gain|boost|more|higher|jump|bump)\b/i
const LIFT_DOWN_AFTER = /^\s*(?:reduction|decrease|drop|decline|cut|fewer|less|lower|smaller)\b/i

/**
 * What an amount is for, read from the words just before it (or, for lifts, just after).
 *
 * @example
 * const [q] = scanQuantities('Cut churn to under 3%')
 * roleOf('Cut churn to under 3%', q) // 'at-most'
 */
export function roleOf(text: string, q: Quantity): Role {
  const before = text.slice(Math.max(0, q.index - 40), q.index)
  const after = text.slice(q.end, q.end + 24)
  for (const [role, pattern] of ROLE_BEFORE) {
    if (!pattern.test(before)) continue
    if (role === 'timebox' && q.seconds === null) continue
    return role
  }
  // "a 10% increase in sign-ups", "300 more customers"
  if (LIFT_UP_AFTER.test(after)) return 'lift-up'
  if (LIFT_DOWN_AFTER.test(after)) return 'lift-down'
  return 'plain'
}

export const TARGET_ROLES: readonly Role[] = ['at-most', 'at-least', 'to', 'of', 'top']
/** Amounts that qualify the metric rather than measure it. */
export const IGNORED_ROLES: readonly Role[] = ['per', 'selection']

const REVERSED_PAIR =
  /^\s*,?\s*(?:instead\s+of|rather\s+than|(?:down|up)\s+from|vs\.?|versus|compared\s+(?:to|with))\s*$/i

/**
 * A start → target pair: explicit "from A to B", "A to B" when A is not itself a target, or the
 * target first: "2 days instead of 10", "3%, down from 5%". Returned as [start, target].
 *
 * @example
 * findPair(text, reads) // for 'Refunds in 2 days instead of 10': [the 10, the 2 days]
 */
export function findPair(text: string, reads: readonly Read[]): readonly [Read, Read] | null {
  for (let i = 0; i + 1 < reads.length; i++) {
    const a = reads[i]
    const b = reads[i + 1]
    if (a === undefined || b === undefined) continue
    const between = text.slice(a.q.end, b.q.index)
    if (REVERSED_PAIR.test(between) && ![a.role, b.role].some((r) => IGNORED_ROLES.includes(r)))
      return [b, a]
    const fromA = a.role === 'from'
    const linked = fromA
      ? /^\s*(?:[a-z%$€£]+\s+){0,3}to\s*(?:an?\s+)?$/i.test(between) ||
        /^\s*(?:down|up)\s+to\s*$/i.test(between)
      : /^\s*to\s*$/i.test(between) && (a.role === 'plain' || a.role === 'of')
    if (linked && ![...IGNORED_ROLES, 'timebox', 'within'].includes(b.role)) return [a, b]
  }
  return null
}

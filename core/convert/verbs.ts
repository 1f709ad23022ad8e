/**
 * Finding the verbs of a key result: the word that gives its direction, and the dictionary form
 * of a leading verb ("Shipping" → "ship") so the word lists need only one form.
 */
import type { Direction } from '../okr/okr-model'
import { BETTER_WORDS, DECREASE_WORDS, GOAL_VERBS, INCREASE_WORDS, TASK_VERBS } from './lexicon'

/** Every list a leading verb may come from. */
export const VERB_SETS = [INCREASE_WORDS, DECREASE_WORDS, BETTER_WORDS, GOAL_VERBS, TASK_VERBS]

const WORD = /[a-z][a-z'-]*/gi

/**
 * The dictionary form of a verb as written, if it is in `among`.
 *
 * @example
 * baseForm('Shipping', TASK_VERBS) // 'ship'
 * baseForm('increases', INCREASE_WORDS) // 'increase'
 */
export function baseForm(word: string, among: ReadonlySet<string>): string | null {
  const w = word.toLowerCase().replace(/'s$/, '')
  const candidates = [w]
  if (w.endsWith('ing')) {
    const stem = w.slice(0, -3)
    candidates.push(stem, `${stem}e`)
    if (/(.)\1$/.test(stem)) candidates.push(stem.slice(0, -1))
  }
  if (w.endsWith('ed')) candidates.push(w.slice(0, -2), w.slice(0, -1))
  if (w.endsWith('es')) candidates.push(w.slice(0, -2))
  if (w.endsWith('s')) candidates.push(w.slice(0, -1))
  return candidates.find((c) => among.has(c)) ?? null
}

/** A word that says which way the number should go (or only that it should get better). */
export interface VerbHit {
  readonly direction: Direction | null
  readonly better: boolean
  readonly index: number
  readonly end: number
}

/**
 * The first word that states a direction or "better", in reading order.
 *
 * @example
 * findVerb('Shipping the portal increases scores')?.direction // 'increase'
 */
export function findVerb(text: string): VerbHit | null {
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    const end = match.index + word.length
    if (baseForm(word, INCREASE_WORDS) !== null) {
      // "up" and "more" alone are too common to be a verb unless a phrase makes them one.
      if (
        /^(?:up|more)$/i.test(word) &&
        !/\b(?:bring|drive|push|scale|ramp|step)\s+\S*\s*$/i.test(text.slice(0, match.index))
      )
        continue
      return { direction: 'increase', better: false, index: match.index, end }
    }
    if (baseForm(word, DECREASE_WORDS) !== null) {
      if (
        /^(?:down|less)$/i.test(word) &&
        !/\b(?:bring|drive|push|cut|get|keep|go)\b/i.test(text.slice(0, match.index))
      )
        continue
      return { direction: 'decrease', better: false, index: match.index, end }
    }
    if (baseForm(word, BETTER_WORDS) !== null) {
      return { direction: null, better: true, index: match.index, end }
    }
  }
  return null
}

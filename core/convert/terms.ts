/**
 * Turns a note's text into the stemmed content words that grouping compares. Stop words include
 * the OKR boilerplate every note shares ("increase", "reduce", "per quarter"), which says nothing
 * about a note's theme and would otherwise pull unrelated notes together.
 */
import { stemmer } from 'stemmer'
import { BETTER_WORDS, DECREASE_WORDS, INCREASE_WORDS, NEUTRAL_VERBS } from './lexicon'

const ENGLISH = `a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each else even
ever every few for from further get gets got had has have having he her here hers him his how i
if in into is it its itself just keep keeps let lets like make many may me might more most much
must my need needs no nor not now of off often on once one only or other our ours out over own
per same she should so some such than that the their them then there these they this those
through to too under until up us very via was we were what when where which while who whom why
will with within without would yet you your`

const OKR_BOILERPLATE = `quarter quarters month monthly week weekly year yearly annual day days daily
hour hours minute minutes second seconds q1 q2 q3 q4 h1 h2 target targets goal goals kr krs okr okrs
objective objectives result results key number percent new first top times least less fewer
better best good great lot lots too often`

/** Verbs of doing that every kind of task note starts with; they name no theme. */
const GENERIC_VERBS = `ship launch write build create run implement introduce design develop set roll
deploy release start kick fix add enable give send offer finish complete need needs gets keeps
see sees know use using`

const STOP_WORDS: ReadonlySet<string> = new Set([
  ...ENGLISH.split(/\s+/),
  ...OKR_BOILERPLATE.split(/\s+/),
  ...GENERIC_VERBS.split(/\s+/),
  ...INCREASE_WORDS,
  ...DECREASE_WORDS,
  ...BETTER_WORDS,
  ...NEUTRAL_VERBS,
])

/** One content word as written and as stemmed, in reading order. */
export interface Term {
  readonly word: string
  readonly stem: string
}

/**
 * The content words of `text`: lower-cased, hyphens joined ("sign-ups" → "signups"), numbers,
 * stop words and direction verbs dropped, then Porter-stemmed.
 *
 * @example
 * terms('Reduce churn of new accounts').map((t) => t.stem) // ['churn', 'account']
 */
export function terms(text: string): Term[] {
  const words = (typeof text === 'string' ? text : '')
    .toLowerCase()
    .replace(/(\p{L})[-'’](?=\p{L})/gu, '$1')
    .split(/[^\p{L}]+/u)
  const out: Term[] = []
  for (const word of words) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue
    const stem = stemmer(word)
    if (STOP_WORDS.has(stem)) continue
    out.push({ word, stem })
  }
  return out
}

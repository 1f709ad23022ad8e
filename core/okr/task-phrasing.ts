/**
 * Whether a title names a task (something done: "Launch the app") rather than an outcome
 * (something changed: "Reach 1000 followers"), by the verb it starts with in any inflection.
 * The OKR checklist (lint.ts) warns on key results phrased as tasks.
 */

/**
 * Verbs that name an output (something done) rather than an outcome (something changed).
 * "Add" and "grow" are left out: "add 500 customers" is a measurable outcome.
 */
export const TASK_VERBS: readonly string[] = [
  'ship',
  'launch',
  'write',
  'build',
  'create',
  'implement',
  'develop',
  'design',
  'redesign',
  'deliver',
  'release',
  'publish',
  'complete',
  'finish',
  'migrate',
  'introduce',
  'organize',
  'organise',
  'host',
  'conduct',
  'prepare',
  'draft',
  'rebuild',
  'rewrite',
  'set up',
  'roll out',
]

const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  write: ['wrote', 'written'],
  rewrite: ['rewrote', 'rewritten'],
  build: ['built'],
  rebuild: ['rebuilt'],
  hold: ['held'],
  set: ['set'],
}

/** The inflections of a verb that a title might start with: ship, ships, shipped… */
function inflections(verb: string): string[] {
  // No -ing forms: a leading gerund is usually a noun ("Shipping cost below $4").
  const forms = [verb, `${verb}s`, `${verb}es`, `${verb}ed`, `${verb}d`]
  const last = verb[verb.length - 1] ?? ''
  if (
    /[bdgmnprt]/.test(last) &&
    /[aeiou][bdgmnprt]$/.test(verb) &&
    !/[aeiou]{2}/.test(verb.slice(-3))
  ) {
    forms.push(`${verb}${last}ed`)
  }
  return [...forms, ...(IRREGULAR[verb] ?? [])]
}

function phraseForms(phrase: string): string[] {
  const [head, ...rest] = phrase.split(' ')
  const tail = rest.length ? ` ${rest.join(' ')}` : ''
  return inflections(head ?? '').map((form) => `${form}${tail}`)
}

// Inflected forms per verb list, built once: linting 10k key results should not rebuild them.
const formsCache = new WeakMap<readonly string[], ReadonlyMap<string, string>>()

function formsOf(verbs: readonly string[]): ReadonlyMap<string, string> {
  let forms = formsCache.get(verbs)
  if (!forms) {
    const map = new Map<string, string>()
    for (const verb of verbs)
      for (const form of phraseForms(verb)) if (!map.has(form)) map.set(form, verb)
    forms = map
    formsCache.set(verbs, forms)
  }
  return forms
}

/**
 * The task verb a title starts with (after "we will", "to", a "KR1:" label…), or null.
 *
 * @example
 * taskVerbOf('KR2: Launch the mobile app') // 'launch'
 * taskVerbOf('Reach 1000 followers') // null
 */
export function taskVerbOf(title: string, verbs: readonly string[] = TASK_VERBS): string | null {
  const words = title
    .toLowerCase()
    .replace(/^\s*(kr\s*\d*\s*[:.)-]|\d+\s*[.):-])\s*/, '')
    .replace(/^\s*(we\s+will|we'll|will|to)\s+/, '')
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .trim()
    .split(/\s+/)
  const forms = formsOf(verbs)
  // Two-word phrases ("set up") first, so "set" alone never shadows them.
  return forms.get(words.slice(0, 2).join(' ')) ?? forms.get(words[0] ?? '') ?? null
}

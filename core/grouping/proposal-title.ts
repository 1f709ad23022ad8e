/**
 * Names a grouping proposal the way a facilitator would write it on the frame: an objective
 * ("Reduce churn", "Cut cloud costs"), not a list of stems. A theme most of the notes share gives
 * its objective; otherwise the most representative note, cut to its verb and object ("Grow premium
 * subscriptions to 20k" → "Grow premium subscriptions").
 */
import { CONCEPT_PREFIX } from './concepts'

/** What each theme's group is for, as an objective. */
const THEME_TITLES: Readonly<Record<string, string>> = {
  retention: 'Reduce churn',
  acquisition: 'Grow sign-ups',
  reliability: 'Keep the service up',
  performance: 'Make it faster',
  data: 'Get the database in shape',
  cloud: 'Run lean in the cloud',
  costs: 'Cut costs',
  support: 'Help customers faster',
  people: 'Build a great team',
  revenue: 'Grow revenue',
  security: 'Tighten security',
  quality: 'Raise code quality',
  product: 'Get the product used',
  logistics: 'Deliver faster',
  payments: 'Make paying effortless',
}

/** Two themes that together say more than either ("cloud" and "costs"). */
const PAIR_TITLES: Readonly<Record<string, string>> = {
  'cloud+costs': 'Cut cloud costs',
  'performance+data': 'Speed up the database',
}

/** A theme names the group when at least this share of its notes carry it. */
const THEME_SHARE = 0.5
/** A title cut from a note keeps at most this many words, and this many characters. */
const PHRASE_WORDS = 5
const PHRASE_CHARS = 60

/** Words after which a note stops being its verb and object: amounts, conditions, reasons. */
const PHRASE_END = new Set(
  `by from to within under above below over in on at for so because since when after before per
  than instead while without via across until among and or but with of`.split(/\s+/),
)
/** Words a phrase never ends on. */
const DANGLING = new Set(['the', 'a', 'an', 'our', 'their', 'its', 'every', 'all', 'each'])

export interface TitledNote {
  readonly text: string
  /** The theme tags of the note (with CONCEPT_PREFIX). */
  readonly tags: ReadonlySet<string>
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** The themes carried by at least THEME_SHARE of the notes, most shared first (then by name). */
const sharedThemes = (notes: readonly TitledNote[]): string[] => {
  const count = new Map<string, number>()
  for (const note of notes) {
    for (const tag of note.tags) {
      const theme = tag.slice(CONCEPT_PREFIX.length)
      if (THEME_TITLES[theme] !== undefined) count.set(theme, (count.get(theme) ?? 0) + 1)
    }
  }
  return [...count.entries()]
    .filter(([, n]) => n >= THEME_SHARE * notes.length)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([theme]) => theme)
}

/**
 * A note's leading verb and object: the words before its first amount, condition or reason,
 * at most PHRASE_WORDS, without a dangling article. Null when nothing readable is left.
 *
 * @example
 * notePhrase('Grow premium subscriptions to 20k') // 'Grow premium subscriptions'
 */
export function notePhrase(text: string): string | null {
  const words = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
  const kept: string[] = []
  for (const raw of words) {
    const word = raw.replace(/[.,;:!?)"“”]+$/u, '')
    const lower = word.toLowerCase()
    if (kept.length > 0 && (PHRASE_END.has(lower) || /\d/.test(word))) break
    if (/\d/.test(word) || word === '') break
    kept.push(word)
    if (kept.length >= PHRASE_WORDS || word !== raw) break
  }
  while (kept.length > 0 && DANGLING.has((kept[kept.length - 1] ?? '').toLowerCase())) kept.pop()
  if (kept.length === 0) return null
  const phrase = kept.join(' ')
  // A "word" may be a pasted URL or a run of letters: a title is a line on a frame.
  const cut =
    phrase.length <= PHRASE_CHARS ? phrase : `${phrase.slice(0, PHRASE_CHARS - 1).trimEnd()}…`
  return capitalise(cut)
}

/**
 * The proposal's title. `representative` is the index of the note most like the others; titles
 * in `taken` (given to better proposals) are not reused, so two proposals never read the same.
 */
export function proposalTitle(
  notes: readonly TitledNote[],
  representative: number,
  taken: ReadonlySet<string>,
): string {
  const themes = sharedThemes(notes)
  const candidates: string[] = []
  const [first, second] = themes
  if (first !== undefined && second !== undefined) {
    const pair = PAIR_TITLES[`${first}+${second}`] ?? PAIR_TITLES[`${second}+${first}`]
    if (pair !== undefined) candidates.push(pair)
  }
  for (const theme of themes) candidates.push(THEME_TITLES[theme] ?? '')
  const order = [representative, ...notes.keys()].filter((i, k, all) => all.indexOf(i) === k)
  for (const i of order) candidates.push(notePhrase(notes[i]?.text ?? '') ?? '')
  const free = candidates.find((c) => c !== '' && !taken.has(c))
  if (free !== undefined) return free
  // Every candidate is taken: number the representative's phrase so titles stay apart.
  const base = candidates.find((c) => c !== '') ?? 'Group'
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`
}

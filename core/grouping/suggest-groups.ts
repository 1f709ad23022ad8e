/**
 * Proposes groups of sticky notes by text similarity: TF-IDF vectors over stemmed content words
 * and theme tags, cosine similarity, then average-linkage agglomerative clustering cut at a
 * threshold. Measured in docs/conversion.md. Pure and
 * deterministic: the same notes give the same proposals in any input order. Proposals are only
 * data; a facilitator applies one through a board command.
 */
import type { GroupSuggestion, SuggestGroupsOptions } from '../convert/drafts'
import { CONCEPT_PREFIX, concepts } from './concepts'
import { terms } from '../convert/terms'

/** What suggestGroups needs of a note; board `Note`s fit as they are. */
export interface GroupableNote {
  readonly id: string
  readonly text: string
  readonly groupId?: string | null
}

export const DEFAULT_GROUPING_THRESHOLD = 0.15
/**
 * A theme tag counts as if written twice: notes are so short that one shared tag must be able to
 * outweigh a shared incidental word. Chosen on the 60-note board, checked on the held-out one.
 */
const CONCEPT_COUNT = 2
const TITLE_TERMS = 3

type Vector = ReadonlyMap<string, number>

interface Prepared {
  readonly ids: readonly string[]
  readonly vectors: readonly Vector[]
  /** Per note: how often each stem was written in each surface form, for readable titles. */
  readonly surface: ReadonlyMap<string, ReadonlyMap<string, number>>
}

const validNumber = (value: unknown, fallback: number, min: number, max: number): number =>
  typeof value === 'number' && Number.isFinite(value)
    ? Math.min(max, Math.max(min, value))
    : fallback

/** Unique notes in id order, with their TF-IDF vectors (L2-normalised). Notes with no content word are dropped. */
const prepare = (
  notes: readonly GroupableNote[],
  includeGrouped: boolean,
  thesaurus: boolean,
): Prepared => {
  const byId = new Map<string, GroupableNote>()
  for (const note of Array.isArray(notes) ? notes : []) {
    if (note === null || typeof note !== 'object' || typeof note.id !== 'string') continue
    if (!includeGrouped && typeof note.groupId === 'string') continue
    if (!byId.has(note.id)) byId.set(note.id, note)
  }
  const ids: string[] = []
  const counts: Map<string, number>[] = []
  const surface = new Map<string, Map<string, number>>()
  for (const id of [...byId.keys()].sort()) {
    const found = terms(byId.get(id)?.text ?? '')
    if (found.length === 0) continue
    const tf = new Map<string, number>()
    for (const { word, stem } of found) {
      tf.set(stem, (tf.get(stem) ?? 0) + 1)
      const forms = surface.get(stem) ?? new Map<string, number>()
      forms.set(word, (forms.get(word) ?? 0) + 1)
      surface.set(stem, forms)
    }
    if (thesaurus) for (const tag of concepts([...tf.keys()])) tf.set(tag, CONCEPT_COUNT)
    ids.push(id)
    counts.push(tf)
  }
  const df = new Map<string, number>()
  for (const tf of counts) for (const stem of tf.keys()) df.set(stem, (df.get(stem) ?? 0) + 1)
  const n = counts.length
  const vectors = counts.map((tf) => {
    const weighted = new Map<string, number>()
    let norm = 0
    for (const [stem, count] of tf) {
      // Smoothed IDF as in scikit-learn: a word in every note still weighs a little.
      const weight = (1 + Math.log(count)) * (Math.log((1 + n) / (1 + (df.get(stem) ?? 0))) + 1)
      weighted.set(stem, weight)
      norm += weight * weight
    }
    const length = Math.sqrt(norm)
    for (const [stem, weight] of weighted) weighted.set(stem, weight / length)
    return weighted
  })
  return { ids, vectors, surface }
}

const cosine = (a: Vector, b: Vector): number => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let sum = 0
  for (const [stem, weight] of small) sum += weight * (large.get(stem) ?? 0)
  return sum
}

/**
 * Average-linkage agglomeration: repeatedly merge the two clusters whose mean pairwise
 * similarity is highest, while it is at least `threshold`. Ties go to the pair whose smallest
 * note ids sort first, so the result does not depend on input order.
 */
const agglomerate = (similarity: readonly (readonly number[])[], threshold: number): number[][] => {
  const n = similarity.length
  const clusters: (number[] | null)[] = similarity.map((_, i) => [i])
  // Lance–Williams: the average linkage of a merged cluster is the size-weighted mean of its parts'.
  const link = new Float64Array(n * n)
  similarity.forEach((row, i) => row.forEach((value, j) => (link[i * n + j] = value)))
  // Each row's best partner among later clusters, so a merge costs O(n), not O(n²), to find.
  const bestJ = new Int32Array(n).fill(-1)
  const bestValue = new Float64Array(n).fill(-Infinity)
  const refresh = (i: number): void => {
    bestJ[i] = -1
    bestValue[i] = -Infinity
    for (let j = i + 1; j < n; j++) {
      const value = link[i * n + j] ?? 0
      if (clusters[j] !== null && value > (bestValue[i] ?? -Infinity)) {
        bestJ[i] = j
        bestValue[i] = value
      }
    }
  }
  for (let i = 0; i < n; i++) refresh(i)
  for (;;) {
    let bi = -1
    for (let i = 0; i < n; i++) {
      if (
        clusters[i] !== null &&
        bestJ[i] !== -1 &&
        (bi < 0 || (bestValue[i] ?? 0) > (bestValue[bi] ?? 0))
      )
        bi = i
    }
    if (bi < 0 || (bestValue[bi] ?? 0) < threshold) break
    const bj = bestJ[bi] ?? -1
    const a = clusters[bi] ?? []
    const b = clusters[bj] ?? []
    for (let k = 0; k < n; k++) {
      if (clusters[k] === null || k === bi || k === bj) continue
      const merged =
        (a.length * (link[bi * n + k] ?? 0) + b.length * (link[bj * n + k] ?? 0)) /
        (a.length + b.length)
      link[bi * n + k] = merged
      link[k * n + bi] = merged
    }
    clusters[bi] = [...a, ...b].sort((x, y) => x - y)
    clusters[bj] = null
    refresh(bi)
    for (let i = 0; i < bj; i++) {
      if (clusters[i] === null || i === bi) continue
      if (bestJ[i] === bj || bestJ[i] === bi) refresh(i)
      else if (i < bi) {
        const value = link[i * n + bi] ?? 0
        const current = bestValue[i] ?? -Infinity
        if (value > current || (value === current && bi < (bestJ[i] ?? n))) {
          bestJ[i] = bi
          bestValue[i] = value
        }
      }
    }
  }
  return clusters.filter((c): c is number[] => c !== null)
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** The cluster's heaviest stems, each shown in its most common written form. */
const titleOf = (members: readonly number[], prepared: Prepared): string => {
  const weight = new Map<string, number>()
  for (const m of members) {
    for (const [stem, w] of prepared.vectors[m] ?? new Map<string, number>()) {
      if (stem.startsWith(CONCEPT_PREFIX)) continue
      weight.set(stem, (weight.get(stem) ?? 0) + w)
    }
  }
  const top = [...weight.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, TITLE_TERMS)
  const words = top.map(([stem]) => {
    const forms = [...(prepared.surface.get(stem) ?? new Map<string, number>()).entries()]
    forms.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    return forms[0]?.[0] ?? stem
  })
  return capitalise(words.join(', '))
}

/**
 * Proposes groups of similar notes. Never mutates its input and never throws; notes already in
 * a group are left out unless `includeGrouped`. Proposals come best first (highest cohesion, then
 * smallest first note id).
 *
 * @example
 * suggestGroups([
 *   { id: 'a', text: 'Reduce churn of new accounts' },
 *   { id: 'b', text: 'Churn interviews with cancelled accounts' },
 *   { id: 'c', text: 'Hire two designers' },
 * ])
 * // → [{ noteIds: ['a', 'b'], title: 'Accounts, churn, …', score: 0.5… }]
 */
export function suggestGroups(
  notes: readonly GroupableNote[],
  options: SuggestGroupsOptions = {},
): GroupSuggestion[] {
  const threshold = validNumber(options.threshold, DEFAULT_GROUPING_THRESHOLD, 0, 1)
  const minSize = Math.round(validNumber(options.minSize, 2, 2, Number.MAX_SAFE_INTEGER))
  const prepared = prepare(notes, options.includeGrouped === true, options.thesaurus !== false)
  const { vectors } = prepared
  const similarity = vectors.map((a, i) =>
    vectors.map((b, j) => (i === j ? 1 : j < i ? 0 : cosine(a, b))),
  )
  for (let i = 0; i < vectors.length; i++) {
    for (let j = 0; j < i; j++) {
      const row = similarity[i]
      if (row !== undefined) row[j] = similarity[j]?.[i] ?? 0
    }
  }
  const suggestions = agglomerate(similarity, threshold)
    .filter((members) => members.length >= minSize)
    .map((members) => {
      let sum = 0
      let pairs = 0
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          sum += similarity[members[x] ?? 0]?.[members[y] ?? 0] ?? 0
          pairs++
        }
      }
      return {
        noteIds: members.map((m) => prepared.ids[m] ?? ''),
        title: titleOf(members, prepared),
        score: Math.round((pairs === 0 ? 0 : sum / pairs) * 1e6) / 1e6,
      }
    })
  return suggestions.sort(
    (a, b) => b.score - a.score || ((a.noteIds[0] ?? '') < (b.noteIds[0] ?? '') ? -1 : 1),
  )
}

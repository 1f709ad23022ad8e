/**
 * Proposes groups of sticky notes by text similarity: TF-IDF vectors over stemmed content words
 * and theme tags, cosine similarity, then average-linkage agglomerative clustering cut at a
 * threshold. Measured in docs/conversion.md. Pure and
 * deterministic: the same notes give the same proposals in any input order. Proposals are only
 * data; a facilitator applies one through a board command.
 */
import type { GroupSuggestion, SuggestGroupsOptions } from '../convert/drafts'
import { CONCEPT_PREFIX, conceptTags, joinCompounds } from './concepts'
import { terms } from '../convert/terms'
import { proposalTitle, type TitledNote } from './proposal-title'

/** What suggestGroups needs of a note; board `Note`s fit as they are. */
export interface GroupableNote {
  readonly id: string
  readonly text: string
  readonly groupId?: string | null
}

export const DEFAULT_GROUPING_THRESHOLD = 0.15
/**
 * A note left out of every cluster joins the one it is most similar to on average when that is
 * at least this: close enough to belong, too far to have been merged. Chosen on the 60-note board.
 */
const ATTACH_THRESHOLD = 0.1

type Vector = ReadonlyMap<string, number>

interface Prepared {
  readonly ids: readonly string[]
  readonly vectors: readonly Vector[]
  /** Per note, as written: titles are cut from it. */
  readonly texts: readonly string[]
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
  const texts: string[] = []
  for (const id of [...byId.keys()].sort()) {
    const text = byId.get(id)?.text
    const found = terms(joinCompounds(text))
    if (found.length === 0) continue
    const tf = new Map<string, number>()
    for (const { stem } of found) tf.set(stem, (tf.get(stem) ?? 0) + 1)
    if (thesaurus) for (const { tag, weight } of conceptTags([...tf.keys()])) tf.set(tag, weight)
    ids.push(id)
    texts.push(typeof text === 'string' ? text : '')
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
  return { ids, vectors, texts }
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

/**
 * Clusters of at least `minSize`, each note left over (in a smaller cluster) added to the one
 * it is most similar to on average when that reaches ATTACH_THRESHOLD. Averages are taken
 * against the clusters as agglomeration left them, so the order leftovers come in never matters.
 */
const attachLeftovers = (
  clusters: readonly number[][],
  similarity: readonly (readonly number[])[],
  minSize: number,
): number[][] => {
  const kept = clusters.filter((members) => members.length >= minSize)
  const grown = kept.map((members) => [...members])
  for (const small of clusters) {
    if (small.length >= minSize) continue
    for (const note of small) {
      let best = -1
      let bestValue = ATTACH_THRESHOLD
      kept.forEach((members, k) => {
        const row = similarity[note] ?? []
        const mean = members.reduce((sum, m) => sum + (row[m] ?? 0), 0) / members.length
        if (mean >= bestValue && (mean > bestValue || best < 0)) {
          best = k
          bestValue = mean
        }
      })
      if (best >= 0) grown[best]?.push(note)
    }
  }
  return grown.map((members) => members.sort((x, y) => x - y))
}

/** The members as proposalTitle reads them, and which of them is most like the others. */
const titleInput = (
  members: readonly number[],
  prepared: Prepared,
  similarity: readonly (readonly number[])[],
): { notes: TitledNote[]; representative: number } => {
  let representative = 0
  let best = -Infinity
  members.forEach((m, k) => {
    const row = similarity[m] ?? []
    const total = members.reduce((sum, other) => sum + (other === m ? 0 : (row[other] ?? 0)), 0)
    if (total > best) {
      best = total
      representative = k
    }
  })
  const notes = members.map((m) => ({
    text: prepared.texts[m] ?? '',
    tags: new Set(
      [...(prepared.vectors[m]?.keys() ?? [])].filter((t) => t.startsWith(CONCEPT_PREFIX)),
    ),
  }))
  return { notes, representative }
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
 * // → [{ noteIds: ['a', 'b'], title: 'Reduce churn', score: 0.5… }]
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
  const clusters = agglomerate(similarity, threshold)
  const suggestions = attachLeftovers(clusters, similarity, minSize)
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
        members,
        noteIds: members.map((m) => prepared.ids[m] ?? ''),
        score: Math.round((pairs === 0 ? 0 : sum / pairs) * 1e6) / 1e6,
      }
    })
    .sort((a, b) => b.score - a.score || ((a.noteIds[0] ?? '') < (b.noteIds[0] ?? '') ? -1 : 1))
  // Best first, so the better proposal gets the theme's title when two share a theme.
  const taken = new Set<string>()
  return suggestions.map(({ members, noteIds, score }) => {
    const { notes: titled, representative } = titleInput(members, prepared, similarity)
    const title = proposalTitle(titled, representative, taken)
    taken.add(title)
    return { noteIds, title, score }
  })
}

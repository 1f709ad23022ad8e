/**
 * External clustering measures against hand labels. Notes a clustering leaves out count as
 * singletons, so leaving everything out scores no better than it should.
 */

export interface Quality {
  /** Share of notes whose cluster's majority label is their own (singletons count as correct). */
  readonly purity: number
  /** Adjusted Rand index: 0 for chance agreement, 1 for identical partitions. */
  readonly ari: number
  /** Of the note pairs put together, the share that share a label. */
  readonly pairPrecision: number
  /** Of the note pairs that share a label, the share put together. */
  readonly pairRecall: number
  /** Share of notes placed in some proposed group. */
  readonly coverage: number
  /**
   * Notes in a sensible group: placed in a proposal whose majority label (ties: none) is the
   * note's own. The count issue 16 asks for; unplaced notes never count.
   */
  readonly sensible: number
}

const choose2 = (n: number): number => (n * (n - 1)) / 2

export function clusteringQuality(
  labels: ReadonlyMap<string, string>,
  clusters: readonly (readonly string[])[],
): Quality {
  const clusterOf = new Map<string, string>()
  clusters.forEach((ids, i) => ids.forEach((id) => clusterOf.set(id, `c${i}`)))
  const ids = [...labels.keys()]
  for (const id of ids) if (!clusterOf.has(id)) clusterOf.set(id, `single:${id}`)

  const contingency = new Map<string, Map<string, number>>()
  for (const id of ids) {
    const c = clusterOf.get(id) ?? ''
    const row = contingency.get(c) ?? new Map<string, number>()
    const label = labels.get(id) ?? ''
    row.set(label, (row.get(label) ?? 0) + 1)
    contingency.set(c, row)
  }
  const n = ids.length
  let majority = 0
  let sensible = 0
  let together = 0
  let sameAndTogether = 0
  const labelSizes = new Map<string, number>()
  for (const [cluster, row] of contingency) {
    const size = [...row.values()].reduce((a, b) => a + b, 0)
    const top = Math.max(...row.values())
    majority += top
    const leaders = [...row.values()].filter((count) => count === top).length
    if (!cluster.startsWith('single:') && leaders === 1) sensible += top
    together += choose2(size)
    for (const [label, count] of row) {
      sameAndTogether += choose2(count)
      labelSizes.set(label, (labelSizes.get(label) ?? 0) + count)
    }
  }
  const sameLabel = [...labelSizes.values()].reduce((a, s) => a + choose2(s), 0)
  const expected = (together * sameLabel) / choose2(n)
  const maxIndex = (together + sameLabel) / 2
  const placed = ids.filter((id) => !(clusterOf.get(id) ?? '').startsWith('single:')).length
  return {
    purity: majority / n,
    ari: maxIndex === expected ? 1 : (sameAndTogether - expected) / (maxIndex - expected),
    pairPrecision: together === 0 ? 0 : sameAndTogether / together,
    pairRecall: sameLabel === 0 ? 0 : sameAndTogether / sameLabel,
    coverage: placed / n,
    sensible,
  }
}

/**
 * Dot-vote tally. Votes are stored per voter as `targetId → count` and may exceed the budget
 * after offline merges (two devices of one voter, each within budget). The tally, not the
 * store, enforces the budget, so every peer computes the same counted dots from the same doc.
 */
import * as Y from 'yjs'
import { asNumber, isRecord } from './coerce'
import type { VoteTally } from './board-model'

/** Raw stored dots: voterId → targetId → count (repaired, zero counts dropped). */
export type RawVotes = ReadonlyMap<string, ReadonlyMap<string, number>>

/**
 * Repairs the stored `votes` map into plain counts. Counts are whole, non-negative numbers;
 * anything else is ignored.
 *
 * @example
 * readRawVotes(doc.getMap('votes')).get('alice')?.get('n1') // 2
 */
export function readRawVotes(votes: Y.Map<unknown> | null): RawVotes {
  const out = new Map<string, Map<string, number>>()
  if (!votes) return out
  for (const [voterId, value] of votes.entries()) {
    const entries: Iterable<[string, unknown]> =
      value instanceof Y.Map
        ? (value as Y.Map<unknown>).entries()
        : isRecord(value)
          ? Object.entries(value)
          : []
    const dots = new Map<string, number>()
    for (const [targetId, raw] of entries) {
      const count = Math.trunc(asNumber(raw, 0))
      if (count > 0) dots.set(targetId, count)
    }
    if (dots.size > 0) out.set(voterId, dots)
  }
  return out
}

/**
 * Counts at most `budget` dots per voter, only for targets that exist. When a voter has more
 * dots than the budget, dots are counted round-robin over the voter's targets in id order
 * (one dot per target per round), so the cut is spread fairly and the same on every peer.
 *
 * @example
 * const raw = new Map([['ann', new Map([['a', 3], ['b', 3]])]])
 * tallyVotes(raw, 4, () => true).byTarget // Map { 'a' => 2, 'b' => 2 }
 */
export function tallyVotes(
  raw: RawVotes,
  budget: number,
  targetExists: (targetId: string) => boolean,
): VoteTally {
  const byTarget = new Map<string, number>()
  const byVoter = new Map<string, ReadonlyMap<string, number>>()
  const limit = Math.max(0, Math.trunc(budget))
  for (const voterId of [...raw.keys()].sort(compareIds)) {
    const dots = raw.get(voterId)
    if (!dots) continue
    const targets = [...dots.entries()]
      .filter(([targetId]) => targetExists(targetId))
      .sort(([a], [b]) => compareIds(a, b))
    const counted = new Map<string, number>()
    let remaining = limit
    let round = 0
    while (remaining > 0) {
      let progressed = false
      for (const [targetId, cast] of targets) {
        if (remaining === 0) break
        if (cast > round) {
          counted.set(targetId, (counted.get(targetId) ?? 0) + 1)
          remaining -= 1
          progressed = true
        }
      }
      if (!progressed) break
      round += 1
    }
    if (counted.size === 0) continue
    byVoter.set(voterId, counted)
    for (const [targetId, n] of counted) byTarget.set(targetId, (byTarget.get(targetId) ?? 0) + n)
  }
  return { byTarget, byVoter }
}

/** One line of the revealed-votes view. */
export interface RankedTarget {
  readonly targetId: string
  readonly votes: number
  /** 1-based; targets with equal votes share a rank ("1, 2, 2, 4"). */
  readonly rank: number
}

/**
 * Targets by counted votes, most first; ties broken by id so every peer shows the same order.
 * Pass `include` to rank only notes or only groups.
 *
 * @example
 * ranking(tally).map((r) => r.targetId) // ['n3', 'n1', 'g2']
 */
export function ranking(
  tally: VoteTally,
  include: (targetId: string) => boolean = () => true,
): RankedTarget[] {
  const sorted = [...tally.byTarget.entries()]
    .filter(([targetId, votes]) => votes > 0 && include(targetId))
    .sort(([a, va], [b, vb]) => vb - va || compareIds(a, b))
  const out: RankedTarget[] = []
  sorted.forEach(([targetId, votes], index) => {
    const previous = out[index - 1]
    out.push({ targetId, votes, rank: previous?.votes === votes ? previous.rank : index + 1 })
  })
  return out
}

/**
 * Dots a voter may still cast: the budget minus the dots the tally counts for them.
 *
 * @example
 * remainingVotes(tally, 'alice', 5) // 3
 */
export function remainingVotes(tally: VoteTally, voterId: string, budget: number): number {
  let used = 0
  for (const n of tally.byVoter.get(voterId)?.values() ?? []) used += n
  return Math.max(0, Math.trunc(budget) - used)
}

/**
 * Code-unit order, independent of locale, so every peer sorts alike.
 *
 * @example
 * ['b', 'B', 'a'].sort(compareIds) // ['B', 'a', 'b']
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

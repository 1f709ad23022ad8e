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

/** What the vote ranking needs of a note: where it sits and when it was written. */
export interface RankableNote {
  readonly id: string
  readonly groupId: string | null
  readonly createdAt: number
}

/** One line of the board's one vote ranking: a group, or a note in no group. */
export interface VoteRankEntry<N extends RankableNote = RankableNote> {
  readonly kind: 'group' | 'note'
  readonly targetId: string
  /** A group's own dots plus its notes' dots; a loose note's own dots. */
  readonly votes: number
  /** Dots put on the group itself (a loose note: its own dots). */
  readonly own: number
  /** 1-based over every entry; equal votes share a rank ("1, 2, 2, 4"). */
  readonly rank: number
  /** A group's notes, most dots first, then oldest, then by id; empty for a loose note. */
  readonly notes: readonly N[]
}

/**
 * The board's one vote ranking, read by both the Results panel and Convert (issue 14 item 5):
 * a dot on a note inside a group counts for that group, because a group is what becomes an
 * objective. Groups and notes in no group (or in a group that no longer exists) are ranked
 * together by that total, most first, ties by id in code-unit order, so every peer and both
 * views agree. Entries without votes are kept (last) for Convert's "include unvoted".
 *
 * @example
 * voteRanking([{ id: 'g1' }], notes, (id) => tally.byTarget.get(id) ?? 0)[0]
 * // { kind: 'group', targetId: 'g1', votes: 3, own: 0, rank: 1, notes: [n2, n1] }
 */
export function voteRanking<N extends RankableNote>(
  groups: readonly { readonly id: string }[],
  notes: readonly N[],
  votes: (targetId: string) => number,
): VoteRankEntry<N>[] {
  const byGroup = new Map<string, N[]>(groups.map((g) => [g.id, []]))
  const loose: N[] = []
  for (const note of notes) {
    const members = note.groupId === null ? undefined : byGroup.get(note.groupId)
    if (members === undefined) loose.push(note)
    else members.push(note)
  }
  const byDots = (a: N, b: N): number =>
    votes(b.id) - votes(a.id) || a.createdAt - b.createdAt || compareIds(a.id, b.id)
  const entries = [
    ...[...byGroup].map(([id, members]) => {
      const own = votes(id)
      const total = members.reduce((sum, n) => sum + votes(n.id), own)
      return {
        kind: 'group' as const,
        targetId: id,
        votes: total,
        own,
        notes: members.sort(byDots),
      }
    }),
    ...loose.map((n) => {
      const own = votes(n.id)
      return { kind: 'note' as const, targetId: n.id, votes: own, own, notes: [] as N[] }
    }),
  ].sort((a, b) => b.votes - a.votes || compareIds(a.targetId, b.targetId))
  const out: VoteRankEntry<N>[] = []
  entries.forEach((entry, index) => {
    const previous = out[index - 1]
    out.push({ ...entry, rank: previous?.votes === entry.votes ? previous.rank : index + 1 })
  })
  return out
}

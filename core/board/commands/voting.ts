/** Dot-voting commands. The budget is checked locally here and enforced globally by the tally. */
import * as Y from 'yjs'
import { BoardCommandError } from '../errors'
import { readTally, readMeta } from '../read'
import { getEntity, getVotes, MAX_VOTE_BUDGET } from '../schema'
import { checkArgs, checkId, checkInteger, optional } from '../validate'
import { remainingVotes } from '../vote-tally'
import { childMap } from './internal'

export interface VoteArgs {
  readonly voterId: string
  /** A note or group id. */
  readonly targetId: string
  /** Dots to add or take back; default 1. */
  readonly count?: number
}

function checkVote(args: unknown, command: string): Required<VoteArgs> {
  const a = checkArgs(args, command)
  return {
    voterId: checkId(a.voterId, 'voterId'),
    targetId: checkId(a.targetId, 'targetId'),
    count: optional(a, 'count', (v, f) => checkInteger(v, f, 1, MAX_VOTE_BUDGET)) ?? 1,
  }
}

function votesRoot(doc: Y.Doc): Y.Map<unknown> {
  const votes = getVotes(doc)
  if (!votes) {
    throw new BoardCommandError('invalid-argument', 'the document\'s "votes" root is not a Y.Map')
  }
  return votes
}

/**
 * Puts dots on a note or group. Throws `vote-budget-exhausted` when the voter has fewer dots
 * left than `count` (as far as this peer knows; the tally caps merged offline overspending).
 *
 * @example
 * castVote(doc, { voterId: 'ann', targetId: 'n1' }, origin)
 */
export function castVote(doc: Y.Doc, args: VoteArgs, origin: unknown): void {
  const { voterId, targetId, count } = checkVote(args, 'castVote')
  if (!getEntity(doc, 'notes', targetId) && !getEntity(doc, 'groups', targetId)) {
    throw new BoardCommandError('not-found', `targetId: no note or group "${targetId}"`, 'targetId')
  }
  const budget = readMeta(doc).voteBudget
  const left = remainingVotes(readTally(doc, budget), voterId, budget)
  if (count > left) {
    throw new BoardCommandError(
      'vote-budget-exhausted',
      `count: ${voterId} has ${left} of ${budget} dots left`,
      'count',
    )
  }
  const votes = votesRoot(doc)
  doc.transact(() => {
    const map = childMap(votes, voterId)
    const current = map.get(targetId)
    const have = typeof current === 'number' && current > 0 ? Math.trunc(current) : 0
    map.set(targetId, have + count)
  }, origin)
}

/**
 * Takes dots back from a target (at most as many as the voter has on it). Returns the number
 * of dots removed (0 when the voter had none there).
 *
 * @example
 * retractVote(doc, { voterId: 'ann', targetId: 'n1' }, origin) // 1
 */
export function retractVote(doc: Y.Doc, args: VoteArgs, origin: unknown): number {
  const { voterId, targetId, count } = checkVote(args, 'retractVote')
  const dots = votesRoot(doc).get(voterId)
  if (!(dots instanceof Y.Map)) return 0
  const map = dots as Y.Map<unknown>
  const current = map.get(targetId)
  const have = typeof current === 'number' && current > 0 ? Math.trunc(current) : 0
  const removed = Math.min(have, count)
  doc.transact(() => {
    if (have - removed > 0) map.set(targetId, have - removed)
    else if (map.has(targetId)) map.delete(targetId)
  }, origin)
  return removed
}

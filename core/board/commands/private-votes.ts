/**
 * Dots in a private room (docs/private-brainstorm.md): its `votes` root maps a target id to a
 * plain dot count, one voter per room. The relay moves them into the shared `votes[memberId]`
 * at the reveal, where the tally's budget rule applies as before.
 */
import type * as Y from 'yjs'
import { BoardCommandError } from '../errors'
import { MAX_VOTE_BUDGET } from '../schema'
import { checkArgs, checkId, checkInteger, optional } from '../validate'
import { readPrivateVotes } from '../private-room'

export interface PrivateVoteArgs {
  readonly targetId: string
  /** The board's budget (from the shared meta; the private room has none). */
  readonly budget: number
  /** Dots to add or take back; default 1. */
  readonly count?: number
}

function checkPrivateVote(args: unknown, command: string): Required<PrivateVoteArgs> {
  const a = checkArgs(args, command)
  return {
    targetId: checkId(a.targetId, 'targetId'),
    budget: checkInteger(a.budget, 'budget', 0, MAX_VOTE_BUDGET),
    count: optional(a, 'count', (v, f) => checkInteger(v, f, 1, MAX_VOTE_BUDGET)) ?? 1,
  }
}

/**
 * Puts sealed dots on a target (whether it exists is the caller's check: the target lives in
 * the shared board). Throws `vote-budget-exhausted` past the budget.
 *
 * @example
 * castPrivateVote(privateDoc, { targetId: 'n1', budget: 5 }, origin)
 */
export function castPrivateVote(doc: Y.Doc, args: PrivateVoteArgs, origin: unknown): void {
  const { targetId, budget, count } = checkPrivateVote(args, 'castPrivateVote')
  const votes = readPrivateVotes(doc)
  let spent = 0
  for (const dots of votes.values()) spent += dots
  const left = Math.max(0, budget - spent)
  if (count > left) {
    throw new BoardCommandError(
      'vote-budget-exhausted',
      `count: you have ${left} of ${budget} dots left`,
      'count',
    )
  }
  doc.transact(() => doc.getMap('votes').set(targetId, (votes.get(targetId) ?? 0) + count), origin)
}

/**
 * Takes sealed dots back; returns how many were removed (0 when there were none on it).
 *
 * @example
 * retractPrivateVote(privateDoc, { targetId: 'n1', budget: 5 }, origin) // 1
 */
export function retractPrivateVote(doc: Y.Doc, args: PrivateVoteArgs, origin: unknown): number {
  const { targetId, count } = checkPrivateVote(args, 'retractPrivateVote')
  const have = readPrivateVotes(doc).get(targetId) ?? 0
  const removed = Math.min(have, count)
  if (removed === 0) return 0
  doc.transact(() => {
    const votes = doc.getMap('votes')
    if (have - removed > 0) votes.set(targetId, have - removed)
    else votes.delete(targetId)
  }, origin)
  return removed
}

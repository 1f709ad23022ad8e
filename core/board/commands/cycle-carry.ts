/**
 * "Carry forward" as a move from one OKR cycle into the next: retro.ts's `carryForward` copies
 * the unfinished objectives; this command also keeps the two cycles apart and aligned, in the
 * same transaction, so the dashboard, check-ins, exports and overall score never mix them.
 */
import * as Y from 'yjs'
import type { Timeframe } from '../../okr/okr-model'
import { boardCycle } from '../../okr/cycles'
import { restoreTimeframe } from '../restore'
import { getMeta } from '../schema'
import { carriedId, carryForward, type CarryForwardReport } from './retro'
import { collection } from './internal'

/**
 * Moves the board into `target` when that cycle starts after the board's ends, first writing
 * the board's timeframe into every objective that relied on it: they ran in the old cycle.
 */
function advanceBoard(doc: Y.Doc, target: Timeframe): void {
  const meta = getMeta(doc)
  const board = meta ? boardCycle({ timeframe: meta.get('timeframe') }) : null
  if (!meta || board === null || target.start < board.end) return
  for (const entity of collection(doc, 'objectives').values()) {
    if (entity instanceof Y.Map && restoreTimeframe(entity.get('timeframe')) === null) {
      entity.set('timeframe', board)
    }
  }
  meta.set('timeframe', { start: target.start, end: target.end })
}

/**
 * A carried copy whose source's parent was carried too (now or in an earlier carry) is aligned
 * to that parent's copy; a parent left behind stays the parent. A copy someone has realigned
 * since is left alone.
 */
function alignCopies(doc: Y.Doc, objectiveIds: readonly string[], target: Timeframe): void {
  const objectives = collection(doc, 'objectives')
  for (const id of objectiveIds) {
    const source = objectives.get(id)
    const copy = objectives.get(carriedId(id, target))
    if (!(source instanceof Y.Map) || !(copy instanceof Y.Map)) continue
    const parent: unknown = source.get('parentId')
    if (typeof parent !== 'string' || copy.get('parentId') !== parent) continue
    const parentCopy = carriedId(parent, target)
    if (objectives.get(parentCopy) instanceof Y.Map) copy.set('parentId', parentCopy)
  }
}

/**
 * `carryForward` (same arguments, same report) into the next cycle, in one transaction: the
 * copies land in `timeframe`, a carried child is aligned to its parent's copy, and when
 * `timeframe` lies after the board's cycle the board moves into it while the objectives that
 * had no timeframe of their own keep the old one. Carrying twice still duplicates nothing.
 *
 * @example
 * carryIntoCycle(doc, { objectiveIds: ['o1', 'o2'], timeframe: cycleAfter(q4) }, origin)
 */
export function carryIntoCycle(
  doc: Y.Doc,
  args: Parameters<typeof carryForward>[1],
  origin: unknown,
): CarryForwardReport {
  let report: CarryForwardReport = { created: [], skipped: [] }
  doc.transact(() => {
    // carryForward validates everything before writing and joins this transaction.
    report = carryForward(doc, args, origin)
    const target = restoreTimeframe(args.timeframe) as Timeframe
    advanceBoard(doc, target)
    alignCopies(doc, args.objectiveIds, target)
  }, origin)
  return report
}

/**
 * What a new board is given once its facilitator has the server's copy: the current cycle as
 * its timeframe (a board without one charts from Jan 1, 1970 and has nothing ever due). Written
 * with the setup origin, not the person's: it is nobody's edit, so their first Undo must not
 * take the timeframe away again.
 */
import type * as Y from 'yjs'
import { readBoardSettings, setBoardTimeframe } from '../../core/board/commands/facilitation'
import { readObjectives } from '../../core/board/read'
import { cycleAt } from '../../core/okr/cycles'
import type { EpochMs } from '../../core/okr/okr-model'

/**
 * Sets the board's timeframe to the cycle holding `now` when the board has neither a timeframe
 * nor any objective yet (an older board with objectives keeps reading as it did). Returns
 * whether it wrote.
 */
export function seedBoardTimeframe(doc: Y.Doc, now: EpochMs, origin: unknown): boolean {
  const settings = readBoardSettings(doc)
  if (settings.timeframe !== null || readObjectives(doc).length > 0) return false
  const { start, end } = cycleAt(now, settings.cadence)
  setBoardTimeframe(doc, { timeframe: { start, end } }, origin)
  return true
}

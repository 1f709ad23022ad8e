/** Facilitator commands on the board's `meta`: phase, reveals, timer, vote budget, title. */
import type * as Y from 'yjs'
import type { EpochMs } from '../../okr/okr-model'
import { BoardCommandError } from '../errors'
import type { Phase } from '../board-model'
import { PHASES } from '../board-model'
import { getMeta, MAX_VOTE_BUDGET } from '../schema'
import {
  checkArgs,
  checkBoolean,
  checkEnum,
  checkInteger,
  checkLine,
  checkNumber,
} from '../validate'
import { setIfChanged } from './internal'

const MAX_TIMER_MS = 24 * 60 * 60 * 1000

function writeMeta(doc: Y.Doc, origin: unknown, fields: Record<string, unknown>): void {
  const meta = getMeta(doc)
  if (!meta)
    throw new BoardCommandError('invalid-argument', 'the document\'s "meta" root is not a Y.Map')
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) setIfChanged(meta, key, value)
  }, origin)
}

/**
 * Moves the session to another phase (brainstorm → group → vote → review, in any order).
 *
 * @example
 * setPhase(doc, { phase: 'vote' }, origin)
 */
export function setPhase(doc: Y.Doc, args: { readonly phase: Phase }, origin: unknown): void {
  const a = checkArgs(args, 'setPhase')
  writeMeta(doc, origin, { phase: checkEnum(a.phase, PHASES, 'phase') })
}

/**
 * Shows (or hides again) everyone's note text during a private brainstorm.
 *
 * @example
 * revealNotes(doc, { revealed: true }, origin)
 */
export function revealNotes(
  doc: Y.Doc,
  args: { readonly revealed: boolean },
  origin: unknown,
): void {
  const a = checkArgs(args, 'revealNotes')
  writeMeta(doc, origin, { notesRevealed: checkBoolean(a.revealed, 'revealed') })
}

/**
 * Shows (or hides) the vote tally to everyone.
 *
 * @example
 * revealVotes(doc, { revealed: true }, origin)
 */
export function revealVotes(
  doc: Y.Doc,
  args: { readonly revealed: boolean },
  origin: unknown,
): void {
  const a = checkArgs(args, 'revealVotes')
  writeMeta(doc, origin, { votesRevealed: checkBoolean(a.revealed, 'revealed') })
}

/**
 * Starts (or restarts) the shared countdown. `startedAt` comes from the caller's clock.
 *
 * @example
 * startTimer(doc, { startedAt: now(), durationMs: 5 * 60_000 }, origin)
 */
export function startTimer(
  doc: Y.Doc,
  args: { readonly startedAt: EpochMs; readonly durationMs: number },
  origin: unknown,
): void {
  const a = checkArgs(args, 'startTimer')
  const startedAt = checkNumber(a.startedAt, 'startedAt', 0)
  const durationMs = checkNumber(a.durationMs, 'durationMs', 1, MAX_TIMER_MS)
  writeMeta(doc, origin, { timer: { startedAt, durationMs } })
}

/**
 * Stops the countdown.
 *
 * @example
 * stopTimer(doc, {}, origin)
 */
export function stopTimer(doc: Y.Doc, _args: Record<string, never>, origin: unknown): void {
  writeMeta(doc, origin, { timer: null })
}

/**
 * Sets the dots each voter may place (0–100). Lowering it takes effect in the tally at once.
 *
 * @example
 * setVoteBudget(doc, { budget: 3 }, origin)
 */
export function setVoteBudget(
  doc: Y.Doc,
  args: { readonly budget: number },
  origin: unknown,
): void {
  const a = checkArgs(args, 'setVoteBudget')
  writeMeta(doc, origin, { voteBudget: checkInteger(a.budget, 'budget', 0, MAX_VOTE_BUDGET) })
}

/**
 * Names the board.
 *
 * @example
 * setBoardTitle(doc, { title: 'Q3 planning' }, origin)
 */
export function setBoardTitle(doc: Y.Doc, args: { readonly title: string }, origin: unknown): void {
  const a = checkArgs(args, 'setBoardTitle')
  writeMeta(doc, origin, { title: checkLine(a.title, 'title', 500) })
}

/**
 * Sets (or clears) the period the board's OKRs cover.
 *
 * @example
 * setBoardTimeframe(doc, { timeframe: { start, end } }, origin)
 */
export function setBoardTimeframe(
  doc: Y.Doc,
  args: { readonly timeframe: { readonly start: EpochMs; readonly end: EpochMs } | null },
  origin: unknown,
): void {
  const a = checkArgs(args, 'setBoardTimeframe')
  if (a.timeframe === null) return writeMeta(doc, origin, { timeframe: null })
  const t = checkArgs(a.timeframe, 'timeframe')
  const start = checkNumber(t.start, 'timeframe.start')
  const end = checkNumber(t.end, 'timeframe.end', start)
  writeMeta(doc, origin, { timeframe: { start, end } })
}

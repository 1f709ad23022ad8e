/**
 * Facilitator commands on the board's `meta`: phase, reveals, timer, vote budget, and the
 * board's settings (title, timeframe, cycle cadence).
 */
import type * as Y from 'yjs'
import type { EpochMs } from '../../okr/okr-model'
import { CADENCES, readCadence, type Cadence } from '../../okr/cycles'
import { BoardCommandError } from '../errors'
import type { Phase } from '../board-model'
import { PHASES } from '../board-model'
import { readMeta } from '../read'
import { getMeta, MAX_VOTE_BUDGET } from '../schema'
import {
  checkArgs,
  checkBoolean,
  checkEnum,
  checkInteger,
  checkLine,
  checkNumber,
} from '../validate'
import { writeMeta } from './internal'
import { freshTimer, MAX_TIMER_MS, timerValue } from './timer'

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
  // timerValue is the shape restoreMeta reads (pausedAt included): anything else, and every
  // participant's migrate on opening the board would rewrite the running timer, which the relay
  // refuses.
  writeMeta(doc, origin, { timer: timerValue(freshTimer(startedAt as EpochMs, durationMs)) })
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

type Range = { readonly start: EpochMs; readonly end: EpochMs }

function checkTimeframe(value: unknown): Range | null {
  if (value === null) return null
  const t = checkArgs(value as Range, 'timeframe')
  const start = checkNumber(t.start, 'timeframe.start')
  const end = checkNumber(t.end, 'timeframe.end', start)
  if (end <= start) {
    throw new BoardCommandError(
      'invalid-argument',
      'timeframe: must end after it starts',
      'timeframe',
    )
  }
  return { start: start as EpochMs, end: end as EpochMs }
}

/**
 * Sets (or clears) the period the board's OKRs cover. Objectives without a timeframe of their
 * own belong to it.
 *
 * @example
 * setBoardTimeframe(doc, { timeframe: { start, end } }, origin)
 */
export function setBoardTimeframe(
  doc: Y.Doc,
  args: { readonly timeframe: Range | null },
  origin: unknown,
): void {
  const a = checkArgs(args, 'setBoardTimeframe')
  writeMeta(doc, origin, { timeframe: checkTimeframe(a.timeframe) })
}

/**
 * Sets how long the board's OKR cycles last (what "the next cycle" is after a retrospective).
 *
 * @example
 * setBoardCadence(doc, { cadence: 'trimester' }, origin)
 */
export function setBoardCadence(
  doc: Y.Doc,
  args: { readonly cadence: Cadence },
  origin: unknown,
): void {
  const a = checkArgs(args, 'setBoardCadence')
  writeMeta(doc, origin, { cadence: checkEnum(a.cadence, CADENCES, 'cadence') })
}

export interface BoardSettings {
  readonly title: string
  readonly timeframe: Range | null
  readonly cadence: Cadence
}

/**
 * The settings panel's save: title, timeframe and cadence in one transaction, all checked
 * before anything is written, so a bad field leaves the board as it was. Fields left out stay.
 *
 * @example
 * updateBoardSettings(doc, { title: 'Growth', timeframe: quarterTimeframe(2026, 4) }, origin)
 */
export function updateBoardSettings(
  doc: Y.Doc,
  args: Partial<BoardSettings>,
  origin: unknown,
): void {
  const a = checkArgs(args, 'updateBoardSettings')
  const fields: Record<string, unknown> = {}
  if (a.title !== undefined) fields.title = checkLine(a.title, 'title', 500)
  if (a.timeframe !== undefined) fields.timeframe = checkTimeframe(a.timeframe)
  if (a.cadence !== undefined) fields.cadence = checkEnum(a.cadence, CADENCES, 'cadence')
  writeMeta(doc, origin, fields)
}

/**
 * The board's settings as stored; an absent cadence (a board older than cadences) reads as
 * quarterly, an unusable timeframe as none.
 *
 * @example
 * readBoardSettings(doc).cadence // 'quarterly'
 */
export function readBoardSettings(doc: Y.Doc): BoardSettings {
  const meta = readMeta(doc)
  return {
    title: meta.title,
    timeframe: meta.timeframe,
    cadence: readCadence(getMeta(doc)?.get('cadence')),
  }
}

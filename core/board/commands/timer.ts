/**
 * The shared countdown's controls beyond start and stop (./facilitation.ts): pause, resume and
 * extend. The document holds `{ startedAt, durationMs, pausedAt }`; every peer derives the time
 * left from it (`timerRemaining`), so a pause is one write, not a tick per second.
 */
import type * as Y from 'yjs'
import type { EpochMs } from '../../okr/okr-model'
import type { TimerState } from '../board-model'
import { BoardCommandError } from '../errors'
import { readMeta } from '../read'
import { checkArgs, checkNumber } from '../validate'
import { writeMeta } from './internal'

/** The longest countdown a board holds: one day, as startTimer allows. */
export const MAX_TIMER_MS = 24 * 60 * 60 * 1000

/**
 * The time left on `timer` at `now`: frozen while paused, never negative.
 *
 * @example
 * timerRemaining({ startedAt: 0, durationMs: 60_000, pausedAt: 20_000 }, 50_000) // 40_000
 */
export function timerRemaining(timer: TimerState, now: number): number {
  const at = timer.pausedAt ?? now
  return Math.max(0, timer.startedAt + timer.durationMs - at)
}

/** The timer as stored, for the commands that build on it (all fields plain JSON). */
export function timerValue(timer: TimerState): Record<string, unknown> {
  return { startedAt: timer.startedAt, durationMs: timer.durationMs, pausedAt: timer.pausedAt }
}

/** A fresh running countdown of `durationMs` from `now`. */
export function freshTimer(now: EpochMs, durationMs: number): TimerState {
  return { startedAt: now, durationMs: Math.min(durationMs, MAX_TIMER_MS), pausedAt: null }
}

/**
 * `timer` with `ms` more on it. A countdown that already ran out at `now` starts again with
 * just `ms` (+1 min after "Time's up" means one more minute, not one already spent).
 */
export function extendedTimer(timer: TimerState, ms: number, now: EpochMs | null): TimerState {
  if (now !== null && timerRemaining(timer, now) <= 0 && timer.pausedAt === null) {
    return freshTimer(now, ms)
  }
  return { ...timer, durationMs: Math.min(timer.durationMs + ms, MAX_TIMER_MS) }
}

function runningTimer(doc: Y.Doc, command: string): TimerState {
  const timer = readMeta(doc).timer
  if (timer === null) throw new BoardCommandError('not-found', `${command}: no timer is running`)
  return timer
}

/** Writes the timer in one transaction. */
function writeTimer(doc: Y.Doc, timer: TimerState | null, origin: unknown): void {
  writeMeta(doc, origin, { timer: timer && timerValue(timer) })
}

/**
 * Freezes the countdown for everyone at `now` (the facilitator's clock). Pausing a paused timer
 * changes nothing.
 *
 * @example
 * pauseTimer(doc, { now: clock() }, origin)
 */
export function pauseTimer(doc: Y.Doc, args: { readonly now: EpochMs }, origin: unknown): void {
  const a = checkArgs(args, 'pauseTimer')
  const now = checkNumber(a.now, 'now', 0) as EpochMs
  const timer = runningTimer(doc, 'pauseTimer')
  if (timer.pausedAt !== null) return
  writeTimer(doc, { ...timer, pausedAt: now }, origin)
}

/**
 * Runs a paused countdown on: `startedAt` moves by the time it stood still, so the time left is
 * what it was at the pause. Resuming a running timer changes nothing.
 *
 * @example
 * resumeTimer(doc, { now: clock() }, origin)
 */
export function resumeTimer(doc: Y.Doc, args: { readonly now: EpochMs }, origin: unknown): void {
  const a = checkArgs(args, 'resumeTimer')
  const now = checkNumber(a.now, 'now', 0) as EpochMs
  const timer = runningTimer(doc, 'resumeTimer')
  if (timer.pausedAt === null) return
  const stood = Math.max(0, now - timer.pausedAt)
  writeTimer(
    doc,
    { ...timer, startedAt: (timer.startedAt + stood) as EpochMs, pausedAt: null },
    origin,
  )
}

/**
 * Adds `ms` (1 s to a day) to the countdown, paused or not; with `now`, a countdown that ran
 * out starts again with `ms`.
 *
 * @example
 * addTimerTime(doc, { ms: 60_000, now: clock() }, origin)
 */
export function addTimerTime(
  doc: Y.Doc,
  args: { readonly ms: number; readonly now?: EpochMs },
  origin: unknown,
): void {
  const a = checkArgs(args, 'addTimerTime')
  const ms = checkNumber(a.ms, 'ms', 1_000, MAX_TIMER_MS)
  const now = a.now === undefined ? null : (checkNumber(a.now, 'now', 0) as EpochMs)
  writeTimer(doc, extendedTimer(runningTimer(doc, 'addTimerTime'), ms, now), origin)
}

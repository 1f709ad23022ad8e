/**
 * The guided agenda (core/play): the facilitator starts a play, moves the room from step to
 * step and ends it. Entering a step is one transaction that writes `meta.agenda`, the step's
 * board phase and the shared timer set to its time box, so every peer sees the three change
 * together. All of `meta.agenda` is facilitator-only (core/board/permissions.ts).
 */
import type * as Y from 'yjs'
import type { EpochMs } from '../../okr/okr-model'
import { parsePlay, readAgenda, type Agenda } from '../../play/agenda'
import { MAX_STEP_MINUTES, type Play } from '../../play/play-model'
import { BoardCommandError } from '../errors'
import { readMeta } from '../read'
import { checkArgs, checkInteger, checkNumber } from '../validate'
import { writeMeta } from './internal'
import { extendedTimer, freshTimer, MAX_TIMER_MS, timerValue } from './timer'

function checkPlay(value: unknown): Play {
  const play = parsePlay(value)
  if (play === null) {
    throw new BoardCommandError(
      'invalid-argument',
      'play: must be a play of 1 to 30 whole steps with unique ids, within the size limits',
      'play',
    )
  }
  return play
}

function runningAgenda(doc: Y.Doc, command: string): Agenda {
  const agenda = readAgenda(doc)
  if (agenda === null) throw new BoardCommandError('not-found', `${command}: no agenda is running`)
  return agenda
}

/** Writes the agenda on `index` and applies that step: its phase, its time box on the timer. */
function enterStep(doc: Y.Doc, play: Play, index: number, now: EpochMs, origin: unknown): void {
  const step = play.steps[index]!
  writeMeta(doc, origin, {
    agenda: { play, step: index, stepStartedAt: now },
    ...(step.phase === null ? {} : { phase: step.phase }),
    timer: timerValue(freshTimer(now, step.minutes * 60_000)),
  })
}

/**
 * Starts `play` (a value: OKR_PLAY, LEADERSHIP_PLAY or a team's edited copy) at its first step.
 * A malformed or oversized play is refused whole.
 *
 * @example
 * startAgenda(doc, { play: OKR_PLAY, now: clock() }, origin)
 */
export function startAgenda(
  doc: Y.Doc,
  args: { readonly play: Play; readonly now: EpochMs },
  origin: unknown,
): void {
  const a = checkArgs(args, 'startAgenda')
  const play = checkPlay(a.play)
  const now = checkNumber(a.now, 'now', 0) as EpochMs
  enterStep(doc, play, 0, now, origin)
}

/**
 * Takes the room to step `step` (0-based): the next one, the previous one, or any other (a
 * skip). Re-entering the current step restarts its time box.
 *
 * @example
 * goToStep(doc, { step: agenda.step + 1, now: clock() }, origin)
 */
export function goToStep(
  doc: Y.Doc,
  args: { readonly step: number; readonly now: EpochMs },
  origin: unknown,
): void {
  const a = checkArgs(args, 'goToStep')
  const agenda = runningAgenda(doc, 'goToStep')
  const step = checkInteger(a.step, 'step', 0, agenda.play.steps.length - 1)
  const now = checkNumber(a.now, 'now', 0) as EpochMs
  enterStep(doc, agenda.play, step, now, origin)
}

/**
 * Gives the current step `minutes` more (the +5 min button) on the shared timer; a time box
 * that already ran out gets `minutes` from now.
 *
 * @example
 * extendStep(doc, { minutes: 5, now: clock() }, origin)
 */
export function extendStep(
  doc: Y.Doc,
  args: { readonly minutes: number; readonly now: EpochMs },
  origin: unknown,
): void {
  const a = checkArgs(args, 'extendStep')
  const minutes = checkNumber(a.minutes, 'minutes', 1 / 60, MAX_STEP_MINUTES)
  const now = checkNumber(a.now, 'now', 0) as EpochMs
  runningAgenda(doc, 'extendStep')
  const ms = Math.round(minutes * 60_000)
  const timer = readMeta(doc).timer
  const next = timer === null ? freshTimer(now, ms) : extendedTimer(timer, ms, now)
  writeMeta(doc, origin, { timer: timerValue(next) })
}

/**
 * Replaces the running play with an edited copy (minutes changed, steps dropped, added or
 * reordered) without moving the room: the current step is found again by its id and keeps its
 * start. When the current step's minutes change, the running timer's length changes by the same
 * amount (see docs/agenda.md). Dropping the current step is refused; go to another step first.
 *
 * @example
 * editAgenda(doc, { play: { ...agenda.play, steps: agenda.play.steps.slice(0, 5) } }, origin)
 */
export function editAgenda(doc: Y.Doc, args: { readonly play: Play }, origin: unknown): void {
  const a = checkArgs(args, 'editAgenda')
  const play = checkPlay(a.play)
  const agenda = runningAgenda(doc, 'editAgenda')
  const index = play.steps.findIndex((step) => step.id === agenda.current.id)
  if (index < 0) {
    throw new BoardCommandError(
      'invalid-argument',
      `play: must keep the current step (${agenda.current.id})`,
      'play',
    )
  }
  const timer = readMeta(doc).timer
  const deltaMs = Math.round((play.steps[index]!.minutes - agenda.current.minutes) * 60_000)
  // The current step's new time box: the countdown keeps its start, its pause and any +5 min,
  // and changes by the same amount as the step did, so a shorter box may be over at once.
  const durationMs =
    timer === null ? 0 : Math.min(MAX_TIMER_MS, Math.max(0, timer.durationMs + deltaMs))
  writeMeta(doc, origin, {
    agenda: { play, step: index, stepStartedAt: agenda.stepStartedAt },
    ...(timer === null || deltaMs === 0 ? {} : { timer: timerValue({ ...timer, durationMs }) }),
  })
}

/**
 * Ends the agenda and clears its timer; the phase and everything the team made stay.
 *
 * @example
 * endAgenda(doc, {}, origin)
 */
export function endAgenda(doc: Y.Doc, _args: Record<string, never>, origin: unknown): void {
  writeMeta(doc, origin, { agenda: null, timer: null })
}

/**
 * A team's shortened copy of a play, made from the agenda's setup form: other minutes for some
 * steps, some steps left out. The result is a plain play value like the built-in ones, which
 * startAgenda / editAgenda check again (core/board/commands/agenda.ts).
 */
import { MAX_STEP_MINUTES, type Play, type PlayStep } from './play-model'

export interface StepEdit {
  /** The step's new time box in whole minutes (clamped to 1 … MAX_STEP_MINUTES). */
  readonly minutes?: number
  /** Leave the step out. */
  readonly drop?: boolean
}

/**
 * `play` with `edits` (by step id) applied, or null when no step is left.
 *
 * @example
 * editPlay(OKR_PLAY, { retro: { drop: true }, 'key-results': { minutes: 30 } })?.steps.length // 8
 */
export function editPlay(play: Play, edits: Readonly<Record<string, StepEdit>>): Play | null {
  const steps: PlayStep[] = []
  for (const step of play.steps) {
    const edit = Object.hasOwn(edits, step.id) ? edits[step.id] : undefined
    if (edit?.drop === true) continue
    const minutes = edit?.minutes === undefined ? step.minutes : clampMinutes(edit.minutes)
    steps.push(minutes === step.minutes ? step : { ...step, minutes })
  }
  if (steps.length === 0) return null
  const changed = steps.length !== play.steps.length || steps.some((s, i) => s !== play.steps[i])
  return changed ? { ...play, steps } : play
}

function clampMinutes(value: number): number {
  if (!Number.isFinite(value)) return 1
  return Math.min(MAX_STEP_MINUTES, Math.max(1, Math.round(value)))
}

/**
 * `play` with the step at `from` moved to `to` (0-based; the others shift), or null when either
 * index is not a whole number inside the play.
 *
 * @example
 * moveStep(OKR_PLAY, 3, 2)?.steps[2]?.id // OKR_PLAY.steps[3].id
 */
export function moveStep(play: Play, from: number, to: number): Play | null {
  const inside = (i: number) => Number.isInteger(i) && i >= 0 && i < play.steps.length
  if (!inside(from) || !inside(to)) return null
  if (from === to) return play
  const steps = [...play.steps]
  const [step] = steps.splice(from, 1)
  steps.splice(to, 0, step!)
  return { ...play, steps }
}

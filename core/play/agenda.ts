/**
 * The agenda a board runs: which play (a value, ./play-model.ts), which step the room is on and
 * when that step began. Stored as plain JSON in `meta.agenda`, written only by a facilitator
 * (core/board/permissions.ts); read here from untrusted data, so a malformed value reads as "no
 * agenda" and never throws.
 */
import type * as Y from 'yjs'
import { isRecord } from '../board/coerce'
import { PHASES } from '../board/board-model'
import { getMeta } from '../board/schema'
import type { EpochMs } from '../okr/okr-model'
import {
  MAX_PLAY_STEPS,
  MAX_STEP_MINUTES,
  SESSIONS,
  STEP_HELPS,
  STEP_VIEWS,
  type Play,
  type PlayStep,
} from './play-model'

export interface AgendaState {
  readonly play: Play
  /** Index into `play.steps`. */
  readonly step: number
  /** When the current step began (the facilitator's clock). */
  readonly stepStartedAt: EpochMs
}

export interface Agenda extends AgendaState {
  readonly current: PlayStep
}

const MAX_ID = 60
const MAX_TITLE = 120
const MAX_PROMPT = 1_000

const line = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : null

const oneOf = <T extends string>(value: unknown, options: readonly T[]): T | null =>
  typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : null

function parseStep(value: unknown): PlayStep | null {
  if (!isRecord(value)) return null
  const id = line(value.id, MAX_ID)
  const title = line(value.title, MAX_TITLE)
  const prompt = line(value.prompt, MAX_PROMPT)
  const activity = line(value.activity, MAX_PROMPT)
  const minutes = value.minutes
  const view = oneOf(value.view, STEP_VIEWS)
  const session = oneOf(value.session, SESSIONS)
  const phase = value.phase === null ? null : oneOf(value.phase, PHASES)
  const help = value.help === null ? null : oneOf(value.help, STEP_HELPS)
  if (id === null || title === null || prompt === null || activity === null) return null
  if (view === null || session === null) return null
  if (phase === null && value.phase !== null) return null
  if (help === null && value.help !== null) return null
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return null
  if (minutes <= 0 || minutes > MAX_STEP_MINUTES) return null
  return { id, title, minutes, prompt, activity, phase, view, help, session }
}

/**
 * A play from untrusted JSON (a stored agenda, a team's edited copy), or null with nothing
 * partial: every step must be whole, ids unique, 1 to MAX_PLAY_STEPS steps.
 *
 * @example
 * parsePlay(JSON.parse(JSON.stringify(OKR_PLAY)))?.steps.length // 9
 */
export function parsePlay(value: unknown): Play | null {
  if (!isRecord(value)) return null
  const id = line(value.id, MAX_ID)
  const title = line(value.title, MAX_TITLE)
  if (id === null || title === null || !Array.isArray(value.steps)) return null
  if (value.steps.length === 0 || value.steps.length > MAX_PLAY_STEPS) return null
  const steps: PlayStep[] = []
  const ids = new Set<string>()
  for (const raw of value.steps) {
    const step = parseStep(raw)
    if (step === null || ids.has(step.id)) return null
    ids.add(step.id)
    steps.push(step)
  }
  return { id, title, steps }
}

/**
 * The agenda as stored, or null when none runs or the stored value is unusable.
 *
 * @example
 * readAgenda(doc)?.current.title // 'Brainstorm impacts'
 */
export function readAgenda(doc: Y.Doc): Agenda | null {
  return parseAgenda(getMeta(doc)?.get('agenda'))
}

/** `meta.agenda` from untrusted JSON; see readAgenda. */
export function parseAgenda(value: unknown): Agenda | null {
  if (!isRecord(value)) return null
  const play = parsePlay(value.play)
  const step = value.step
  const startedAt = value.stepStartedAt
  if (play === null || typeof step !== 'number' || !Number.isInteger(step)) return null
  if (step < 0 || step >= play.steps.length) return null
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt) || startedAt < 0) return null
  const current = play.steps[step]
  if (current === undefined) return null
  return { play, step, stepStartedAt: startedAt as EpochMs, current }
}

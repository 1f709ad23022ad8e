/**
 * What the agenda shows, as plain data: where the room is in the play, the list of steps, where
 * a step takes everyone, and the facilitator's setup form (which play, which steps, how long).
 * The element (sb-agenda.ts) only draws this.
 */
import type { Phase } from '../../core/board/board-model'
import type { Agenda } from '../../core/play/agenda'
import { editPlay, moveStep, type StepEdit } from '../../core/play/edit-play'
import {
  MAX_STEP_MINUTES,
  OKR_PLAY,
  PLAYS,
  playMinutes,
  type Play,
  type PlayStep,
  type StepView,
} from '../../core/play/play-model'
import type { OkrTab } from '../okr/workspace-tabs'
import { PHASE_LABELS } from './phase-steps'

/** Where the board screen goes for a step: the canvas, or the OKR workspace on one tab. */
export type StepTarget =
  { readonly view: 'board'; readonly tab: null } | { readonly view: 'okrs'; readonly tab: OkrTab }

const TARGETS: Record<StepView, StepTarget> = {
  board: { view: 'board', tab: null },
  okrs: { view: 'okrs', tab: 'editor' },
  dashboard: { view: 'okrs', tab: 'dashboard' },
  checkins: { view: 'okrs', tab: 'checkins' },
  retro: { view: 'okrs', tab: 'retro' },
}

const VIEW_LABELS: Record<StepView, string> = {
  board: 'Board',
  okrs: 'OKR editor',
  dashboard: 'OKR dashboard',
  checkins: 'Check-ins',
  retro: 'Retrospective',
}

export function stepTarget(view: StepView): StepTarget {
  return TARGETS[view]
}

export type StepState = 'done' | 'current' | 'next' | 'later'

export interface AgendaRow {
  readonly index: number
  readonly id: string
  readonly title: string
  readonly minutes: number
  readonly state: StepState
  /** "Brainstorm · Board": the phase it sets (if any) and where it takes everyone. */
  readonly where: string
  /** The facilitator may change its minutes: the current step or one still to come. */
  readonly editable: boolean
  /** A step still to come that can swap with the one above / below it (also still to come). */
  readonly canMoveUp: boolean
  readonly canMoveDown: boolean
}

export interface AgendaView {
  readonly playTitle: string
  /** "Step 2 of 9". */
  readonly position: string
  readonly step: PlayStep
  readonly index: number
  readonly total: number
  readonly phase: Phase | null
  readonly phaseLabel: string | null
  readonly viewLabel: string
  readonly target: StepTarget
  readonly rows: readonly AgendaRow[]
  readonly totalMinutes: number
  readonly canBack: boolean
  readonly canNext: boolean
  /**
   * Changes each time the room enters a step (even the same step again): each person is taken
   * to the step's view once per arrival, then moves freely.
   */
  readonly arrival: string
}

function where(step: PlayStep): string {
  const view = VIEW_LABELS[step.view]
  return step.phase === null ? view : `${PHASE_LABELS[step.phase]} · ${view}`
}

function stateOf(index: number, current: number): StepState {
  if (index < current) return 'done'
  if (index === current) return 'current'
  return index === current + 1 ? 'next' : 'later'
}

/**
 * @example
 * agendaView(readAgenda(doc)!).position // 'Step 1 of 9'
 */
export function agendaView(agenda: Agenda): AgendaView {
  const { play, step: index, current } = agenda
  const total = play.steps.length
  return {
    playTitle: play.title,
    position: `Step ${index + 1} of ${total}`,
    step: current,
    index,
    total,
    phase: current.phase,
    phaseLabel: current.phase === null ? null : PHASE_LABELS[current.phase],
    viewLabel: VIEW_LABELS[current.view],
    target: stepTarget(current.view),
    rows: play.steps.map((step, i) => ({
      index: i,
      id: step.id,
      title: step.title,
      minutes: step.minutes,
      state: stateOf(i, index),
      where: where(step),
      editable: i >= index,
      canMoveUp: i > index + 1,
      canMoveDown: i > index && i < total - 1,
    })),
    totalMinutes: playMinutes(play),
    canBack: index > 0,
    canNext: index < total - 1,
    arrival: `${play.id}#${index}@${agenda.stepStartedAt}`,
  }
}

/** The facilitator's choices before starting: a play and the edits to its steps. */
export interface AgendaSetup {
  readonly playId: string
  readonly edits: Readonly<Record<string, StepEdit>>
}

export const DEFAULT_SETUP: AgendaSetup = { playId: OKR_PLAY.id, edits: {} }

export interface SetupRow {
  readonly id: string
  readonly title: string
  readonly minutes: number
  readonly included: boolean
}

export interface SetupView {
  readonly plays: readonly {
    readonly id: string
    readonly title: string
    readonly chosen: boolean
  }[]
  readonly rows: readonly SetupRow[]
  /** The play to start, or null when every step was left out. */
  readonly play: Play | null
  /** "6 steps · 95 min". */
  readonly summary: string
}

function basePlay(setup: AgendaSetup): Play {
  return PLAYS.find((play) => play.id === setup.playId) ?? OKR_PLAY
}

export function setupView(setup: AgendaSetup): SetupView {
  const base = basePlay(setup)
  const play = editPlay(base, setup.edits)
  return {
    plays: PLAYS.map((p) => ({ id: p.id, title: p.title, chosen: p.id === base.id })),
    rows: base.steps.map((step) => {
      const edit = Object.hasOwn(setup.edits, step.id) ? setup.edits[step.id] : undefined
      const edited = play?.steps.find((s) => s.id === step.id)
      return {
        id: step.id,
        title: step.title,
        minutes: edited?.minutes ?? clampMinutes(edit?.minutes ?? step.minutes),
        included: edit?.drop !== true,
      }
    }),
    play,
    summary:
      play === null
        ? 'Choose at least one step'
        : `${play.steps.length} ${play.steps.length === 1 ? 'step' : 'steps'} · ${playMinutes(play)} min`,
  }
}

function clampMinutes(value: number): number {
  return Number.isFinite(value) ? Math.min(MAX_STEP_MINUTES, Math.max(1, Math.round(value))) : 1
}

/** Another play chosen: the edits belonged to the previous one. */
export function choosePlay(setup: AgendaSetup, playId: string): AgendaSetup {
  return setup.playId === playId ? setup : { playId, edits: {} }
}

export function setStepMinutes(setup: AgendaSetup, id: string, text: string): AgendaSetup {
  const minutes = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(minutes)) return setup
  return { ...setup, edits: { ...setup.edits, [id]: { ...setup.edits[id], minutes } } }
}

export function includeStep(setup: AgendaSetup, id: string, included: boolean): AgendaSetup {
  return { ...setup, edits: { ...setup.edits, [id]: { ...setup.edits[id], drop: !included } } }
}

/**
 * The running play without one of the steps still to come (the list's "Drop"), or null when
 * that step is not one still to come.
 */
export function withoutStep(agenda: Agenda, index: number): Play | null {
  if (index <= agenda.step || index >= agenda.play.steps.length) return null
  const id = agenda.play.steps[index]!.id
  return editPlay(agenda.play, { [id]: { drop: true } })
}

/** The running play after a minutes field was committed, or why the text was refused. */
export type MinutesEdit =
  { readonly play: Play; readonly error: null } | { readonly play: null; readonly error: string }

export const MINUTES_ERROR = `Minutes: a whole number from 1 to ${MAX_STEP_MINUTES}`

/**
 * The running play with step `index` (the current one or one still to come) given the minutes
 * typed in `text`; junk, decimals and out-of-range numbers are refused with a message, not
 * clamped, so nobody's agenda changes to a number they did not type.
 *
 * @example
 * withStepMinutes(agenda, 2, '12').play?.steps[2]?.minutes // 12
 */
export function withStepMinutes(agenda: Agenda, index: number, text: string): MinutesEdit {
  const step = agenda.play.steps[index]
  if (step === undefined || index < agenda.step) {
    return { play: null, error: 'Only the current step and steps still to come can change' }
  }
  const trimmed = text.trim()
  const minutes = Number(trimmed)
  if (!/^\d+$/.test(trimmed) || minutes < 1 || minutes > MAX_STEP_MINUTES) {
    return { play: null, error: MINUTES_ERROR }
  }
  return { play: editPlay(agenda.play, { [step.id]: { minutes } }) ?? agenda.play, error: null }
}

/**
 * The running play with the step still to come at `index` moved one place up (-1) or down (+1)
 * among the steps still to come, or null when that move is not allowed.
 */
export function withStepMoved(agenda: Agenda, index: number, by: -1 | 1): Play | null {
  const to = index + by
  if (index <= agenda.step || to <= agenda.step) return null
  return moveStep(agenda.play, index, to)
}

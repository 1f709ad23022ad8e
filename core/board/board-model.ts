/**
 * Typed read models of the board document: plain, repaired objects derived from the Y.Doc
 * (see docs/document-schema.md). UI, server exports and core/convert consume these, never the
 * raw Y types.
 */
import type { CheckIn, EpochMs, Initiative, KeyResult, Objective } from '../okr/okr-model'
import type { Member } from './members'

export const PHASES = ['brainstorm', 'group', 'vote', 'review'] as const
export type Phase = (typeof PHASES)[number]

export interface TimerState {
  readonly startedAt: EpochMs
  readonly durationMs: number
  /** When the facilitator paused it, or null while it runs (a timer stored without it runs). */
  readonly pausedAt: EpochMs | null
}

export interface BoardMeta {
  readonly schemaVersion: number
  readonly title: string
  readonly phase: Phase
  readonly voteBudget: number
  readonly votesRevealed: boolean
  readonly notesRevealed: boolean
  readonly timer: TimerState | null
  readonly timeframe: { readonly start: EpochMs; readonly end: EpochMs } | null
}

export interface Note {
  readonly id: string
  readonly text: string
  readonly x: number
  readonly y: number
  readonly color: string
  readonly author: string
  readonly groupId: string | null
  readonly createdAt: EpochMs
}

export interface Group {
  readonly id: string
  readonly title: string
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly color: string
}

/** Board-side provenance and ordering that the pure OKR model does not carry. */
export interface ObjectiveRecord extends Objective {
  readonly sourceGroupId: string | null
  readonly order: number
}

export interface KeyResultRecord extends KeyResult {
  readonly sourceNoteIds: readonly string[]
  readonly order: number
  /**
   * False when the stored `target` is null (a converted note without a number). A null stored
   * `start` or `target` reads as 0. `readBoard` always sets it; absent means measurable.
   */
  readonly measurable?: boolean
  /**
   * The `target` before the one stretch ("amp up your ambition"), written by `stretchKeyResult`
   * together with the stretched target; null or absent when never stretched. Kept so the stretch
   * is applied once and people see what the target was ("stretched from 45").
   */
  readonly originalTarget?: number | null
  /**
   * The team is totally confident it will hit the target ("amp up your ambition": stretch
   * these by ~30 %). Only a key result marked so carries it; absent reads as not confident.
   */
  readonly confident?: boolean
}

export interface InitiativeRecord extends Initiative {
  readonly sourceNoteIds: readonly string[]
}

/**
 * Votes after the budget is enforced: per target the number of counted dots, per voter the
 * dots counted for them. Deterministic on every peer (see core/board/vote-tally.ts).
 */
export interface VoteTally {
  readonly byTarget: ReadonlyMap<string, number>
  readonly byVoter: ReadonlyMap<string, ReadonlyMap<string, number>>
}

/** Everything on one board, repaired and typed. */
export interface BoardSnapshot {
  readonly meta: BoardMeta
  readonly notes: readonly Note[]
  readonly groups: readonly Group[]
  readonly tally: VoteTally
  readonly objectives: readonly ObjectiveRecord[]
  readonly keyResults: readonly KeyResultRecord[]
  readonly checkIns: readonly CheckIn[]
  readonly initiatives: readonly InitiativeRecord[]
  /**
   * Who has joined (core/board/members.ts), to resolve owner ids to names. `readBoard` always
   * sets it; absent (a snapshot built by hand) means nobody, so every owner reads as typed.
   */
  readonly members?: readonly Member[]
}

/**
 * The OKR play as data: its sessions and timed steps, each with the prompt the facilitator
 * poses, what the team does in the app meanwhile, the board phase and view everyone is taken
 * to, and the help the app gives during it. A play is a plain value, so a team shortens or
 * reorders one (the 30-minute leadership variant below) without code, and a board stores the
 * play it runs in `meta.agenda` (./agenda.ts). Text follows ../shared/reference/000 (Atlassian's
 * OKR play, CC BY-SA 3.0).
 */
import type { Phase } from '../board/board-model'

/** Where a step takes everyone: the canvas, or one tab of the OKR workspace. */
export const STEP_VIEWS = ['board', 'okrs', 'dashboard', 'checkins', 'retro'] as const
export type StepView = (typeof STEP_VIEWS)[number]

/** The step-aware help shown beside the agenda (client/facilitation/step-help). */
export const STEP_HELPS = [
  'cheat-sheet',
  'brainstorm',
  'key-results',
  'ambition',
  'loose-ends',
  'scoring',
  'retro-facts',
] as const
export type StepHelp = (typeof STEP_HELPS)[number]

/** The play's three meetings: setting OKRs, the monthly scoring, the end-of-quarter retro. */
export const SESSIONS = ['setting', 'scoring', 'retro'] as const
export type Session = (typeof SESSIONS)[number]

export interface PlayStep {
  /** Stable within a play: "I'm done" marks and the step-help refer to it. */
  readonly id: string
  readonly title: string
  /** The time box; the shared timer starts with it when the step begins. */
  readonly minutes: number
  /** The question or instruction the facilitator poses, shown to everyone. */
  readonly prompt: string
  /** What the team does in the app during the step, in one line. */
  readonly activity: string
  /** The board phase the step needs, or null to leave the phase as it is. */
  readonly phase: Phase | null
  readonly view: StepView
  readonly help: StepHelp | null
  readonly session: Session
}

export interface Play {
  readonly id: string
  readonly title: string
  readonly steps: readonly PlayStep[]
}

export const MAX_PLAY_STEPS = 30
export const MAX_STEP_MINUTES = 24 * 60

export const CHEAT_SHEET: readonly string[] = [
  'Put the customer first',
  'Don’t skimp on ambition',
  'Tie OKRs to larger company goals',
  'Just enough Os and KRs is enough',
  'If you can’t measure it, it’s not a good KR',
  'KRs are outcomes – not tasks',
  'Assign KR owners',
]

// The retrospective's questions live with their stored answers (RETRO_QUESTIONS in
// core/board/commands/retro.ts): one list, so the step help asks what the tab records.

const SET_THE_STAGE: PlayStep = {
  id: 'set-the-stage',
  title: 'Set the stage',
  minutes: 5,
  prompt:
    'Objectives are qualitative and far-reaching; key results are measurable outcomes. Scores run from 0 to 1, and 0.7 is a success: OKRs are supposed to be uncomfortable.',
  activity: 'Read the cheat-sheet together.',
  phase: 'brainstorm',
  view: 'board',
  help: 'cheat-sheet',
  session: 'setting',
}

const BRAINSTORM: PlayStep = {
  id: 'brainstorm',
  title: 'Brainstorm impacts',
  minutes: 10,
  prompt: 'What are the most important impacts we need to make in the coming quarter?',
  activity: 'Write one idea per sticky note; they stay private until the facilitator reveals them.',
  phase: 'brainstorm',
  view: 'board',
  help: 'brainstorm',
  session: 'setting',
}

const GROUP: PlayStep = {
  id: 'group',
  title: 'Group similar ideas',
  minutes: 10,
  prompt: 'Group similar ideas together and name each group as an aspiration.',
  activity: 'Drag notes into frames, or apply a suggested grouping.',
  phase: 'group',
  view: 'board',
  help: null,
  session: 'setting',
}

const VOTE: PlayStep = {
  id: 'vote',
  title: 'Distil 3 to 5 objectives',
  minutes: 10,
  prompt: 'Which groups are our 3 to 5 aspirational objectives? Spend your dots on them.',
  activity: 'Dot-vote on groups; the facilitator reveals the votes and converts the top groups.',
  phase: 'vote',
  view: 'board',
  help: null,
  session: 'setting',
}

const KEY_RESULTS: PlayStep = {
  id: 'key-results',
  title: 'Identify key results',
  minutes: 60,
  prompt:
    'For each objective: what results would we see, and measure, if we reached it? Results, not tasks. Give each key result an owner.',
  activity: 'Edit the drafted key results together; set start, target and owner.',
  phase: 'review',
  view: 'okrs',
  help: 'key-results',
  session: 'setting',
}

const AMBITION: PlayStep = {
  id: 'ambition',
  title: 'Amp up ambition',
  minutes: 15,
  prompt:
    'Are these ambitious enough? Where we are confident, raise the target by about 30 %. Three objectives with 2–3 key results each suits a team of 7–9.',
  activity: 'Stretch the confident key results; trim or merge to the right count.',
  phase: 'review',
  view: 'okrs',
  help: 'ambition',
  session: 'setting',
}

const NEXT_STEPS: PlayStep = {
  id: 'next-steps',
  title: 'Agree next steps',
  minutes: 10,
  prompt:
    'Any loose ends before we go into execution? Placeholder numbers to firm up, co-owners to recruit, a follow-up session to schedule?',
  activity: 'Fix the loose ends listed; send the calendar invites.',
  phase: 'review',
  view: 'okrs',
  help: 'loose-ends',
  session: 'setting',
}

const SCORING: PlayStep = {
  id: 'scoring',
  title: 'Monthly scoring',
  minutes: 30,
  prompt:
    'How are we tracking? Give each key result a predicted end-of-quarter score, with a comment on how you came to it.',
  activity: 'Check in on every key result: value, predicted score, comment.',
  phase: null,
  view: 'checkins',
  help: 'scoring',
  session: 'scoring',
}

const RETRO: PlayStep = {
  id: 'retro',
  title: 'Retrospective',
  minutes: 60,
  prompt: 'Give each key result a final score, then reflect on the quarter as a whole.',
  activity: 'Answer the retrospective questions; the facts of the quarter are filled in.',
  phase: null,
  view: 'retro',
  help: 'retro-facts',
  session: 'retro',
}

/** The whole play: setting (120 min over five steps), then monthly scoring and the retro. */
export const OKR_PLAY: Play = {
  id: 'okr-play',
  title: 'OKR play (team)',
  steps: [
    SET_THE_STAGE,
    BRAINSTORM,
    GROUP,
    VOTE,
    KEY_RESULTS,
    AMBITION,
    NEXT_STEPS,
    SCORING,
    RETRO,
  ],
}

/**
 * The play's leadership variant: a 30-minute session that chooses objectives and assigns each an
 * owner, who then builds out the key results with their team.
 */
export const LEADERSHIP_PLAY: Play = {
  id: 'leadership-30',
  title: 'Leadership: choose objectives (30 min)',
  steps: [
    { ...SET_THE_STAGE, minutes: 3 },
    { ...BRAINSTORM, minutes: 8 },
    { ...GROUP, minutes: 7 },
    { ...VOTE, minutes: 7 },
    {
      ...NEXT_STEPS,
      id: 'owners',
      title: 'Assign objective owners',
      minutes: 5,
      prompt: 'Who owns each objective and will build out its key results with their team?',
      activity: 'Set an owner on every objective; schedule the follow-up.',
    },
  ],
}

export const PLAYS: readonly Play[] = [OKR_PLAY, LEADERSHIP_PLAY]

/** The minutes a play takes in all, or in one session. */
export function playMinutes(play: Play, session?: Session): number {
  return play.steps
    .filter((step) => session === undefined || step.session === session)
    .reduce((sum, step) => sum + step.minutes, 0)
}

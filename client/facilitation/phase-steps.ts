/** What the phase bar shows: every phase in order, which one the board is in, which can be chosen. */
import { PHASES, type Phase } from '../../core/board/board-model'

export const PHASE_LABELS: Record<Phase, string> = {
  brainstorm: 'Brainstorm',
  group: 'Group',
  vote: 'Vote',
  review: 'Review',
}

export interface PhaseStep {
  readonly phase: Phase
  readonly label: string
  readonly current: boolean
  /** A facilitator moves everyone to any phase; other links only show where the board is. */
  readonly selectable: boolean
  readonly hint: string
}

export function phaseSteps(current: Phase, canFacilitate: boolean): PhaseStep[] {
  return PHASES.map((phase) => ({
    phase,
    label: PHASE_LABELS[phase],
    current: phase === current,
    selectable: canFacilitate,
    hint: `Move everyone to ${PHASE_LABELS[phase]}`,
  }))
}

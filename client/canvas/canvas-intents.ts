/**
 * What the canvas makes of the board's canvas intents (client/board/board-controller.ts): a
 * focus request is acted on once, by its sequence number; the grouping preview is state, drawn
 * for as long as it is set.
 */
import type { CanvasIntents } from '../board/board-controller'
import type { ProposalOutline } from './overlay-shapes'

/** The notes of a focus request not acted on yet (`seen` is the last seq acted on), or null. */
export function newFocus(intents: CanvasIntents, seen: number): readonly string[] | null {
  const focus = intents.focus
  return focus !== null && focus.seq > seen ? focus.noteIds : null
}

/** The grouping proposals as the canvas outlines them; null when none are under review. */
export function proposalOutlines(preview: CanvasIntents['preview']): ProposalOutline[] | null {
  return preview === null ? null : preview.map((p) => ({ noteIds: p.noteIds, title: p.title }))
}

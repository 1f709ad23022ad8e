/**
 * One local change as an undo step the UI can point at: "undo that deletion", offered only
 * while it is still the person's latest step (Y.UndoManager can only undo from the top, and
 * undoing a newer step instead would revert the wrong thing). Views hold the opaque step; only
 * client/board touches the undo manager.
 */
import type { BoardCommand, BoardController } from './board-controller'

/** A change this person made, as an undo step; opaque outside client/board. */
export interface UndoStep {
  readonly board: BoardController
  readonly item: unknown
}

/**
 * Runs a command as an undo step of its own. Null when it was refused (it wrote nothing and
 * its reason is the board's notice).
 */
export function runAsStep<A>(
  board: BoardController,
  command: BoardCommand<A, unknown>,
  args: A,
): UndoStep | null {
  board.newUndoStep()
  if (!board.attempt(command, args)) return null
  board.newUndoStep()
  return { board, item: board.undoSteps.latestStep }
}

export function isLatestStep(step: UndoStep): boolean {
  return step.board.undoSteps.latestStep === step.item
}

/** Undoes the step if it is still the latest; returns whether it did. */
export function undoStep(step: UndoStep): boolean {
  if (!isLatestStep(step)) return false
  step.board.undo()
  return true
}

/** Calls back on every new local undo step; returns the unsubscribe. */
export function onNewStep(board: BoardController, callback: () => void): () => void {
  return board.undoSteps.onStep(callback)
}

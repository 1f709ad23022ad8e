/**
 * Runs core commands straight on a session, for the canvas's gestures (CanvasActions). This is
 * where their doc and origin are handed over, so client/canvas never touches the Y.Doc itself.
 * Unlike BoardController.run, a refusal is not caught here: it throws to the gesture's caller
 * (CanvasBoardLink.act), which shows the notice, having written nothing.
 */
import type { BoardCommand } from './board-controller'
import type { BoardSession } from './board-context'

export interface CommandRunner {
  readonly identity: { readonly id: string }
  /** Runs the command as this person (the session's origin, so undo tracks it); may throw. */
  run<A, R>(command: BoardCommand<A, R>, args: A): R
  /** Ends the current undo step, so the next command is undone on its own. */
  newUndoStep(): void
  undo(): void
  redo(): void
}

export type RunnerSession = Pick<BoardSession, 'doc' | 'origin' | 'undoManager' | 'identity'>

/**
 * @example
 * sessionRunner(session).run(recolourSelection, { noteIds: ['n1'], groupIds: [], color: 'red' })
 */
export function sessionRunner(session: RunnerSession): CommandRunner {
  return {
    get identity() {
      return session.identity
    },
    run: (command, args) => command(session.doc, args, session.origin),
    newUndoStep: () => session.undoManager.stopCapturing(),
    undo: () => void session.undoManager.undo(),
    redo: () => void session.undoManager.redo(),
  }
}

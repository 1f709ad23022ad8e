/**
 * The canvas's gestures as commands on this board. CanvasActions (client/canvas/canvas-actions.ts)
 * still takes the session's doc, origin, undo manager and identity; this is the one place that
 * hands it them, so the canvas itself never holds the session.
 */
import type { BoardController } from './board-controller'
import { CanvasActions, type SceneModel } from '../canvas/canvas-actions'

export function canvasCommands(board: BoardController, scene: SceneModel): CanvasActions {
  return new CanvasActions(board.session, scene)
}

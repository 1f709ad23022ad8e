/**
 * What the canvas's input handlers (pointer, keyboard, inline text) need of the element: the
 * scene, the open board, the selection and the viewport. An interface, so each handler holds
 * only this and the element stays the one place that owns the state.
 */
import type { BoardScene } from './board-scene'
import type { CanvasBoardLink } from './canvas-board-link'
import type { CanvasViewport } from './canvas-viewport'
import type { StagePoint } from './geometry'

export interface CanvasHost {
  /** The <sb-board-canvas>: what takes focus, where the board is on screen, whose keys these are. */
  readonly element: HTMLElement
  /** Where the inline editors are put. */
  readonly renderRoot: ParentNode
  /** The Konva container, which shows the pan cursors. */
  readonly stageEl: HTMLElement | null
  readonly scene: BoardScene | null
  /** The open board, once both it and the scene are there. */
  readonly link: CanvasBoardLink | null
  readonly canEdit: boolean
  readonly view: CanvasViewport
  readonly selection: readonly string[]
  setSelection(ids: readonly string[]): void
  /** A client-pixel position as a point on the board. */
  stagePointOf(e: { clientX: number; clientY: number }): StagePoint
}

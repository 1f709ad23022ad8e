/**
 * Everything that ties the scene to one open board, made when the board and the scene are both
 * there and undone when either goes: the scene binding, the gestures' commands, and presence
 * (our cursor and selection out, everyone else's cursors and selections in).
 */
import type { BoardController } from '../board/board-controller'
import { commandMessage } from '../board/command-messages'
import { bindScene, type BoardBinding } from '../board/scene-binding'
import type { BoardScene } from './board-scene'
import { CanvasActions } from './canvas-actions'
import { PresenceLayer } from './presence-layer'
import { peersOf } from './presence-state'
import type { Throttled } from './throttle'
import { throttle } from './throttle'

const CURSOR_HZ = 30

export class CanvasBoardLink {
  private readonly actions: CanvasActions
  private readonly binding: BoardBinding
  private readonly presence: PresenceLayer
  private readonly cursor: Throttled<[{ x: number; y: number } | null]>
  private presenceFrame = 0

  constructor(
    readonly board: BoardController,
    private readonly scene: BoardScene,
    /** After the document changed these notes or frames in the scene. */
    onChange: (ids: ReadonlySet<string>) => void,
  ) {
    this.actions = new CanvasActions(board, scene)
    this.presence = new PresenceLayer(scene)
    this.binding = bindScene(board, scene, { onChange })
    this.cursor = throttle((at: { x: number; y: number } | null) => {
      board.awareness.setLocalStateField('cursor', at)
    }, 1000 / CURSOR_HZ)
    this.binding.start()
    board.awareness.on('change', this.onAwareness)
    this.onAwareness()
  }

  /** Leaves the scene empty, as it was before this board. */
  stop(): void {
    this.cursor.cancel()
    this.board.awareness.off('change', this.onAwareness)
    this.binding.stop()
    cancelAnimationFrame(this.presenceFrame)
    this.presenceFrame = 0
    for (const n of [...this.scene.allNotes()]) this.scene.removeNote(n.id)
    this.scene.setGroups([])
    this.presence.update(new Map())
  }

  /**
   * Runs a gesture's command. A refused one (a note a peer deleted a moment ago, a limit
   * reached) wrote nothing; the person reads why in the board's notice, and the pointer
   * handler carries on.
   */
  act<T>(gesture: (actions: CanvasActions) => T): T | undefined {
    try {
      return gesture(this.actions)
    } catch (error) {
      this.board.notify(commandMessage(error))
      return undefined
    }
  }

  /** Where our pointer is on the board (stage units), sent at most 30 times a second. */
  publishCursor(at: { x: number; y: number }): void {
    this.cursor({ x: Math.round(at.x), y: Math.round(at.y) })
  }

  /** The pointer left the board: others stop seeing our cursor at once. */
  hideCursor(): void {
    this.cursor.cancel()
    this.board.awareness.setLocalStateField('cursor', null)
  }

  publishSelection(ids: readonly string[]): void {
    this.board.awareness.setLocalStateField('selection', [...ids])
  }

  /** Cursor sizes follow the zoom. */
  rescale(): void {
    this.presence.rescale()
  }

  /** Awareness changes many times a second; the cursors are redrawn once a frame. */
  private readonly onAwareness = (): void => {
    if (this.presenceFrame) return
    this.presenceFrame = requestAnimationFrame(() => {
      this.presenceFrame = 0
      const awareness = this.board.awareness
      this.presence.update(peersOf(awareness.getStates(), awareness.clientID))
    })
  }
}

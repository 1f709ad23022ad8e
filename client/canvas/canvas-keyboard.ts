/**
 * The canvas's keyboard: shortcuts (./keymap) for keys aimed at the board, and Space held down
 * to pan with the pointer.
 */
import type { CanvasHost } from './canvas-host'
import type { CanvasTextEditing } from './canvas-text-editing'
import type { CanvasAction } from './keymap'
import { EDITING_ACTIONS, isTypingTarget, resolveShortcut } from './keymap'
import { newNoteAtCentre } from './new-note'

/** What the keyboard does beyond the host: help and text editing live on the element. */
export interface KeyboardHost extends CanvasHost {
  readonly editing: CanvasTextEditing
  helpOpen: boolean
}

/**
 * Whether a key event is aimed at the board: pressed on it, or on nothing in particular.
 * Delete pressed on a focused button in another panel must not delete the selected notes.
 */
export function aimedAt(board: EventTarget, path: readonly EventTarget[], doc: Document): boolean {
  const origin = path[0]
  return path.includes(board) || origin === doc.body || origin === doc.documentElement
}

export class CanvasKeyboard {
  /** Space is down: a press on the board pans instead of selecting. */
  spaceHeld = false

  constructor(private readonly host: KeyboardHost) {}

  connect(): void {
    window.addEventListener('keydown', this.onKeyDown)
    window.addEventListener('keyup', this.onKeyUp)
    window.addEventListener('blur', this.onWindowBlur)
  }

  disconnect(): void {
    window.removeEventListener('keydown', this.onKeyDown)
    window.removeEventListener('keyup', this.onKeyUp)
    window.removeEventListener('blur', this.onWindowBlur)
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || !this.host.scene || !this.host.link) return
    const path = e.composedPath()
    const origin = path[0]
    if (isTypingTarget(origin instanceof Element ? (origin as HTMLElement) : null)) return
    if (!aimedAt(this.host.element, path, document)) return
    if (e.key === ' ') {
      this.holdSpace(true)
      e.preventDefault()
      return
    }
    const shortcut = resolveShortcut(e)
    if (!shortcut) return
    if (EDITING_ACTIONS.has(shortcut.action) && !this.host.canEdit) return
    e.preventDefault()
    this.perform(shortcut.action, shortcut.step)
  }

  private readonly onKeyUp = (e: KeyboardEvent): void => {
    if (e.key === ' ') this.holdSpace(false)
  }

  private readonly onWindowBlur = (): void => {
    this.holdSpace(false)
  }

  private holdSpace(held: boolean): void {
    this.spaceHeld = held
    this.host.stageEl?.classList.toggle('pan', held)
  }

  /** Runs a shortcut's action, or the same action from a toolbar button. */
  perform(action: CanvasAction, step: number): void {
    const { link, scene, selection: ids } = this.host
    if (!link || !scene) return
    const nudge = NUDGES.get(action)
    if (nudge) {
      link.act((a) => a.nudge(ids, nudge[0] * step, nudge[1] * step))
      return
    }
    switch (action) {
      case 'delete':
        if (ids.length > 0) link.act((a) => a.delete(ids))
        this.host.setSelection([])
        break
      case 'duplicate': {
        const copies = link.act((a) => a.duplicate(ids)) ?? []
        if (copies.length > 0) this.host.setSelection(copies)
        break
      }
      case 'undo':
        link.board.undo()
        break
      case 'redo':
        link.board.redo()
        break
      case 'select-all':
        this.host.setSelection([...scene.allNotes()].map((n) => n.id))
        break
      case 'deselect':
        if (this.host.helpOpen) this.host.helpOpen = false
        else this.host.setSelection([])
        break
      case 'help':
        this.host.helpOpen = !this.host.helpOpen
        break
      case 'new-note':
        newNoteAtCentre(this.host)
        break
      default:
        this.view(action, ids)
    }
  }

  private view(action: CanvasAction, ids: readonly string[]): void {
    const first = ids[0]
    if (action === 'zoom-in') this.host.view.zoomIn()
    else if (action === 'zoom-out') this.host.view.zoomOut()
    else if (action === 'zoom-to-fit') this.host.view.zoomToFit()
    else if (action === 'edit' && ids.length === 1 && first !== undefined)
      this.host.editing.edit(first)
  }
}

/** Arrow-key nudges: the direction each moves the selection, times the step. */
const NUDGES: ReadonlyMap<CanvasAction, readonly [number, number]> = new Map([
  ['nudge-left', [-1, 0]],
  ['nudge-right', [1, 0]],
  ['nudge-up', [0, -1]],
  ['nudge-down', [0, 1]],
])

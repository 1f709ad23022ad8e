/**
 * Typing on the canvas: the inline editor laid over a note or a frame's title, kept over it as
 * the view moves, and closed when its note disappears. The editor itself, bound to the shared
 * text, is in client/board/note-text-binding.ts.
 */
import { colorOr } from '../../core/board/colors'
import { DEFAULT_NOTE_COLOR } from '../../core/board/schema'
import { openTextEditor, type InlineEditor } from '../board/note-text-binding'
import type { CanvasHost } from './canvas-host'
import { noteRect } from './hit-test'

type Kind = 'note' | 'title'

/** Padding and font size of the editor at 100 %, matching how notes and titles are drawn. */
const EDITOR_LOOK: Readonly<Record<Kind, { padding: number; fontSize: number }>> = {
  note: { padding: 12, fontSize: 16 },
  title: { padding: 2, fontSize: 18 },
}

export class CanvasTextEditing {
  private editor: { id: string; kind: Kind; view: InlineEditor } | null = null

  constructor(private readonly host: CanvasHost) {}

  /** Edits a note's text, or a frame's title when `id` is a frame. */
  edit(id: string): void {
    if (this.host.scene?.hasNote(id)) this.editNote(id)
    else this.editTitle(id)
  }

  /**
   * `fresh`: the note was just made to be typed into. Esc on it while still empty takes it away
   * again, as Miro and FigJam do, instead of leaving a blank card behind.
   */
  editNote(id: string, fresh = false): void {
    const note = this.host.scene?.note(id)
    if (!note) return
    this.open(id, 'note', note.look.color, fresh)
  }

  editTitle(id: string): void {
    this.open(id, 'title', '#ffffff')
  }

  close(): void {
    this.editor?.view.close()
  }

  /** The document changed these notes or frames: follow a move, or close if the note went. */
  follow(ids: ReadonlySet<string>): void {
    const editor = this.editor
    if (!editor || !ids.has(editor.id)) return
    if (editor.kind === 'note' && !this.host.scene?.hasNote(editor.id)) editor.view.close()
    else this.position()
  }

  /** Keeps the editor over what it edits (after a pan, a zoom or a resize). */
  position(): void {
    const scene = this.host.scene
    const editor = this.editor
    if (!scene || !editor) return
    // The model, not the node: a remote move tweens the node, the editor jumps to the end.
    const n = editor.kind === 'note' ? scene.note(editor.id) : undefined
    const screen = n
      ? scene.toScreenRect(noteRect(n))
      : editor.kind === 'title'
        ? scene.titleRect(editor.id)
        : null
    const look = EDITOR_LOOK[editor.kind]
    if (screen) editor.view.position(screen, scene.viewport.scale, look.padding, look.fontSize)
  }

  private open(id: string, kind: Kind, background: string, fresh = false): void {
    const board = this.host.link?.board
    if (!board || !this.host.canEdit) return
    this.editor?.view.close()
    const collection = kind === 'note' ? 'notes' : 'groups'
    const view = openTextEditor(board, this.host.renderRoot, { collection, id }, ({ escaped }) => {
      if (this.editor?.view === view) this.editor = null
      if (fresh && escaped && view?.textarea.value.trim() === '') {
        this.host.link?.act((a) => a.delete([id]))
      }
      this.host.element.focus({ preventScroll: true })
    })
    if (!view) return
    // Read models already hold a checked colour; this sink re-checks so no path reaches CSS raw.
    view.textarea.style.setProperty('--sb-editor-bg', colorOr(background, DEFAULT_NOTE_COLOR))
    this.editor = { id, kind, view }
    this.position()
  }
}

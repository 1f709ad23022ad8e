/**
 * What the canvas can do to the document, each a core command run with the session's origin
 * (so undo sees exactly the local user's changes). Ids and timestamps are made here because
 * core has neither randomness nor a clock.
 */
import type { EpochMs } from '../../core/okr/okr-model'
import {
  assignNotes,
  createGroup,
  deleteGroup,
  recolourGroup,
  setGroupBounds,
  unassignNotes,
} from '../../core/board/commands/groups'
import {
  createNote,
  deleteNotes,
  duplicateNotes,
  moveNotes,
  recolourNotes,
} from '../../core/board/commands/notes'
import type { TextDeltaOp } from '../../core/board/commands/text'
import { editText } from '../../core/board/commands/text'
import type { TextRoot } from '../../core/board/schema'
import type { BoardSession } from '../board/board-context'
import type { SceneNote } from './scene-model'
import type { Group } from '../../core/board/board-model'
import { assignmentsAfterDrop, byTarget } from './drop-into-frame'
import { FRAME_MIN_SIZE } from './frame-node'
import { newId as newIdFromCrypto } from '../board/ids'
import { NOTE_HEIGHT, NOTE_WIDTH, frameAt, unionNotes } from './hit-test'

/** Offset of a duplicate from its source, so the copy is visibly a copy. */
const DUPLICATE_OFFSET = 24
const FRAME_PADDING = 24

/** What the actions read about the board: the scene in the app, plain reads in tests. */
export interface SceneModel {
  hasNote(id: string): boolean
  note(id: string): SceneNote | undefined
  group(id: string): Group | undefined
  allGroups(): Group[]
}

export class CanvasActions {
  constructor(
    private readonly session: Pick<BoardSession, 'doc' | 'origin' | 'undoManager' | 'identity'>,
    private readonly scene: SceneModel,
    private readonly newId: () => string = newIdFromCrypto,
    private readonly now: () => EpochMs = () => Date.now() as EpochMs,
  ) {}

  private get doc() {
    return this.session.doc
  }

  private get origin() {
    return this.session.origin
  }

  /**
   * Runs a command; a refused command (a note deleted by another peer a moment ago, a limit
   * reached) is reported on the console and leaves the board as it was, never as an exception
   * escaping a pointer handler.
   */
  private run<T>(what: string, fn: () => T): T | null {
    try {
      return fn()
    } catch (error) {
      console.warn(`canvas: ${what} was refused`, error)
      return null
    }
  }

  /** Creates a note centred on a stage point, inside the frame under it if any. */
  createNoteAt(p: { x: number; y: number }): string | null {
    const id = this.newId()
    const groupId = frameAt(this.scene.allGroups(), p)
    const done = this.run('createNote', () =>
      createNote(
        this.doc,
        {
          id,
          x: Math.round(p.x - NOTE_WIDTH / 2),
          y: Math.round(p.y - NOTE_HEIGHT / 2),
          author: this.session.identity.id,
          createdAt: this.now(),
          groupId,
        },
        this.origin,
      ),
    )
    return done === null ? null : id
  }

  /**
   * Commits a drag: frames move (carrying their notes), loose notes move, and notes dropped
   * into or out of a frame change group — in one transaction, so peers never see a note moved
   * but not yet regrouped, and undo takes the whole gesture back in one step.
   */
  drop(noteIds: readonly string[], frameIds: readonly string[], dx: number, dy: number): void {
    if (dx === 0 && dy === 0) return
    const carried = new Set(frameIds)
    const loose = noteIds.flatMap((id) => {
      const n = this.scene.note(id)
      return n && !(n.groupId !== null && carried.has(n.groupId)) ? [n] : []
    })
    // Observers run when the outer transaction ends, so the scene still holds the positions
    // from before the drop: the drop targets are computed from them plus the offset.
    const frames = this.scene
      .allGroups()
      .map((g) => (carried.has(g.id) ? { ...g, x: g.x + dx, y: g.y + dy } : g))
    const dropped = loose.map((n) => ({ ...n, x: n.x + dx, y: n.y + dy }))
    const regroup = byTarget(assignmentsAfterDrop(dropped, frames))
    this.session.undoManager.stopCapturing()
    this.doc.transact(() => {
      for (const id of frameIds) {
        const g = this.scene.group(id)
        if (!g) continue
        this.run('setGroupBounds', () =>
          setGroupBounds(this.doc, { id, x: g.x + dx, y: g.y + dy }, this.origin),
        )
      }
      if (loose.length === 0) return
      const ids = loose.map((n) => n.id)
      this.run('moveNotes', () => moveNotes(this.doc, { ids, dx, dy }, this.origin))
      for (const [groupId, noteIds] of regroup) {
        if (groupId === null) {
          this.run('unassignNotes', () => unassignNotes(this.doc, { noteIds }, this.origin))
        } else {
          this.run('assignNotes', () => assignNotes(this.doc, { noteIds, groupId }, this.origin))
        }
      }
    }, this.origin)
  }

  /**
   * Resizes a frame. Membership does not change: a group is the notes assigned to it, and a
   * frame shrunk past a note should not silently drop it from the group.
   */
  resizeFrame(id: string, w: number, h: number): void {
    this.session.undoManager.stopCapturing()
    this.run('setGroupBounds', () =>
      setGroupBounds(
        this.doc,
        {
          id,
          w: Math.max(FRAME_MIN_SIZE.w, Math.round(w)),
          h: Math.max(FRAME_MIN_SIZE.h, Math.round(h)),
        },
        this.origin,
      ),
    )
  }

  /** The selection's notes and frames, each in selection order; other ids are left out. */
  private split(ids: readonly string[]): { notes: string[]; frames: string[] } {
    return {
      notes: ids.filter((id) => this.scene.hasNote(id)),
      frames: ids.filter((id) => this.scene.group(id) !== undefined),
    }
  }

  /** Arrow-key nudge: same rules as a drag, so nudging out of a frame ungroups. */
  nudge(ids: readonly string[], dx: number, dy: number): void {
    const { notes, frames } = this.split(ids)
    this.drop(notes, frames, dx, dy)
  }

  delete(ids: readonly string[]): void {
    const { notes, frames } = this.split(ids)
    this.session.undoManager.stopCapturing()
    this.doc.transact(() => {
      if (notes.length > 0)
        this.run('deleteNotes', () => deleteNotes(this.doc, { ids: notes }, this.origin))
      for (const id of frames)
        this.run('deleteGroup', () => deleteGroup(this.doc, { id }, this.origin))
    }, this.origin)
  }

  /** Duplicates the selected notes; returns the copies' ids (the new selection). */
  duplicate(ids: readonly string[]): string[] {
    const copies = ids
      .filter((id) => this.scene.hasNote(id))
      .map((sourceId) => ({ sourceId, id: this.newId() }))
    if (copies.length === 0) return []
    return (
      this.run('duplicateNotes', () =>
        duplicateNotes(
          this.doc,
          {
            copies,
            dx: DUPLICATE_OFFSET,
            dy: DUPLICATE_OFFSET,
            author: this.session.identity.id,
            createdAt: this.now(),
          },
          this.origin,
        ),
      ) ?? []
    )
  }

  recolour(ids: readonly string[], color: string): void {
    const { notes, frames } = this.split(ids)
    this.session.undoManager.stopCapturing()
    this.doc.transact(() => {
      if (notes.length > 0)
        this.run('recolourNotes', () => recolourNotes(this.doc, { ids: notes, color }, this.origin))
      for (const id of frames)
        this.run('recolourGroup', () => recolourGroup(this.doc, { id, color }, this.origin))
    }, this.origin)
  }

  /** Draws a frame around the selected notes and puts them in it; returns the frame's id. */
  frameNotes(ids: readonly string[]): string | null {
    const notes = ids.flatMap((id) => this.scene.note(id) ?? [])
    const box = unionNotes(notes)
    if (!box) return null
    const id = this.newId()
    this.session.undoManager.stopCapturing()
    let ok = true
    this.doc.transact(() => {
      ok =
        this.run('createGroup', () =>
          createGroup(
            this.doc,
            {
              id,
              x: box.x - FRAME_PADDING,
              y: box.y - FRAME_PADDING,
              w: box.w + 2 * FRAME_PADDING,
              h: box.h + 2 * FRAME_PADDING,
            },
            this.origin,
          ),
        ) !== null
      if (ok)
        this.run('assignNotes', () =>
          assignNotes(this.doc, { noteIds: notes.map((n) => n.id), groupId: id }, this.origin),
        )
    }, this.origin)
    return ok ? id : null
  }

  /** Applies an inline editor's delta; throws when the target is gone so the editor closes. */
  editText(collection: TextRoot, id: string, delta: readonly TextDeltaOp[]): void {
    editText(this.doc, { collection, id, delta }, this.origin)
  }

  undo(): void {
    this.session.undoManager.undo()
  }

  redo(): void {
    this.session.undoManager.redo()
  }
}

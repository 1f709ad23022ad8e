/**
 * What the canvas can do to the document: each gesture is ONE core command run with the
 * session's origin (so undo sees exactly the local user's changes, one step per gesture). Ids
 * and timestamps are made here because core has neither randomness nor a clock.
 *
 * A refused command throws its BoardCommandError having written nothing; the caller
 * (CanvasBoardLink.act) turns it into a notice. Nothing is caught here, so a refusal is never
 * silent. The doc itself is reached only through the BoardController.
 */
import type { EpochMs } from '../../core/okr/okr-model'
import { setGroupBounds } from '../../core/board/commands/groups'
import { createNote, duplicateNotes } from '../../core/board/commands/notes'
import {
  deleteSelection,
  dropNotes,
  frameSelection,
  recolourSelection,
} from '../../core/board/commands/selection'
import type { TextDeltaOp } from '../../core/board/commands/text'
import { editText } from '../../core/board/commands/text'
import type { TextRoot } from '../../core/board/schema'
import type { BoardController } from '../board/board-controller'
import type { Group } from '../../core/board/board-model'
import { FRAME_MIN_SIZE } from './frame-node'
import { newId as newIdFromCrypto } from '../board/ids'
import { deviceClock } from '../device/clock'
import { copiesOffset, newNoteSpot } from '../../core/board/tidy'

/** Offset of a duplicate from its source, so the copy is visibly a copy. */
const DUPLICATE_OFFSET = 24

/** What the actions read about the board: the scene in the app, plain reads in tests. */
export interface SceneModel {
  hasNote(id: string): boolean
  group(id: string): Group | undefined
  allGroups(): Group[]
  allNotes(): Iterable<{ readonly id: string; readonly x: number; readonly y: number }>
}

/** What the actions need of the board: run a command as this person, and undo steps. */
export type CommandRunner = Pick<
  BoardController,
  'identity' | 'perform' | 'newUndoStep' | 'undo' | 'redo'
>

export class CanvasActions {
  constructor(
    private readonly commands: CommandRunner,
    private readonly scene: SceneModel,
    private readonly newId: () => string = newIdFromCrypto,
    private readonly now: () => EpochMs = deviceClock,
  ) {}

  /**
   * Creates a note in the free spot nearest to a stage point (core/board/tidy.ts newNoteSpot):
   * inside the frame under it when it fits there, never on top of another note or frame.
   */
  createNoteAt(p: { x: number; y: number }): string | null {
    const id = this.newId()
    const spot = newNoteSpot([...this.scene.allNotes()], this.scene.allGroups(), p)
    this.commands.perform(createNote, {
      id,
      ...spot,
      author: this.commands.identity.id,
      createdAt: this.now(),
    })
    return id
  }

  /**
   * Commits a drag: frames move (carrying their notes), loose notes move, and notes dropped
   * into or out of a frame change group — one command, so peers never see a note moved but
   * not yet regrouped, and undo takes the whole gesture back in one step.
   */
  drop(
    noteIds: readonly string[],
    frameIds: readonly string[],
    dx: number,
    dy: number,
    flow = true,
  ): void {
    // A click is not a gesture: it must not end the undo step a moment of typing is part of.
    if (dx === 0 && dy === 0) return
    this.commands.newUndoStep()
    this.commands.perform(dropNotes, { noteIds, groupIds: frameIds, dx, dy, flow })
  }

  /**
   * Resizes a frame. Membership does not change: a group is the notes assigned to it, and a
   * frame shrunk past a note should not silently drop it from the group.
   */
  resizeFrame(id: string, w: number, h: number): void {
    this.commands.newUndoStep()
    this.commands.perform(setGroupBounds, {
      id,
      w: Math.max(FRAME_MIN_SIZE.w, Math.round(w)),
      h: Math.max(FRAME_MIN_SIZE.h, Math.round(h)),
    })
  }

  /** The selection's notes and frames, each in selection order; other ids are left out. */
  private split(ids: readonly string[]): { noteIds: string[]; groupIds: string[] } {
    return {
      noteIds: ids.filter((id) => this.scene.hasNote(id)),
      groupIds: ids.filter((id) => this.scene.group(id) !== undefined),
    }
  }

  /**
   * Arrow-key nudge: same grouping rules as a drag, so nudging out of a frame ungroups; but the
   * note moves exactly by the nudge (no flow into the frame's grid, which would undo it).
   */
  nudge(ids: readonly string[], dx: number, dy: number): void {
    const { noteIds, groupIds } = this.split(ids)
    this.drop(noteIds, groupIds, dx, dy, false)
  }

  delete(ids: readonly string[]): void {
    this.commands.newUndoStep()
    this.commands.perform(deleteSelection, this.split(ids))
  }

  /**
   * Duplicates the selected notes, the copies keeping their arrangement in the free space
   * nearest to a small offset from the originals; returns the copies' ids (the new selection).
   */
  duplicate(ids: readonly string[]): string[] {
    const copies = ids
      .filter((id) => this.scene.hasNote(id))
      .map((sourceId) => ({ sourceId, id: this.newId() }))
    if (copies.length === 0) return []
    const offset = copiesOffset(
      [...this.scene.allNotes()],
      this.scene.allGroups(),
      new Set(copies.map((c) => c.sourceId)),
      DUPLICATE_OFFSET,
    )
    return this.commands.perform(duplicateNotes, {
      copies,
      ...offset,
      author: this.commands.identity.id,
      createdAt: this.now(),
    })
  }

  recolour(ids: readonly string[], color: string): void {
    this.commands.newUndoStep()
    this.commands.perform(recolourSelection, { ...this.split(ids), color })
  }

  /**
   * Draws a frame around the selected notes and puts them in it; returns the frame's id, or
   * null when the selection holds no note.
   */
  frameNotes(ids: readonly string[]): string | null {
    const { noteIds } = this.split(ids)
    if (noteIds.length === 0) return null
    this.commands.newUndoStep()
    return this.commands.perform(frameSelection, { groupId: this.newId(), noteIds })
  }

  /** Applies an inline editor's delta; throws when the target is gone so the editor closes. */
  editText(collection: TextRoot, id: string, delta: readonly TextDeltaOp[]): void {
    this.commands.perform(editText, { collection, id, delta })
  }

  undo(): void {
    this.commands.undo()
  }

  redo(): void {
    this.commands.redo()
  }
}

/**
 * Making a note or a frame where the person looks: the toolbar's "New note" and "New frame"
 * and the N key. A note goes where a double-click at the viewport's centre puts one
 * (`newNoteSpot`, core/board/tidy.ts): the nearest spot that covers no other note or frame, inside
 * the frame under the centre when it fits there. Pressing N five times makes five notes side by
 * side, never a pile, and never a note that joins a frame by landing on its empty part.
 */
import { createGroup } from '../../core/board/commands/groups'
import { createNote } from '../../core/board/commands/notes'
import { freeSpot } from '../../core/board/free-space'
import { newNoteSpot } from '../../core/board/tidy'
import { DEFAULT_GROUP_SIZE, NOTE_SIZE } from '../../core/board/schema'
import { newId } from '../board/ids'
import { deviceClock } from '../device/clock'
import type { CanvasHost } from './canvas-host'
import type { CanvasTextEditing } from './canvas-text-editing'
import { screenPoint, toStage } from './geometry'

export interface CreatingHost extends CanvasHost {
  readonly editing: CanvasTextEditing
}

function centreOf(host: CanvasHost): { x: number; y: number } | null {
  const scene = host.scene
  if (!scene) return null
  return toStage(scene.viewport, screenPoint(scene.width / 2, scene.height / 2))
}

/** A new note at the viewport's centre (in free space), selected and ready to type into. */
export function newNoteAtCentre(host: CreatingHost, color?: string): string | null {
  const scene = host.scene
  const board = host.link?.board
  const centre = centreOf(host)
  if (!scene || !board || !centre || !host.canEdit) return null
  const spot = newNoteSpot([...scene.allNotes()], scene.allGroups(), centre)
  const id = newId()
  board.newUndoStep()
  const made = board.attempt(createNote, {
    id,
    ...spot,
    author: board.identity.id,
    createdAt: deviceClock(),
    ...(color === undefined ? {} : { color }),
  })
  if (!made) return null
  host.setSelection([id])
  host.editing.editNote(id, true)
  return id
}

/** An empty frame at the viewport's centre, clear of notes and frames, its title being edited. */
export function newFrameAtCentre(host: CreatingHost): string | null {
  const scene = host.scene
  const board = host.link?.board
  const centre = centreOf(host)
  if (!scene || !board || !centre || !host.canEdit) return null
  const occupied = [
    ...[...scene.allNotes()].map((n) => ({ x: n.x, y: n.y, ...NOTE_SIZE })),
    ...scene.allGroups().map((g) => ({ x: g.x, y: g.y, w: g.w, h: g.h })),
  ]
  const at = freeSpot(occupied, centre, DEFAULT_GROUP_SIZE)
  const id = newId()
  board.newUndoStep()
  if (!board.attempt(createGroup, { id, ...at })) return null
  host.setSelection([id])
  host.editing.editTitle(id)
  return id
}

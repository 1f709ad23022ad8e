/**
 * The plain-data side of the scene: what a note looks like to the scene, and the narrow
 * interface the Y.Doc binding drives. Kept apart from Konva so the binding's incremental
 * behaviour is tested in Node against a recording sink.
 */
import type { Group, Note } from '../../core/board/board-model'
import type { Placed } from './hit-test'
import type { NoteLook } from './note-node'
import type { ScoreBadgeLook } from './score-badge'

/** A note as the scene holds it: where it is, which frame it is in, and how it looks. */
export interface SceneNote extends Placed {
  readonly groupId: string | null
  readonly author: string
  readonly look: NoteLook
}

export type SceneGroup = Group & {
  readonly votes: number | null
  /** Its objective's score after a conversion (./canvas-scores), or absent. */
  readonly score?: ScoreBadgeLook | null
}

/** What BoardBinding calls on the scene. */
export interface SceneSink {
  upsertNote(note: SceneNote, animate: boolean): void
  removeNote(id: string): void
  hasNote(id: string): boolean
  allNotes(): Iterable<SceneNote>
  setGroups(groups: readonly SceneGroup[]): void
  allGroups(): SceneGroup[]
}

/** A scene note from a read model and how this viewer should see it. */
export function sceneNote(note: Note, look: NoteLook): SceneNote {
  return { id: note.id, x: note.x, y: note.y, groupId: note.groupId, author: note.author, look }
}

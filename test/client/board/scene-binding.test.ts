import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { revealNotes, revealVotes } from '../../../core/board/commands/facilitation'
import { createGroup, deleteGroup, assignNotes } from '../../../core/board/commands/groups'
import { createNote, deleteNotes, moveNotes } from '../../../core/board/commands/notes'
import { editText } from '../../../core/board/commands/text'
import { castVote } from '../../../core/board/commands/voting'
import { castPrivateVote } from '../../../core/board/commands/private-votes'
import {
  createCheckIn,
  createInitiative,
  createKeyResult,
  createObjective,
  deleteKeyResult,
} from '../../../core/board/commands/okr'
import type { EpochMs } from '../../../core/okr/okr-model'
import { controllerOn } from '../fixtures/board-controller'
import { BoardBinding, bindScene } from '../../../client/board/scene-binding'
import type { SceneGroup, SceneNote, SceneSink } from '../../../client/canvas/scene-model'

/** A scene that records what the binding asks of it. */
class RecordingScene implements SceneSink {
  readonly notes = new Map<string, SceneNote>()
  groups: SceneGroup[] = []
  upserts: { id: string; animate: boolean }[] = []
  removed: string[] = []
  upsertNote(note: SceneNote, animate: boolean): void {
    this.notes.set(note.id, note)
    this.upserts.push({ id: note.id, animate })
  }
  removeNote(id: string): void {
    this.notes.delete(id)
    this.removed.push(id)
  }
  hasNote(id: string): boolean {
    return this.notes.has(id)
  }
  allNotes(): Iterable<SceneNote> {
    return this.notes.values()
  }
  setGroups(groups: readonly SceneGroup[]): void {
    this.groups = [...groups]
  }
  allGroups(): SceneGroup[] {
    return this.groups
  }
}

const LOCAL = { user: 'ann' }
const REMOTE = 'remote'

function board(notes = 50) {
  const doc = new Y.Doc()
  for (let i = 0; i < notes; i++) {
    const author = i % 2 === 0 ? 'ann' : 'bo'
    createNote(
      doc,
      { id: `n${i}`, x: i * 10, y: 0, author, createdAt: i as EpochMs, text: `idea ${i}` },
      REMOTE,
    )
  }
  const scene = new RecordingScene()
  const binding = new BoardBinding(doc, scene, 'ann', LOCAL)
  binding.start()
  scene.upserts = []
  return { doc, scene, binding }
}

describe('BoardBinding', () => {
  it('re-reads only the notes a transaction touched', () => {
    const { doc, scene } = board()
    moveNotes(doc, { ids: ['n3', 'n7'], dx: 5, dy: 5 }, REMOTE)
    expect(scene.upserts.map((u) => u.id).sort()).toEqual(['n3', 'n7'])
    scene.upserts = []
    editText(doc, { collection: 'notes', id: 'n9', delta: [{ insert: 'new ' }] }, REMOTE)
    expect(scene.upserts.map((u) => u.id)).toEqual(['n9'])
    expect(scene.notes.get('n9')?.look.text).toBe('new idea 9')
  })

  it('animates remote changes and applies the local user’s own instantly', () => {
    const { doc, scene } = board()
    moveNotes(doc, { ids: ['n1'], dx: 5, dy: 0 }, REMOTE)
    moveNotes(doc, { ids: ['n2'], dx: 5, dy: 0 }, LOCAL)
    expect(scene.upserts).toEqual([
      { id: 'n1', animate: true },
      { id: 'n2', animate: false },
    ])
  })

  it('shows every note of the shared board whole: a note there is public', () => {
    const { doc, scene } = board(4)
    expect(scene.notes.get('n1')?.look).toMatchObject({ text: 'idea 1', private: false })
    revealNotes(doc, { revealed: true }, REMOTE)
    expect(scene.notes.get('n1')?.look).toMatchObject({ text: 'idea 1', private: false })
  })

  it('draws this person’s hidden notes and sealed dots from their private room', () => {
    const { doc } = board(2)
    const room = new Y.Doc()
    createNote(room, { id: 'h1', x: 0, y: 0, author: 'ann', createdAt: 9 as EpochMs }, REMOTE)
    const scene = new RecordingScene()
    new BoardBinding(doc, scene, 'ann', LOCAL, {}, room).start()
    expect(scene.notes.get('h1')?.look).toMatchObject({ private: true })
    editText(room, { collection: 'notes', id: 'h1', delta: [{ insert: 'secret' }] }, LOCAL)
    expect(scene.notes.get('h1')?.look.text).toBe('secret')
    castPrivateVote(room, { targetId: 'n1', budget: 5, count: 2 }, LOCAL)
    expect(scene.notes.get('n1')?.look.votes).toBe(2)
    // The reveal: the relay publishes the note, then clears it from the room.
    createNote(
      doc,
      { id: 'h1', x: 0, y: 0, author: 'ann', createdAt: 9 as EpochMs, text: 'secret' },
      REMOTE,
    )
    deleteNotes(room, { ids: ['h1'] }, REMOTE)
    expect(scene.notes.get('h1')?.look).toMatchObject({ text: 'secret', private: false })
  })

  it('shows one’s own dots before the reveal and everyone’s after', () => {
    const { doc, scene } = board(4)
    castVote(doc, { voterId: 'bo', targetId: 'n0', count: 2 }, REMOTE)
    castVote(doc, { voterId: 'ann', targetId: 'n0', count: 1 }, LOCAL)
    expect(scene.notes.get('n0')?.look).toMatchObject({ votes: 1, ownVotesOnly: true })
    revealVotes(doc, { revealed: true }, REMOTE)
    expect(scene.notes.get('n0')?.look).toMatchObject({ votes: 3, ownVotesOnly: false })
  })

  it('labels notes with the key result or initiative they became, and only redraws those', () => {
    const { doc, scene } = board(4)
    createObjective(doc, { id: 'o1', title: 'Keep customers' }, REMOTE)
    scene.upserts = []
    createKeyResult(
      doc,
      { id: 'k1', objectiveId: 'o1', title: 'Cut churn to 5%', sourceNoteIds: ['n2'] },
      REMOTE,
    )
    expect(scene.upserts.map((u) => u.id)).toEqual(['n2'])
    expect(scene.notes.get('n2')?.look.became).toBe('KR · Cut churn to 5%')
    expect(scene.notes.get('n3')?.look.became).toBeNull()
    createInitiative(
      doc,
      { id: 'i1', objectiveId: 'o1', title: 'Call churned accounts', sourceNoteIds: ['n3'] },
      REMOTE,
    )
    expect(scene.notes.get('n3')?.look.became).toBe('Initiative · Call churned accounts')
    deleteKeyResult(doc, { id: 'k1' }, REMOTE)
    expect(scene.notes.get('n2')?.look.became).toBeNull()
  })

  it('follows frames and unassigns the notes of a deleted one', () => {
    const { doc, scene } = board(4)
    createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Retention' }, REMOTE)
    assignNotes(doc, { noteIds: ['n0', 'n1'], groupId: 'g1' }, REMOTE)
    expect(scene.groups.map((g) => g.title)).toEqual(['Retention'])
    expect(scene.notes.get('n1')?.groupId).toBe('g1')
    deleteGroup(doc, { id: 'g1' }, REMOTE)
    expect(scene.groups).toEqual([])
    expect(scene.notes.get('n1')?.groupId).toBeNull()
  })

  it('removes deleted notes and stops listening when stopped', () => {
    const { doc, scene, binding } = board(4)
    deleteNotes(doc, { ids: ['n2'] }, REMOTE)
    expect(scene.removed).toEqual(['n2'])
    binding.stop()
    moveNotes(doc, { ids: ['n3'], dx: 1, dy: 1 }, REMOTE)
    expect(scene.upserts).toEqual([])
  })
})

describe('bindScene', () => {
  it('binds the scene as the board’s person sees it, their own commands landing at once', () => {
    const doc = new Y.Doc()
    const origin = { user: 'ann' }
    const controller = controllerOn(doc, 'ann', origin)
    createNote(doc, { id: 'a', x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs }, REMOTE)
    createNote(doc, { id: 'b', x: 0, y: 0, author: 'bo', createdAt: 2 as EpochMs }, REMOTE)
    const scene = new RecordingScene()
    bindScene(controller, scene).start()
    expect(scene.notes.get('a')?.look.private).toBe(false)
    expect(scene.notes.get('b')?.look.private).toBe(false)
    scene.upserts = []
    moveNotes(doc, { ids: ['a'], dx: 5, dy: 0 }, origin)
    moveNotes(doc, { ids: ['b'], dx: 5, dy: 0 }, REMOTE)
    expect(scene.upserts).toEqual([
      { id: 'a', animate: false },
      { id: 'b', animate: true },
    ])
  })

  it('draws converted groups’ and notes’ scores, redrawn when a check-in arrives', async () => {
    const doc = new Y.Doc()
    const controller = controllerOn(doc, 'ann', { user: 'ann' })
    controller.connect()
    createGroup(doc, { id: 'g1', title: 'Retention', x: 0, y: 0, w: 400, h: 300 }, REMOTE)
    createNote(doc, { id: 'a', x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs }, REMOTE)
    createNote(doc, { id: 'b', x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs }, REMOTE)
    createObjective(doc, { id: 'o1', title: 'Keep', sourceGroupId: 'g1' }, REMOTE)
    const kr = { id: 'k1', objectiveId: 'o1', title: 'NPS', start: 0, target: 10 }
    createKeyResult(doc, { ...kr, sourceNoteIds: ['a'] }, REMOTE)
    createCheckIn(doc, { id: 'c1', keyResultId: 'k1', value: 2, at: 0 as EpochMs }, REMOTE)
    const scene = new RecordingScene()
    const binding = bindScene(controller, scene)
    binding.start()
    expect(scene.groups[0]?.score).toMatchObject({ text: '0.2', band: 'red' })
    expect(scene.notes.get('a')?.look.score).toMatchObject({ text: '0.2', band: 'red' })
    expect(scene.notes.get('b')?.look.score).toBeNull()
    scene.upserts = []
    createCheckIn(doc, { id: 'c2', keyResultId: 'k1', value: 8, at: 0 as EpochMs }, REMOTE)
    await Promise.resolve()
    expect(scene.groups[0]?.score).toMatchObject({ text: '0.8', band: 'green' })
    expect(scene.notes.get('a')?.look.score).toMatchObject({ text: '0.8', band: 'green' })
    expect(scene.upserts.map((u) => u.id)).toEqual(['a'])
    binding.stop()
  })
})

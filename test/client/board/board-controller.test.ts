/**
 * The board controller (client/board/board-controller.ts) without a browser: a session built by
 * hand as open-board.ts builds it, peers as other Awareness instances whose updates are applied
 * the way the provider applies them.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { BoardSession, Identity, Role } from '../../../client/board/board-context'
import { BoardController } from '../../../client/board/board-controller'
import { setPhase, setVoteBudget } from '../../../core/board/commands/facilitation'
import { createNote, deleteNotes } from '../../../core/board/commands/notes'
import { createObjective } from '../../../core/board/commands/okr'
import { castVote } from '../../../core/board/commands/voting'
import { readMeta, readNotes } from '../../../core/board/read'
import { ROOTS } from '../../../core/board/schema'
import type { EpochMs } from '../../../core/okr/okr-model'

const ANN: Identity = { id: 'ann', name: 'Ann', color: '#112233' }
const T0 = Date.UTC(2026, 0, 5, 9) as EpochMs

interface Harness {
  readonly session: BoardSession
  readonly board: BoardController
  /** `change` events seen so far. */
  readonly changes: () => number
  /** Moves the clock the controller reads. */
  setNow(now: number): void
}

const open: BoardController[] = []
afterEach(() => {
  for (const board of open.splice(0)) {
    board.disconnect()
    board.session.awareness.destroy()
    board.session.undoManager.destroy()
    board.session.doc.destroy()
  }
})

/** The session open-board.ts would build, minus the network. */
function harness(role: Role = 'edit'): Harness {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  const origin = { local: ANN.id }
  const undoManager = new Y.UndoManager(
    ROOTS.map((name) => doc.getMap(name)),
    { trackedOrigins: new Set([origin]), captureTimeout: 400 },
  )
  awareness.setLocalState({ user: ANN, cursor: null, selection: [] })
  const session: BoardSession = {
    boardId: 'b1',
    doc,
    awareness,
    undoManager,
    identity: ANN,
    role,
    origin,
  }
  let now = T0
  const board = new BoardController(session, { now: () => now as EpochMs })
  board.connect()
  open.push(board)
  let changes = 0
  board.addEventListener('change', () => changes++)
  return { session, board, changes: () => changes, setNow: (next) => (now = next as EpochMs) }
}

function note(id: string, extra: Partial<Parameters<typeof createNote>[1]> = {}) {
  return { id, x: 0, y: 0, author: ANN.id, createdAt: T0, text: `note ${id}`, ...extra }
}

/** Another person's tab: its own awareness, published into ours as the provider would. */
function peer(into: Awareness, clientId: number): Awareness {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const theirs = new Awareness(doc)
  theirs.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
    const changed = [...added!, ...updated!, ...removed!]
    applyAwarenessUpdate(into, encodeAwarenessUpdate(theirs, changed), 'remote')
  })
  return theirs
}

/** A state no honest client publishes, applied as if it came over the socket. */
function publishRaw(into: Awareness, clientId: number, state: unknown): void {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const theirs = new Awareness(doc)
  theirs.setLocalState(state as Record<string, unknown>)
  applyAwarenessUpdate(into, encodeAwarenessUpdate(theirs, [clientId]), 'remote')
  theirs.destroy()
}

describe('BoardController: derived state', () => {
  it('derives the snapshot, OKRs and findings once per change, and afresh after one', () => {
    const { board } = harness()
    board.run(createNote, note('n1'))
    const snapshot = board.snapshot
    const okrs = board.okrs
    const diagnostics = board.diagnostics
    expect(snapshot.notes.map((n) => n.id)).toEqual(['n1'])
    // Same objects however often (and by however many views) they are read.
    expect(board.snapshot).toBe(snapshot)
    expect(board.okrs).toBe(okrs)
    expect(board.diagnostics).toBe(diagnostics)

    const version = board.version
    board.run(createObjective, { id: 'o1', title: 'Delight customers' })
    expect(board.version).toBe(version + 1)
    expect(board.snapshot).not.toBe(snapshot)
    expect(board.snapshot.objectives.map((o) => o.id)).toEqual(['o1'])
    expect(board.okrs).not.toBe(okrs)
    expect(board.okrs.objectives.map((o) => o.id)).toEqual(['o1'])
    expect(board.diagnostics).not.toBe(diagnostics)
    // An objective without key results is a finding the checklist shows.
    expect(board.diagnostics.some((d) => d.targetId === 'o1')).toBe(true)
  })

  it('keeps the meta across a note change but not across a phase change', () => {
    const { board } = harness()
    const meta = board.meta
    expect(meta.phase).toBe('brainstorm')
    board.run(createNote, note('n1'))
    expect(board.meta).toBe(meta)
    board.run(setPhase, { phase: 'vote' })
    expect(board.meta).not.toBe(meta)
    expect(board.meta.phase).toBe('vote')
    const voting = board.meta
    board.run(createNote, note('n2'))
    expect(board.meta).toBe(voting)
  })

  it('counts a transaction over several roots as one change, with the new meta inside it', () => {
    const { session, board, changes } = harness()
    const metaSeen: string[] = []
    let snapshotsInEvent = 0
    board.addEventListener('change', () => {
      metaSeen.push(board.meta.phase)
      snapshotsInEvent = board.snapshot.notes.length
    })
    const version = board.version
    session.doc.transact(() => {
      createNote(session.doc, note('n1'), session.origin)
      createNote(session.doc, note('n2'), session.origin)
      setPhase(session.doc, { phase: 'group' }, session.origin)
      castVote(session.doc, { voterId: ANN.id, targetId: 'n1' }, session.origin)
    }, session.origin)
    expect(changes()).toBe(1)
    expect(board.version).toBe(version + 1)
    expect(metaSeen).toEqual(['group'])
    expect(snapshotsInEvent).toBe(2)
  })

  it('memoises any core reader per change', () => {
    const { board } = harness()
    let runs = 0
    const countNotes = (doc: Y.Doc) => {
      runs++
      return { count: readNotes(doc).length }
    }
    const first = board.derive(countNotes)
    expect(board.derive(countNotes)).toBe(first)
    expect(runs).toBe(1)
    board.run(createNote, note('n1'))
    const second = board.derive(countNotes)
    expect(second).toEqual({ count: 1 })
    expect(second).not.toBe(first)
    expect(board.derive(countNotes)).toBe(second)
    expect(runs).toBe(2)
    // Another reader has its own memo.
    let otherRuns = 0
    board.derive(() => otherRuns++)
    board.derive(() => otherRuns++)
    expect(otherRuns).toBe(2)
  })

  it('reruns a reader of the meta only when the meta changes, not on every note change', () => {
    const { board } = harness()
    let runs = 0
    const readPhase = (doc: Y.Doc) => {
      runs++
      return { phase: readMeta(doc).phase }
    }
    const first = board.derive(readPhase, 'meta')
    board.run(createNote, note('n1'))
    expect(board.derive(readPhase, 'meta')).toBe(first)
    expect(runs).toBe(1)
    board.run(setPhase, { phase: 'group' })
    expect(board.derive(readPhase, 'meta')).toEqual({ phase: 'group' })
    expect(runs).toBe(2)
  })

  it('moves `now` and the OKR figures with the tick, and tells the views', () => {
    const { board, changes, setNow } = harness()
    board.run(createObjective, { id: 'o1', title: 'Grow' })
    const okrs = board.okrs
    const snapshot = board.snapshot
    const before = changes()
    expect(board.now).toBe(T0)
    setNow(T0 + 60_000)
    expect(board.okrs).toBe(okrs)
    board.tick()
    expect(changes()).toBe(before + 1)
    expect(board.now).toBe(T0 + 60_000)
    expect(board.okrs).not.toBe(okrs)
    // The document did not change, so neither did the snapshot.
    expect(board.snapshot).toBe(snapshot)
  })
})

describe('BoardController: commands', () => {
  it('runs a core command with the session origin, so undo reverts exactly it', () => {
    const { session, board } = harness()
    board.run(createNote, note('n1'))
    board.newUndoStep()
    board.run(createNote, note('n2'))
    // A peer's change is not ours to undo.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(session.doc))
    createNote(other, note('theirs'), 'peer')
    Y.applyUpdate(session.doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(session.doc)))
    expect(board.snapshot.notes.map((n) => n.id).sort()).toEqual(['n1', 'n2', 'theirs'])

    board.undo()
    expect(board.snapshot.notes.map((n) => n.id).sort()).toEqual(['n1', 'theirs'])
    board.undo()
    expect(board.snapshot.notes.map((n) => n.id)).toEqual(['theirs'])
    board.redo()
    expect(board.snapshot.notes.map((n) => n.id).sort()).toEqual(['n1', 'theirs'])
    other.destroy()
  })

  it('returns what the command returns', () => {
    const { board } = harness()
    board.run(createNote, note('n1'))
    expect(board.run(deleteNotes, { ids: ['n1', 'gone'] })).toEqual(['n1'])
    expect(board.notice).toBeNull()
  })

  it('turns a refused command into a notice and writes nothing', () => {
    const { session, board, changes } = harness()
    board.run(createNote, note('n1'))
    board.run(setVoteBudget, { budget: 1 })
    board.run(castVote, { voterId: ANN.id, targetId: 'n1' })
    const state = Y.encodeStateVector(session.doc)
    const version = board.version
    const before = changes()

    expect(board.run(castVote, { voterId: ANN.id, targetId: 'n1' })).toBeUndefined()
    expect(board.notice).toEqual({
      message: 'You have no dots left. Take one back to move it.',
      seq: 1,
    })
    expect(board.run(castVote, { voterId: ANN.id, targetId: 'no-such-note' })).toBeUndefined()
    expect(board.notice).toEqual({
      message: 'Someone else just removed that from the board.',
      seq: 2,
    })
    // Any other refusal shows the command's own message.
    expect(board.run(createNote, note('n1'))).toBeUndefined()
    expect(board.notice?.message).toMatch(/n1/)
    expect(board.notice?.seq).toBe(3)

    expect(Y.encodeStateVector(session.doc)).toEqual(state)
    expect(board.version).toBe(version)
    expect(changes()).toBe(before + 3)
  })

  it('numbers notices so the same message shows twice, and dismisses them', () => {
    const { board, changes } = harness()
    board.notify('Exported')
    board.notify('Exported')
    expect(board.notice).toEqual({ message: 'Exported', seq: 2 })
    board.dismissNotice()
    expect(board.notice).toBeNull()
    const after = changes()
    board.dismissNotice()
    expect(changes()).toBe(after)
    board.notify('Again')
    expect(board.notice).toEqual({ message: 'Again', seq: 1 })
  })
})

describe('BoardController: canvas intents', () => {
  it('carries focus requests with a sequence and grouping previews as state', () => {
    const { board, changes } = harness()
    expect(board.intents).toEqual({ focus: null, preview: null })
    const ids = ['n1', 'n2']
    board.focusNotes(ids)
    ids.push('n3')
    expect(board.intents.focus).toEqual({ noteIds: ['n1', 'n2'], seq: 1 })
    board.focusNotes(['n1', 'n2'])
    expect(board.intents.focus?.seq).toBe(2)

    const proposals = [{ title: 'Churn', noteIds: ['n1', 'n2'] }] as unknown as Parameters<
      BoardController['previewGroups']
    >[0]
    board.previewGroups(proposals)
    expect(board.intents.preview).toBe(proposals)
    expect(board.intents.focus?.seq).toBe(2)
    board.previewGroups(null)
    expect(board.intents.preview).toBeNull()
    expect(changes()).toBe(4)
  })
})

describe('BoardController: events and peers', () => {
  it('fires on a document change and on a peer joining, not on a cursor move', () => {
    const { session, board, changes } = harness()
    board.run(createNote, note('n1'))
    expect(changes()).toBe(1)

    const bob = peer(session.awareness, 201)
    bob.setLocalState({ user: { id: 'bob', name: 'Bob', color: '#445566' }, cursor: null })
    expect(changes()).toBe(2)
    expect(board.peers.map((p) => p.user.name)).toEqual(['Ann', 'Bob'])
    expect(board.peers[0]?.isSelf).toBe(true)

    bob.setLocalStateField('cursor', { x: 1, y: 2 })
    expect(changes()).toBe(3) // now pointing at the board
    const peers = board.peers
    bob.setLocalStateField('cursor', { x: 30, y: 40 })
    bob.setLocalStateField('cursor', { x: 31, y: 41 })
    bob.setLocalStateField('selection', ['n1'])
    expect(changes()).toBe(3)
    expect(board.peers).toBe(peers)

    bob.setLocalStateField('user', { id: 'bob', name: 'Robert', color: '#445566' })
    expect(changes()).toBe(4)
    expect(board.peers.map((p) => p.user.name)).toEqual(['Ann', 'Robert'])
    bob.setLocalState(null)
    expect(changes()).toBe(5)
    expect(board.peers.map((p) => p.user.name)).toEqual(['Ann'])
    bob.destroy()
  })

  it('shows hostile presence checked: no user, wrong types, huge names, odd colours', () => {
    const { session, board } = harness()
    publishRaw(session.awareness, 301, { cursor: { x: 1, y: 1 } })
    publishRaw(session.awareness, 302, { user: 'mallory' })
    publishRaw(session.awareness, 303, { user: { id: 7, name: 'Seven', color: '#000000' } })
    publishRaw(session.awareness, 304, { user: { id: 'x', name: ['a'], color: '#000000' } })
    publishRaw(session.awareness, 305, { user: null })
    publishRaw(session.awareness, 306, {
      user: { id: 'i'.repeat(10_000), name: 'N'.repeat(100_000), color: 'red;x:url(evil)' },
      cursor: 'everywhere',
    })
    publishRaw(session.awareness, 307, {
      user: { id: 'eve', name: 'Eve (facilitator)', color: '#abcdef', role: 'owner' },
    })
    publishRaw(session.awareness, 308, {
      user: { id: 'vic', name: 'Vic', color: '#ABCDEF', role: 'view' },
    })

    const others = board.peers.filter((p) => !p.isSelf)
    expect(others.map((p) => p.clientId).sort()).toEqual([306, 307, 308])
    const huge = others.find((p) => p.clientId === 306)!
    expect(huge.user.name).toBe('N'.repeat(40))
    expect(huge.user.id).toHaveLength(64)
    expect(huge.user.color).toBe('#6b7280')
    expect(huge.pointing).toBe(false)
    // A role is read only from the relay's stamp, and only a known one.
    expect(others.find((p) => p.clientId === 307)?.role).toBeNull()
    expect(others.find((p) => p.clientId === 308)?.role).toBe('view')
    expect(others.find((p) => p.clientId === 308)?.user.color).toBe('#ABCDEF')
  })

  it('publishes a new identity to peers and uses it from then on', () => {
    const { session, board, changes } = harness()
    const renamed = { ...ANN, name: 'Annie' }
    board.setIdentity(renamed)
    expect(board.identity).toEqual(renamed)
    expect(session.awareness.getLocalState()?.user).toEqual(renamed)
    expect(board.peers[0]?.user.name).toBe('Annie')
    expect(changes()).toBeGreaterThanOrEqual(1)
  })

  it('stops firing once disconnected, and reads afresh when connected again', () => {
    const { session, board, changes } = harness()
    const snapshot = board.snapshot
    const meta = board.meta
    board.disconnect()
    board.disconnect()
    createNote(session.doc, note('n1'), session.origin)
    setPhase(session.doc, { phase: 'review' }, session.origin)
    const bob = peer(session.awareness, 401)
    bob.setLocalState({ user: { id: 'bob', name: 'Bob', color: '#445566' } })
    expect(changes()).toBe(0)

    board.connect()
    board.connect()
    expect(board.snapshot).not.toBe(snapshot)
    expect(board.snapshot.notes.map((n) => n.id)).toEqual(['n1'])
    expect(board.meta).not.toBe(meta)
    expect(board.meta.phase).toBe('review')
    expect(board.peers.map((p) => p.user.name)).toEqual(['Ann', 'Bob'])
    // Connected twice, still one listener.
    board.run(createNote, note('n2'))
    expect(changes()).toBe(1)
    bob.destroy()
  })

  it('says whether this person may edit', () => {
    expect(harness('edit').board.canEdit).toBe(true)
    const viewer = harness('view').board
    expect(viewer.canEdit).toBe(false)
    expect(viewer.role).toBe('view')
    expect(viewer.boardId).toBe('b1')
  })
})

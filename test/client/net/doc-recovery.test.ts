import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebSocket } from 'ws'
import { messageSync, WebsocketProvider } from 'y-websocket'
import { guardDoc, RecoveryBudget, replayDeviceUpdates } from '../../../client/net/doc-recovery'
import {
  createNote,
  createObjective,
  deleteNotes,
  deleteObjective,
} from '../../../core/board/commands/index'
import { docIsWedged, MAX_TYPE_DEPTH, pruneDeepTypes } from '../../../core/sync/index'
import { readBoard } from '../../../core/board/read'
import { toEpochMs } from '../../../core/okr/numbers'
import { deepNote } from '../../core/sync/hostile-updates'

const DEPTH = 3000
const cleanup: (() => void)[] = []

afterEach(() => {
  for (const stop of cleanup.splice(0)) stop()
})

const note = (id: string) => ({ id, x: 0, y: 0, author: 'ann', createdAt: toEpochMs(1), text: id })

/** A provider that never connects: the tests hand it frames the way its socket would. */
function idleProvider(doc: Y.Doc): WebsocketProvider {
  const provider = new WebsocketProvider('ws://127.0.0.1:9', 'board', doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  cleanup.push(() => provider.destroy())
  return provider
}

/** Runs the provider's sync handler on one frame, as its `onmessage` does. */
function deliver(provider: WebsocketProvider, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  provider.messageHandlers[type]!(encoding.createEncoder(), decoder, provider, true, type)
}

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Every update `doc` emits, in order: what y-indexeddb stores for it. */
function deviceCopyOf(doc: Y.Doc): Uint8Array[] {
  const stored = [Y.encodeStateAsUpdate(doc)]
  doc.on('update', (update: Uint8Array) => stored.push(update))
  return stored
}

function watch(doc: Y.Doc, provider = idleProvider(doc)): { reasons: string[]; stop: () => void } {
  const reasons: string[] = []
  const stop = guardDoc(doc, provider, (reason) => reasons.push(reason))
  cleanup.push(stop)
  return { reasons, stop }
}

/** Lets queued microtasks (the guard's check and its report) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

/** An objective holding a deep chain, as a board stored before the relay refused them. */
function poisonedBoard(depth = DEPTH): Y.Doc {
  const doc = new Y.Doc()
  createObjective(doc, { id: 'o1', title: 'Delight new customers' }, 'seed')
  const objective = doc.getMap('objectives').get('o1') as Y.Map<unknown>
  doc.transact(() => {
    let current = new Y.Map<unknown>()
    objective.set('payload', current)
    for (let i = 1; i < depth; i++) {
      const next = new Y.Map<unknown>()
      current.set('x', next)
      current = next
    }
  }, 'seed')
  return doc
}

/** The app's undo manager, which keeps deleted items (so Yjs' cleanup does not recurse). */
function undoManagerOf(doc: Y.Doc, origin: object): Y.UndoManager {
  const undo = new Y.UndoManager([doc.getMap('objectives'), doc.getMap('notes')], {
    trackedOrigins: new Set([origin]),
  })
  cleanup.push(() => undo.destroy())
  return undo
}

describe('guardDoc', () => {
  it('reports a doc wedged by deleting a 3,000-deep objective, once the stack has unwound', async () => {
    const doc = poisonedBoard()
    const { reasons } = watch(doc)
    let emitted = 0
    doc.on('update', () => emitted++)

    expect(() => deleteObjective(doc, { id: 'o1' }, 'me')).toThrow()
    // This is the damage: later edits change memory and are never emitted (stored or sent).
    createNote(doc, note('after'), 'me')
    expect(docIsWedged(doc)).toBe(true)
    expect(emitted).toBe(0)
    expect(reasons).toEqual([])

    await settle()
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toMatch(/stopped saving/)
  })

  it('reports a deletion that stopped halfway, though the doc still emits (as in the app)', async () => {
    const doc = poisonedBoard()
    const me = { local: 'ann' }
    undoManagerOf(doc, me)
    const { reasons } = watch(doc)
    let emitted = 0
    doc.on('update', () => emitted++)

    expect(() => deleteObjective(doc, { id: 'o1' }, me)).toThrow()
    // Not wedged: the undo manager kept the deleted items, so the cleanup did not recurse, and
    // the doc emitted a delete of the chain's top that overflows whoever replays it later.
    expect(docIsWedged(doc)).toBe(false)
    expect(emitted).toBe(1)
    await settle()
    expect(reasons).toEqual(['a deletion stopped halfway inside Yjs'])
  })

  it('says nothing about a healthy doc, whatever writes to it', async () => {
    const doc = new Y.Doc()
    const me = { local: 'ann' }
    const undo = undoManagerOf(doc, me)
    const { reasons } = watch(doc)
    createNote(doc, note('n1'), me)
    doc.transact(() => createNote(doc, note('n2'), me), 'outer')
    expect(() => deleteNotes(doc, { ids: [''] }, me)).toThrow() // a command's own refusal
    createObjective(doc, { id: 'o1', title: 'Grow' }, me)
    deleteNotes(doc, { ids: ['n1'] }, me)
    deleteObjective(doc, { id: 'o1' }, me)
    undo.undo()
    undo.redo()
    const peer = poisonedBoard(MAX_TYPE_DEPTH - 1)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer))
    const before = Y.encodeStateVector(peer)
    deleteObjective(peer, { id: 'o1' }, 'peer')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, before))
    await settle()
    expect(reasons).toEqual([])
    expect(readBoard(doc).objectives).toEqual([])
  })

  it('reports a server update that wedges the doc as it is applied, naming the server', async () => {
    // The server pruned the chain; its answer merges the prune into one delete set, which a
    // client still holding the chain applies top-down and overflows on.
    const server = new Y.Doc()
    Y.applyUpdate(server, deepNote(DEPTH))
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const clientState = Y.encodeStateVector(client)
    pruneDeepTypes(server, 'repair')
    const answer = Y.encodeStateAsUpdate(server, clientState)
    const provider = idleProvider(client)
    const { reasons } = watch(client, provider)

    expect(() =>
      deliver(
        provider,
        syncFrame((e) => syncProtocol.writeUpdate(e, answer)),
      ),
    ).not.toThrow()
    expect(docIsWedged(client)).toBe(true)
    await settle()
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toBe('a change from the server could not be applied')
  })

  it('lets a frame that fails before touching the doc throw as before, and reports nothing', async () => {
    const doc = new Y.Doc()
    const provider = idleProvider(doc)
    const { reasons } = watch(doc, provider)
    expect(() =>
      deliver(
        provider,
        syncFrame((e) => encoding.writeVarUint(e, 7)),
      ),
    ).toThrow()
    await settle()
    expect(reasons).toEqual([])
  })

  it('stops watching and restores the provider when stopped', async () => {
    const doc = poisonedBoard()
    const provider = idleProvider(doc)
    const original = provider.messageHandlers[messageSync]
    const { reasons, stop } = watch(doc, provider)
    expect(provider.messageHandlers[messageSync]).not.toBe(original)
    stop()
    expect(provider.messageHandlers[messageSync]).toBe(original)
    expect(() => deleteObjective(doc, { id: 'o1' }, 'me')).toThrow()
    await settle()
    expect(reasons).toEqual([])
  })
})

describe('replayDeviceUpdates', () => {
  it('rebuilds the doc from what it emitted before the wedge, unsent edits included', async () => {
    const doc = poisonedBoard()
    const stored = deviceCopyOf(doc)
    const { reasons } = watch(doc)
    createNote(doc, note('before'), 'me') // made offline: only this device has it
    expect(() => deleteObjective(doc, { id: 'o1' }, 'me')).toThrow()
    await settle()
    expect(reasons).toHaveLength(1)

    const fresh = replayDeviceUpdates(new Y.Doc(), stored)

    expect(readBoard(fresh).notes.map((n) => n.id)).toEqual(['before'])
    // The damaged change itself is not there; the chain is pruned, so deleting again works.
    expect(readBoard(fresh).objectives.map((o) => o.id)).toEqual(['o1'])
    const later = deviceCopyOf(fresh)
    expect(deleteObjective(fresh, { id: 'o1' }, 'me')).toBe(true)
    createNote(fresh, note('after'), 'me')
    const reloaded = replayDeviceUpdates(new Y.Doc(), later)
    expect(readBoard(reloaded).notes.map((n) => n.id)).toEqual(['after', 'before'])
    expect(readBoard(reloaded).objectives).toEqual([])
  })

  it('survives a copy holding a pruned chain, which a one-transaction load does not', () => {
    // Garbage collection recurses less per level than a delete: 3,000 levels still fit in
    // Node's stack here, 10,000 (120 KB) do not.
    const depth = 10_000
    const doc = poisonedBoard(depth)
    const stored = deviceCopyOf(doc)
    expect(pruneDeepTypes(doc, 'repair')).toBeGreaterThan(depth - 10)
    createNote(doc, note('kept'), 'me')

    // y-indexeddb loads every stored update in one transaction: the chain's inserts and its
    // bottom-up deletes then meet in one delete set, and Yjs' garbage collection overflows.
    const oneTransaction = new Y.Doc()
    expect(() =>
      Y.transact(oneTransaction, () => {
        for (const update of stored) Y.applyUpdate(oneTransaction, update)
      }),
    ).toThrow()
    expect(docIsWedged(oneTransaction)).toBe(true)

    const fresh = replayDeviceUpdates(new Y.Doc(), stored)
    expect(docIsWedged(fresh)).toBe(false)
    expect(readBoard(fresh).notes.map((n) => n.id)).toEqual(['kept'])
    // A snapshot of the replayed doc (what compaction stores) loads in one transaction.
    const compacted = new Y.Doc()
    Y.transact(compacted, () => Y.applyUpdate(compacted, Y.encodeStateAsUpdate(fresh)))
    expect(docIsWedged(compacted)).toBe(false)
    expect(deleteObjective(compacted, { id: 'o1' }, 'me')).toBe(true)
  })

  it('replays a history holding a chain and a cut-short delete of it from the top', () => {
    const doc = poisonedBoard()
    const stored = deviceCopyOf(doc)
    const me = { local: 'ann' }
    undoManagerOf(doc, me)
    createNote(doc, note('before'), me)
    expect(() => deleteObjective(doc, { id: 'o1' }, me)).toThrow()
    createNote(doc, note('after'), me)

    // Loaded as y-indexeddb does, or one update at a time without pruning: the delete
    // recurses down the live chain and wedges the doc.
    const oneTransaction = new Y.Doc()
    expect(() =>
      Y.transact(oneTransaction, () => {
        for (const update of stored) Y.applyUpdate(oneTransaction, update)
      }),
    ).toThrow()
    expect(docIsWedged(oneTransaction)).toBe(true)

    const fresh = replayDeviceUpdates(new Y.Doc(), stored)
    expect(docIsWedged(fresh)).toBe(false)
    expect(readBoard(fresh).objectives).toEqual([])
    expect(readBoard(fresh).notes.map((n) => n.id)).toEqual(['after', 'before'])
    let emitted = 0
    fresh.on('update', () => emitted++)
    createNote(fresh, note('later'), me)
    expect(emitted).toBe(1)
  })
})

describe('RecoveryBudget', () => {
  it('allows a few reopenings a minute, then refuses until the window has passed', () => {
    const budget = new RecoveryBudget(3, 60_000)
    expect([0, 1_000, 2_000, 3_000].map((t) => budget.allow(t))).toEqual([true, true, true, false])
    expect(budget.allow(60_500)).toBe(true)
  })
})

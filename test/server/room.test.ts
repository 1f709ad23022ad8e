import { describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { messageSync } from '../../server/relay/protocol'
import { UpdateRejectedError } from '../../core/sync/index'
import { Room, type Peer } from '../../server/relay/room'
import { MemoryStore } from '../../server/storage/memory-store'
import { issueTokens } from '../../server/storage/tokens'
import { roomOptions } from '../helpers/relay'

class FakePeer implements Peer {
  readonly awarenessIds = new Set<number>()
  /** What the room refused from this peer. */
  readonly rejected: unknown[] = []
  /** Every document update this peer received, applied to its own copy. */
  readonly doc = new Y.Doc()
  constructor(readonly id: string) {}
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== messageSync) return
    // Step 1 carries a state vector, not an update.
    if (decoding.readVarUint(decoder) === 0) return
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder))
  }
  close(): void {}
  rejectUpdate(error: unknown): void {
    this.rejected.push(error)
  }
}

async function room(): Promise<{ room: Room; store: MemoryStore }> {
  const store = new MemoryStore()
  const { editTokenHash, viewTokenHash } = issueTokens()
  await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
  const loaded = await Room.load('b', roomOptions(store))
  return { room: loaded, store }
}

describe('Room', () => {
  it('refuses an update built on content it lacks, then takes it with what it builds on', async () => {
    const { room: r } = await room()
    const alice = new FakePeer('alice')
    const bob = new FakePeer('bob')
    r.join(alice)
    r.join(bob)
    // Alice writes a1; Bob has it too (say the server lost it) and builds b2 on it.
    const a = new Y.Doc()
    a.getArray<string>('list').push(['a1'])
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    b.getArray<string>('list').push(['b2'])
    // Only b2: Yjs would hold it pending, in memory only, while sync replies confirm it.
    r.receiveUpdate(bob, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    await r.flush()
    expect(bob.rejected).toHaveLength(1)
    expect(bob.rejected[0]).toBeInstanceOf(UpdateRejectedError)
    expect((bob.rejected[0] as UpdateRejectedError).problem).toBe('incomplete')
    expect(r.doc.store.pendingStructs).toBeNull()
    expect(r.doc.getArray('list').length).toBe(0)
    // Bob's reconnect sends what the server lacks, a1 included: whole, it applies.
    r.receiveUpdate(bob, Y.encodeStateAsUpdate(b))
    await r.flush()
    expect(r.doc.getArray('list').toArray()).toEqual(['a1', 'b2'])
    expect(alice.doc.getArray('list').toArray()).toEqual(['a1', 'b2'])
    expect(bob.doc.getArray('list').toArray()).toEqual(['a1', 'b2'])
    r.destroy()
  })

  it('stores what the doc emitted before any peer receives it', async () => {
    const { room: r, store } = await room()
    const order: string[] = []
    const append = store.appendUpdate.bind(store)
    store.appendUpdate = async (id, update) => {
      const seq = await append(id, update)
      order.push('stored')
      return seq
    }
    const watcher: Peer = {
      id: 'w',
      awarenessIds: new Set(),
      send: () => order.push('sent'),
      close: () => undefined,
      rejectUpdate: () => undefined,
    }
    const author = new FakePeer('author')
    r.join(author)
    r.join(watcher)
    order.length = 0
    const source = new Y.Doc()
    source.getMap('m').set('k', 'v')
    r.receiveUpdate(author, Y.encodeStateAsUpdate(source))
    await r.flush()
    expect(order).toEqual(['stored', 'sent'])
    r.destroy()
  })
})

describe('Room.durable', () => {
  it('resolves once earlier changes are stored, without waiting for later ones', async () => {
    const { room: r, store } = await room()
    let release: () => void = () => undefined
    const gate = new Promise<void>((done) => (release = done))
    const append = store.appendUpdate.bind(store)
    let calls = 0
    store.appendUpdate = async (id, update) => {
      // The second append (a later change) hangs until released.
      if (++calls === 2) await gate
      return append(id, update)
    }
    const author = new FakePeer('author')
    r.join(author)
    const first = new Y.Doc()
    first.getMap('m').set('first', 1)
    r.receiveUpdate(author, Y.encodeStateAsUpdate(first))
    const stored = r.durable(5_000)
    const second = new Y.Doc()
    second.getMap('m').set('second', 2)
    r.receiveUpdate(author, Y.encodeStateAsUpdate(second))
    expect(await stored).toBe(true)
    expect(await r.flush(50)).toBe(false)
    release()
    expect(await r.flush()).toBe(true)
    r.destroy()
  })

  it('reports false after the timeout while storage fails', async () => {
    const { room: r, store } = await room()
    store.appendUpdate = () => Promise.reject(new Error('disk full'))
    const author = new FakePeer('author')
    r.join(author)
    const doc = new Y.Doc()
    doc.getMap('m').set('k', 1)
    r.receiveUpdate(author, Y.encodeStateAsUpdate(doc))
    expect(await r.durable(100)).toBe(false)
    expect(r.unsavedUpdates).toBe(1)
    expect(r.abandon()).toBe(1)
    r.destroy()
  })
})

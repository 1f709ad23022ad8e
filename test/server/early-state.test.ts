// A first-time joiner of a loading board gets the stored state before the doc is built, and
// whatever the doc gained between the read and its join (here: another node's edit delivered
// at attach, which no broadcast brings it) follows when it joins.
import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { REMOTE_ORIGIN, type RoomFanout } from '../../server/cluster/fanout'
import type { RelaySocket } from '../../server/relay/connection'
import { encodeSyncStep1, messageSync } from '../../server/relay/protocol'
import { Relay } from '../../server/relay/relay'
import { MemoryStore } from '../../server/storage/memory-store'
import type { LoadPieces, StateLoader } from '../../server/storage/off-thread-load'
import { InThreadLoader } from '../../server/storage/off-thread-load'
import { issueTokens } from '../../server/storage/tokens'
import { relayOptions } from '../helpers/relay'

/** Applies every sync step 2 and update it is sent to its own doc. */
class DocSocket implements RelaySocket {
  readyState = 1
  bufferedAmount = 0
  readonly doc = new Y.Doc()
  receivedWhile: boolean[] = []
  /** Sync message kinds received: 1 = step 2, 2 = update. */
  readonly kinds: number[] = []
  constructor(private readonly loaded: () => boolean) {}
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== messageSync) return
    const step = decoding.readVarUint(decoder)
    if (step === 0) return // the server's step 1
    this.kinds.push(step)
    this.receivedWhile.push(this.loaded())
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder))
  }
  close(): void {
    this.readyState = 3
  }
  terminate(): void {
    this.readyState = 3
  }
  ping(): void {}
}

/** Holds the load at the cutting step until released. */
class GatedLoader implements StateLoader {
  release: () => void = () => undefined
  readonly #gate = new Promise<void>((done) => (this.release = done))
  async pieces(parts: readonly Uint8Array[]): Promise<LoadPieces> {
    await this.#gate
    return new InThreadLoader().pieces(parts)
  }
  compact(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    return new InThreadLoader().compact(parts)
  }
  merge(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    return new InThreadLoader().merge(parts)
  }
  close(): Promise<void> {
    return Promise.resolve()
  }
}

describe('joining a board that is still loading', () => {
  it('answers a first-time joiner from storage, then sends what changed before it joined', async () => {
    const store = new MemoryStore()
    const { editTokenHash, viewTokenHash } = issueTokens()
    await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
    const stored = new Y.Doc()
    stored.getText('t').insert(0, 'stor')
    await store.appendUpdate('b', Y.encodeStateAsUpdate(stored))
    const before = Y.encodeStateVector(stored)
    stored.getText('t').insert(4, 'ed')
    await store.appendUpdate('b', Y.encodeStateAsUpdate(stored, before))
    // Another node's edit, made after our read: the fan-out delivers it when the room attaches.
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(stored))
    remote.getText('t').insert(6, ' + remote')
    const fanout: RoomFanout = {
      open: () => Promise.resolve(),
      attach: (room) =>
        Y.applyUpdate(
          room.doc,
          Y.encodeStateAsUpdate(remote, Y.encodeStateVector(stored)),
          REMOTE_ORIGIN,
        ),
      durable: () => undefined,
      detach: () => undefined,
    }
    const loader = new GatedLoader()
    const relay = new Relay(relayOptions(store, { fanout, loader }))
    const socket = new DocSocket(() => relay.rooms.get('b') !== null)
    const connection = relay.accept(socket, 'b', 'view')
    connection.receive(encodeSyncStep1(new Y.Doc()), true)
    await new Promise((done) => setTimeout(done, 20))
    expect(relay.rooms.get('b')).toBeNull()
    expect(socket.doc.getText('t').toString()).toBe('stored')
    // The later row first (held as pending), the step 2 last: `synced` means complete.
    expect(socket.kinds).toEqual([2, 1])

    loader.release()
    await relay.rooms.acquire('b')
    await relay.rooms.get('b')!.flush()
    expect(socket.receivedWhile).toEqual([false, false, true])
    expect(socket.doc.getText('t').toString()).toBe('stored + remote')
    relay.rooms.release('b')
    await relay.shutdown(100)
  })
})

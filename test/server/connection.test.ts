import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RelaySocket } from '../../server/relay/connection'
import { CloseCode, encodeSyncStep1, encodeUpdate } from '../../server/relay/protocol'
import { Relay } from '../../server/relay/relay'
import { MemoryStore } from '../../server/storage/memory-store'
import { issueTokens } from '../../server/storage/tokens'
import { relayOptions } from '../helpers/relay'

class FakeSocket implements RelaySocket {
  readyState = 1
  bufferedAmount = 0
  closedWith: number | null = null
  sent = 0
  send(): void {
    this.sent++
  }
  close(code: number): void {
    this.closedWith = code
    this.readyState = 3
  }
  terminate(): void {
    this.readyState = 3
  }
  ping(): void {}
}

async function setup() {
  const store = new MemoryStore()
  const { editTokenHash, viewTokenHash } = issueTokens()
  await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
  let open: () => void = () => undefined
  const loading = new Promise<void>((done) => (open = done))
  const load = store.loadDoc.bind(store)
  store.loadDoc = async (id) => {
    await loading
    return load(id)
  }
  const relay = new Relay(relayOptions(store))
  return { relay, store, open }
}

describe('a connection while its board loads', () => {
  it('keeps what arrives early and replays it once the board is loaded', async () => {
    const { relay, store, open } = await setup()
    const socket = new FakeSocket()
    const connection = relay.accept(socket, 'b', 'edit')
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'early bird')
    connection.receive(encodeSyncStep1(new Y.Doc()), true)
    connection.receive(encodeUpdate(Y.encodeStateAsUpdate(doc)), true)
    expect(socket.sent).toBe(0)
    open()
    await relay.rooms.acquire('b').then(() => relay.rooms.release('b'))
    await relay.rooms.get('b')!.flush()
    expect(relay.rooms.get('b')!.doc.getText('t').toString()).toBe('early bird')
    expect((await store.loadDoc('b')).updates.length).toBe(1)
    await relay.shutdown(100)
  })

  it('refuses a flood before the board is loaded with 1013', async () => {
    const { relay, open } = await setup()
    const socket = new FakeSocket()
    const connection = relay.accept(socket, 'b', 'edit')
    for (let i = 0; i < 300; i++) connection.receive(new Uint8Array([3]), true)
    expect(socket.closedWith).toBe(CloseCode.tryAgainLater)
    open()
    await new Promise((done) => setImmediate(done))
    expect(relay.connections.size).toBe(0)
    await relay.shutdown(100)
    expect(relay.rooms.size).toBe(0)
  })
})

/** A socket whose peer reads nothing: every byte sent stays buffered. */
class UnreadSocket extends FakeSocket {
  terminated = false
  override send(data?: Uint8Array): void {
    super.send()
    this.bufferedAmount += data?.byteLength ?? 0
  }
  override terminate(): void {
    this.terminated = true
    super.terminate()
  }
}

describe('the slow-reader cut', () => {
  it('lets one reply larger than the cap go out whole, then cuts a peer that never reads it', async () => {
    const { relay, open } = await setup()
    open()
    const socket = new UnreadSocket()
    const connection = relay.accept(socket, 'b', 'view')
    await relay.rooms.acquire('b')
    const cap = 1 << 20
    // A big step 2 followed by the update that goes with it, in one turn of the event loop.
    connection.send(new Uint8Array(cap + 10))
    connection.send(new Uint8Array(100))
    expect(socket.terminated).toBe(false)
    expect(socket.sent).toBeGreaterThanOrEqual(2)
    // A turn later nothing has drained: the peer is not reading, and the next send cuts it.
    await new Promise((done) => setImmediate(done))
    connection.send(new Uint8Array(100))
    expect(socket.terminated).toBe(true)
    relay.rooms.release('b')
    await relay.shutdown(100)
  })
})

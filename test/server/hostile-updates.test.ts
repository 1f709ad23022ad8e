// Issue 12 items 1–4 on the relay: updates that Yjs would accept and then misbehave on are
// refused with a reason and change nothing; a throw inside Yjs closes the board (1011) and the
// next user gets it reloaded from storage; a big update is applied in slices; one socket's
// sync requests and work are bounded. Real sockets with stock frames where the wire matters,
// the in-process relay where the test has to reach inside (a gate opened on purpose).
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { UpdateRejectedError } from '../../core/sync/index'
import type { RelaySocket } from '../../server/relay/connection'
import { CloseCode, encodeSyncStep1, encodeUpdate, messageSync } from '../../server/relay/protocol'
import { Metrics } from '../../server/metrics'
import { Relay } from '../../server/relay/relay'
import { DEFAULT_GATE_LIMITS } from '../../server/relay/update-gate'
import { UpdateApplier } from '../../server/relay/update-applier'
import { MemoryStore } from '../../server/storage/memory-store'
import { issueTokens } from '../../server/storage/tokens'
import {
  deepNote,
  gapUpdate,
  tinyStructs,
  unknownClientDeletes,
} from '../core/sync/hostile-updates'
import { cleanupsAfter } from '../helpers/cleanups'
import { connectProvider, openSocket, synced } from '../helpers/clients'
import { relayOptions } from '../helpers/relay'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'

const cleanups = cleanupsAfter(afterEach)

async function server(): Promise<TestServer> {
  const started = await startTestServer()
  cleanups.push(() => started.close())
  return started
}

function syncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

async function putSnapshot(srv: TestServer, boardId: string, token: string, bytes: Uint8Array) {
  const response = await fetch(`${srv.url}/api/boards/${boardId}/snapshot`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  })
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string } },
  }
}

describe('updates the relay refuses (items 1, 2)', () => {
  it('closes a socket sending a 3,000-deep chain with 1007 and the reason; others carry on', async () => {
    const srv = await server()
    const board = await srv.createBoard('deep')
    const peer = connectProvider(srv.wsUrl, board.id, board.editToken, { cleanups })
    await synced(peer)
    const { ws, closed } = await openSocket(srv.wsUrl, board.id, board.editToken)
    ws.send(encodeUpdate(deepNote(3000)))
    const { code, reason } = await closed
    expect(code).toBe(CloseCode.invalidPayload)
    expect(reason).toMatch(/nests shared types 9 levels deep/)
    // The honest peer's edits are still stored and broadcast.
    peer.doc.getText('t').insert(0, 'still here')
    const other = connectProvider(srv.wsUrl, board.id, board.viewToken, { cleanups })
    await synced(other)
    await waitFor(() => other.doc.getText('t').toString() === 'still here', { what: 'the edit' })
    expect(other.doc.getMap('notes').has('deep')).toBe(false)
  })

  it('answers PUT /snapshot with 422 and what is wrong: deep, gap, unknown deletes, V2', async () => {
    const srv = await server()
    const board = await srv.createBoard('imports')
    const v2 = new Y.Doc()
    v2.getText('t').insert(0, 'a V2 file')
    const cases: [Uint8Array, string, RegExp][] = [
      [deepNote(3000), 'snapshot-too-deep', /nests shared types/],
      [gapUpdate(), 'snapshot-incomplete', /missing history of client \d+/],
      [unknownClientDeletes(5), 'snapshot-unknown-deletes', /never seen/],
      [Y.encodeStateAsUpdateV2(v2), 'snapshot-malformed', /not a Yjs V1 update/],
    ]
    for (const [bytes, code, message] of cases) {
      const answer = await putSnapshot(srv, board.id, board.editToken, bytes)
      expect(answer.status).toBe(422)
      expect(answer.body.error?.code).toBe(code)
      expect(answer.body.error?.message).toMatch(message)
    }
    // Nothing was merged: the board still holds only its seeded title.
    const backup = await fetch(`${srv.url}/api/boards/${board.id}/snapshot`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    })
    const doc = new Y.Doc()
    Y.applyUpdate(doc, new Uint8Array(await backup.arrayBuffer()))
    expect(doc.getMap('notes').size).toBe(0)
    expect(doc.getText('t').length).toBe(0)
  })

  it('refuses gap and unknown-delete frames after the handshake (1007), never holding them', async () => {
    const srv = await server()
    const board = await srv.createBoard('gaps')
    for (const frame of [encodeUpdate(unknownClientDeletes(3)), encodeUpdate(gapUpdate())]) {
      const { ws, closed } = await openSocket(srv.wsUrl, board.id, board.editToken)
      // After the socket's step 2 nothing is held: the refusal is immediate.
      ws.send(syncStep2(new Uint8Array([0, 0])))
      ws.send(frame)
      const { code, reason } = await closed
      expect(code).toBe(CloseCode.invalidPayload)
      expect(reason).toMatch(/never seen|missing history/)
    }
    const room = srv.relay.rooms.get(board.id)
    expect(
      room === null ||
        (room.doc.store.pendingStructs === null && room.doc.store.pendingDs === null),
    ).toBe(true)
  })

  it('holds an edit typed during the handshake until the step 2 it builds on arrives', async () => {
    const srv = await server()
    const board = await srv.createBoard('reconnect')
    const offline = new Y.Doc()
    offline.getText('t').insert(0, 'written offline')
    const sv = Y.encodeStateVector(offline)
    offline.getText('t').insert(0, 'typed while reconnecting: ')
    const { ws, closed } = await openSocket(srv.wsUrl, board.id, board.editToken)
    let closedWith: number | null = null
    void closed.then(({ code }) => (closedWith = code))
    // The live edit goes out first; the step 2 with the offline history follows it.
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(offline, sv)))
    ws.send(syncStep2(Y.encodeStateAsUpdate(offline)))
    const viewer = connectProvider(srv.wsUrl, board.id, board.viewToken, { cleanups })
    await waitFor(
      () => viewer.doc.getText('t').toString() === 'typed while reconnecting: written offline',
      { what: 'both edits' },
    )
    expect(closedWith).toBeNull()
    ws.close()
  })
})

class FakeSocket implements RelaySocket {
  readyState = 1
  bufferedAmount = 0
  closedWith: { code: number; reason: string } | null = null
  paused = 0
  send(): void {}
  close(code: number, reason: string): void {
    this.closedWith = { code, reason }
    this.readyState = 3
  }
  terminate(): void {
    this.readyState = 3
  }
  ping(): void {}
  pause(): void {
    this.paused++
  }
  resume(): void {}
}

async function inProcess(overrides: Parameters<typeof relayOptions>[1] = {}) {
  const store = new MemoryStore()
  const { editTokenHash, viewTokenHash } = issueTokens()
  await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
  let ids = 0
  const metrics = new Metrics()
  const relay = new Relay(relayOptions(store, { newId: () => `c${ids++}`, metrics, ...overrides }))
  cleanups.push(() => void relay.shutdown(100))
  const join = async () => {
    const socket = new FakeSocket()
    // A facilitator: these updates test the gate's shapes, not roles (role-enforcement.test.ts),
    // and an edit link may not delete the note of nobody it names during the brainstorm.
    const connection = relay.accept(socket, 'b', 'facilitate')
    await relay.rooms.acquire('b').then((room) => relay.rooms.release('b', room))
    return { socket, connection }
  }
  return { store, relay, join, metrics }
}

describe('a throw inside Yjs (item 1)', () => {
  it('closes the board with 1011, reloads it from storage, and later edits are stored again', async () => {
    // The gate is opened on purpose so the chain gets in, as it did before this fix.
    const { store, relay, join } = await inProcess({
      updateLimits: { ...DEFAULT_GATE_LIMITS, maxTypeDepth: 100_000 },
    })
    const first = await join()
    const author = new Y.Doc()
    const chain = deepNote(3000, author)
    first.connection.receive(encodeUpdate(chain), true)
    const poisoned = relay.rooms.get('b')!
    await poisoned.flush()
    // The 10-byte update deleting the note that holds the chain (the author's own doc would
    // overflow making it): no structs, one delete range at the note's clock.
    const note = Y.decodeUpdate(chain).structs[0]!.id
    const encoder = encoding.createEncoder()
    for (const n of [0, 1, note.client, 1, note.clock, 1]) encoding.writeVarUint(encoder, n)
    const deletion = encoding.toUint8Array(encoder)
    first.connection.receive(encodeUpdate(deletion), true)
    await waitFor(() => first.socket.closedWith !== null, { what: 'the close' })
    expect(first.socket.closedWith).toEqual({
      code: CloseCode.internalError,
      reason: 'board reloading after a failed update',
    })
    expect(poisoned.unsafe).toBe(true)
    expect(relay.rooms.get('b')).not.toBe(poisoned)
    // Whoever comes next gets a room loaded from storage, with the chain pruned, that stores.
    const second = await join()
    const fresh = relay.rooms.get('b')!
    expect(fresh).not.toBe(poisoned)
    expect(fresh.consistent).toBe(true)
    const edit = new Y.Doc()
    Y.applyUpdate(edit, Y.encodeStateAsUpdate(fresh.doc))
    const before = Y.encodeStateVector(edit)
    edit.getMap('notes').set('after', 'kept')
    second.connection.receive(encodeUpdate(Y.encodeStateAsUpdate(edit, before)), true)
    await fresh.flush()
    const stored = new Y.Doc()
    const { snapshot, updates } = await store.loadDoc('b')
    for (const part of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(stored, part)
    expect(stored.getMap('notes').get('after')).toBe('kept')
  })

  it('reports a doc that stopped emitting as inconsistent (/healthz counts it)', async () => {
    const { relay, join } = await inProcess()
    await join()
    const room = relay.rooms.get('b')!
    expect(relay.rooms.inconsistent()).toHaveLength(0)
    // Bypass the gate to wedge the doc the way the attack did.
    Y.applyUpdate(room.doc, deepNote(3000))
    try {
      room.doc.getMap('notes').delete('deep')
    } catch {
      // expected: Yjs overflows mid-transaction
    }
    expect(room.consistent).toBe(false)
    expect(relay.rooms.inconsistent()).toEqual([room])
  })
})

describe('bounded work per update and per socket (item 4)', () => {
  it('applies a 20k-struct update in slices, and refuses one past the struct cap', async () => {
    const { relay, join, metrics } = await inProcess({
      updateLimits: { ...DEFAULT_GATE_LIMITS, maxStructs: 30_000 },
    })
    const { socket, connection } = await join()
    connection.receive(encodeUpdate(tinyStructs(20_000)), true)
    const room = relay.rooms.get('b')!
    await waitFor(() => room.doc.getText('t').length === 20_000, { what: 'all slices' })
    await room.flush()
    expect(metrics.slicedUpdates).toBe(1)
    expect(socket.closedWith).toBeNull()
    connection.receive(encodeUpdate(tinyStructs(40_000)), true)
    await waitFor(() => socket.closedWith !== null, { what: 'the refusal' })
    expect(socket.closedWith!.code).toBe(CloseCode.invalidPayload)
    expect(socket.closedWith!.reason).toMatch(/more than 30000 structs/)
    expect(room.doc.getText('t').length).toBe(20_000)
  })

  it('pauses a socket that spends past its work budget instead of closing it', async () => {
    const { join, relay } = await inProcess({
      flow: {
        workPerSecond: 1_000,
        workBurst: 5_000,
        syncRequestsBurst: 4,
        syncRequestsPerSecond: 1,
      },
    })
    const { socket, connection } = await join()
    connection.receive(encodeUpdate(tinyStructs(6_000)), true)
    await relay.rooms.get('b')!.flush()
    await waitFor(() => relay.rooms.get('b')!.doc.getText('t').length === 6_000, { what: 'apply' })
    expect(socket.paused).toBe(1)
    expect(socket.closedWith).toBeNull()
  })

  it('answers sync requests past the budget later, in order, and closes a flood (1008)', async () => {
    const srv = await server()
    const board = await srv.createBoard('flood')
    const bogus = new Y.Doc()
    bogus.getText('t').insert(0, 'x')
    // Twelve requests, four past the burst: every one is answered, none refused.
    const polite = await openSocket(srv.wsUrl, board.id, board.viewToken)
    let answers = 0
    polite.ws.on('message', (data: Buffer) => {
      if (data[0] === messageSync && data[1] === 1) answers++
    })
    for (let i = 0; i < 12; i++) polite.ws.send(encodeSyncStep1(bogus))
    await waitFor(() => answers === 12, { what: 'twelve answers', timeoutMs: 5_000 })
    polite.ws.close()
    // A flood past the waiting bound is closed, even from a view link.
    const { ws, closed } = await openSocket(srv.wsUrl, board.id, board.viewToken)
    for (let i = 0; i < 60; i++) ws.send(encodeSyncStep1(bogus))
    const { code, reason } = await closed
    expect(code).toBe(CloseCode.policyViolation)
    expect(reason).toBe('too many sync requests')
  })
})

describe('UpdateRejectedError over the wire', () => {
  it('is what the gate throws for every refusal kind used above', () => {
    expect(new UpdateRejectedError('incomplete', 'x').problem).toBe('incomplete')
  })
})

describe("a board's own work budget (item 4)", () => {
  it('past it, updates from any number of sockets wait in the lane instead of running at once', async () => {
    const doc = new Y.Doc()
    let applied = 0
    const applier = new UpdateApplier({
      doc,
      metrics: new Metrics(),
      limits: DEFAULT_GATE_LIMITS,
      now: () => performance.now(),
      workPerSecond: 1_000,
      workBurst: 200,
      budget: () => ({ sizeBytes: 0, maxBoardBytes: 1 << 30, readOnlyReason: null }),
      charge: () => undefined,
      stopped: () => false,
      applySafely: (bytes, origin) => {
        Y.applyUpdate(doc, bytes, origin)
        applied++
        return true
      },
    })
    // 150 structs each (prepends do not merge): the first fits the burst, the second not.
    const update = () => {
      const author = new Y.Doc()
      author.transact(() => {
        for (let i = 0; i < 150; i++) author.getText('t').insert(0, 'a')
      })
      return Y.encodeStateAsUpdate(author)
    }
    expect(applier.admitAndApply(update(), 'first')).toBeUndefined()
    expect(applied).toBe(1)
    const second = applier.admitAndApply(update(), 'second')
    // 100 units owed at 1,000 a second: it waits ≈ 100 ms, then applies.
    expect(second).toBeInstanceOf(Promise)
    expect(applied).toBe(1)
    const started = performance.now()
    await second
    expect(applied).toBe(2)
    expect(performance.now() - started).toBeGreaterThanOrEqual(80)
    expect(doc.getText('t').length).toBe(300)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { connectProvider, openSocket, synced } from '../helpers/clients'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { awarenessUpdate } from './awareness-frames'

const MAX_PAYLOAD = 64 * 1024

let srv: TestServer
let board: CreatedBoard
let a: WebsocketProvider
let b: WebsocketProvider

beforeAll(async () => {
  srv = await startTestServer({ config: { maxPayloadBytes: MAX_PAYLOAD, maxAwarenessBytes: 1024 } })
  board = await srv.createBoard()
  a = provider()
  b = provider()
  await Promise.all([synced(a), synced(b)])
  a.doc.getText('t').insert(0, 'before ')
  b.awareness.setLocalStateField('user', { name: 'bee' })
  await waitFor(() => b.doc.getText('t').toString() === 'before ')
  await waitFor(() => a.awareness.getStates().get(b.doc.clientID)?.['user']?.name === 'bee')
})

afterAll(async () => {
  a.destroy()
  b.destroy()
  await srv.close()
})

function provider(): WebsocketProvider {
  return connectProvider(srv.wsUrl, board.id, board.editToken)
}

/** Opens a raw socket, sends `frames`, and reports the close code (or 'open' if none came). */
async function probe(
  frames: readonly (Uint8Array | string)[],
  settleMs = 150,
): Promise<number | 'open'> {
  const { ws, closed } = await openSocket(srv.wsUrl, board.id, board.editToken)
  for (const frame of frames) ws.send(frame)
  const result = await Promise.race([
    closed.then(({ code }) => code),
    new Promise<'open'>((done) => setTimeout(() => done('open'), settleMs)),
  ])
  ws.terminate()
  return result
}

function message(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part)
    else encoding.writeVarUint8Array(encoder, part)
  }
  return encoding.toUint8Array(encoder)
}

/** mulberry32: the corpus is random but the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function validUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'a fairly long string so that truncation and flips hit content')
  doc.getMap('m').set('key', { nested: [1, 2, 3] })
  return Y.encodeStateAsUpdate(doc)
}

describe('malformed input corpus', () => {
  it('closes with 1003 for text frames and 1009 for oversized frames', async () => {
    expect(await probe(['hello'])).toBe(1003)
    expect(await probe([new Uint8Array(MAX_PAYLOAD + 1)])).toBe(1009)
    expect(srv.metrics.rejected.get('text-frame')).toBeGreaterThan(0)
    expect(srv.metrics.rejected.get('oversized-frame')).toBeGreaterThan(0)
  })

  it('closes with 1007 for messages that do not decode', async () => {
    const update = validUpdate()
    const cases: Uint8Array[] = [
      new Uint8Array(0),
      new Uint8Array([42]),
      message(0, 7, new Uint8Array([0])),
      message(0, 2, update.slice(0, update.length - 5)),
      message(0, 1, update.slice(0, 3)),
      message(0, 0, new Uint8Array([5, 1])),
      new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]),
      new Uint8Array([...message(0, 2, update), 9, 9]),
      message(1, new Uint8Array([3, 7, 1, 2, 0x7b, 0x7d])),
      message(1, awarenessUpdate([{ id: 777, clock: 1, json: 'not json' }])),
      message(1, awarenessUpdate([{ id: 778, clock: 1, json: '[1,2]' }])),
    ]
    for (const [i, frame] of cases.entries()) {
      expect({ i, code: await probe([frame]) }).toEqual({ i, code: 1007 })
    }
  })

  it('survives random bytes and truncated or byte-flipped updates', async () => {
    const random = seeded(4)
    const update = validUpdate()
    const frames: Uint8Array[] = []
    for (let i = 0; i < 30; i++) {
      const length = Math.floor(random() * 64)
      frames.push(Uint8Array.from({ length }, () => Math.floor(random() * 256)))
    }
    for (let i = 0; i < 30; i++) {
      const cut = update.slice(0, Math.floor(random() * update.length))
      frames.push(message(0, 2, cut))
      const flipped = update.slice()
      const at = Math.floor(random() * flipped.length)
      flipped[at] = (flipped[at] ?? 0) ^ (1 + Math.floor(random() * 255))
      frames.push(message(0, 2, flipped))
    }
    const outcomes = new Map<string, number>()
    for (const frame of frames) {
      const code = String(await probe([frame], 40))
      outcomes.set(code, (outcomes.get(code) ?? 0) + 1)
    }
    // Either refused with 1007 or harmlessly accepted: never a crash (1006) or server error.
    expect([...outcomes.keys()].every((code) => code === '1007' || code === 'open')).toBe(true)
    expect(outcomes.get('1007')).toBeGreaterThan(10)
  })

  it('rejects awareness for foreign client ids, oversized states and too many ids', async () => {
    const foreign = message(
      1,
      awarenessUpdate([{ id: b.doc.clientID, clock: 999, json: '{"user":{"name":"mallory"}}' }]),
    )
    const huge = message(
      1,
      awarenessUpdate([{ id: 4242, clock: 1, json: `{"x":"${'y'.repeat(2000)}"}` }]),
    )
    const many = message(
      1,
      awarenessUpdate(
        Array.from({ length: 10 }, (_, i) => ({ id: 5000 + i, clock: 1, json: '{}' })),
      ),
    )
    const before = { ...Object.fromEntries(srv.metrics.rejected) }
    for (const frame of [foreign, huge, many]) expect(await probe([frame])).toBe('open')
    expect(srv.metrics.rejected.get('awareness-foreign-client')).toBe(
      (before['awareness-foreign-client'] ?? 0) + 1,
    )
    expect(srv.metrics.rejected.get('awareness-too-large')).toBe(
      (before['awareness-too-large'] ?? 0) + 1,
    )
    expect(srv.metrics.rejected.get('awareness-too-many-clients')).toBe(
      (before['awareness-too-many-clients'] ?? 0) + 1,
    )
    expect(a.awareness.getStates().get(b.doc.clientID)?.['user']?.name).toBe('bee')
    expect([...a.awareness.getStates().keys()].some((id) => id >= 4242 && id < 5010)).toBe(false)
  })

  it('leaves the server up and the honest clients syncing', async () => {
    const health = await fetch(`${srv.url}/healthz`)
    expect(health.status).toBe(200)
    b.doc.getText('t').insert(b.doc.getText('t').length, 'after')
    await waitFor(() => a.doc.getText('t').toString().endsWith('after'), { what: 'a sees b' })
    expect(a.doc.getText('t').toString()).toBe(b.doc.getText('t').toString())
    expect(a.wsconnected && b.wsconnected).toBe(true)
    expect(srv.relay.connections.size).toBe(2)
  })
})

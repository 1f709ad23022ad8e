/**
 * Issue 12 item 9 on real sockets: view links publishing large presence states. Before the fix,
 * a state of 32,000 '€' passed a cap meant for 32 KiB because its length was counted in
 * characters, and nothing bounded the room's presence, so 25 view sockets made the relay send
 * hundreds of MiB. Also: a view link cannot dress its name up as a role.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import { messageAwareness } from '../../server/relay/protocol'
import { connectProvider, openSocket, synced } from '../helpers/clients'
import { cleanupsAfter } from '../helpers/cleanups'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'
import { awarenessUpdate } from './awareness-frames'

const cleanups = cleanupsAfter(afterEach)
const KiB = 1024
const MAX_STATE = 64 * KiB
const ROOM_CAP = 1024 * KiB
const RATE = 16 * KiB
/** room-presence.ts' bucket: a second's worth, or one full-size state if that is more. */
const BUCKET = Math.max(RATE, MAX_STATE)
const SOCKETS = 25

async function server(): Promise<TestServer> {
  const srv = await startTestServer({
    config: {
      maxAwarenessBytes: MAX_STATE,
      // The defaults, spelled out: the bounds below are computed from them.
      maxRoomAwarenessBytes: ROOM_CAP,
      maxAwarenessBytesPerSecond: RATE,
    },
  })
  cleanups.push(() => srv.close())
  return srv
}

function awarenessFrame(id: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(
    encoder,
    awarenessUpdate([{ id, clock, json: JSON.stringify(state) }]),
  )
  return encoding.toUint8Array(encoder)
}

interface Counted {
  readonly ws: WebSocket
  received: number
}

/**
 * A raw view socket that counts every byte the relay sends it from now on, once the room has
 * taken it in (what arrived with the handshake, before a listener could attach, is not counted).
 */
async function viewSocket(srv: TestServer, boardId: string, token: string): Promise<Counted> {
  const peersBefore = srv.relay.rooms.get(boardId)?.peers.size ?? 0
  const { ws } = await openSocket(srv.wsUrl, boardId, token)
  const counted: Counted = { ws, received: 0 }
  ws.on('message', (data: Buffer) => (counted.received += data.byteLength))
  cleanups.push(() => ws.close())
  await waitFor(() => srv.relay.rooms.get(boardId)?.peers.size === peersBefore + 1, {
    what: 'the room to take the socket in',
  })
  return counted
}

describe('presence bounds on real sockets', () => {
  it('25 view sockets with large states cannot push room presence past the cap', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    const sockets: Counted[] = []
    for (let i = 0; i < SOCKETS; i++) sockets.push(await viewSocket(srv, board.id, board.viewToken))
    const room = srv.relay.rooms.get(board.id)!
    const user = (i: number) => ({ id: `v${i}`, name: `viewer ${i}`, color: '#123456' })
    const baseline = sockets.reduce((sum, s) => sum + s.received, 0)

    // The reported payload: 32,000 '€' is 32,0xx characters but 96,0xx bytes.
    for (const [i, s] of sockets.entries()) {
      s.ws.send(awarenessFrame(5000 + i, 1, { user: user(i), pad: '€'.repeat(32_000) }))
    }
    await waitFor(() => srv.metrics.rejected.get('awareness-too-large') === SOCKETS, {
      what: 'every 96 KB state refused',
    })
    expect(room.presence.totalBytes).toBe(0)

    // States that do fit (48 KB each, 1.2 MB together), each sent five times in a burst.
    const stateBytes = 3 * 16_000
    const started = performance.now()
    for (let clock = 2; clock <= 6; clock++) {
      for (const [i, s] of sockets.entries()) {
        s.ws.send(
          awarenessFrame(5000 + i, clock, { user: user(i), clock, pad: '€'.repeat(16_000) }),
        )
      }
    }
    // The coalesced last state of each admitted socket is applied once its bucket refills
    // (≈ 2 s); then wait for the relay's sends to drain to the sockets.
    await waitFor(
      () => {
        const clocks = [...room.awareness.getStates().values()].map((s) => s['clock'])
        return clocks.length > 0 && clocks.every((clock) => clock === 6)
      },
      { timeoutMs: 30_000, what: 'the latest states applied' },
    )
    let last = -1
    await waitFor(
      async () => {
        await new Promise((done) => setTimeout(done, 300))
        const total = sockets.reduce((sum, s) => sum + s.received, 0)
        const quiet = total === last
        last = total
        return quiet
      },
      { timeoutMs: 30_000, what: 'presence traffic to settle' },
    )
    const seconds = (performance.now() - started) / 1000

    expect(room.presence.totalBytes).toBeLessThanOrEqual(ROOM_CAP)
    expect(room.presence.totalBytes).toBeGreaterThan(ROOM_CAP - 2 * stateBytes)
    expect(srv.metrics.rejected.get('awareness-room-full')).toBeGreaterThan(0)
    const states = [...room.awareness.getStates().values()] as { user: { role: string } }[]
    expect(states.every((s) => s.user.role === 'view')).toBe(true)

    const received = sockets.reduce((sum, s) => sum + s.received, 0) - baseline
    // Every accepted change goes to every socket, and one socket's changes are bounded by its
    // bucket plus RATE per second; unbounded, all 125 states would reach all 25 sockets.
    const bound = SOCKETS * SOCKETS * (BUCKET + RATE * seconds)
    const unbounded = 5 * SOCKETS * SOCKETS * stateBytes
    const MiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
    console.info(
      `presence egress: ${MiB(received)} to ${SOCKETS} view sockets in ${seconds.toFixed(1)} s ` +
        `(bound ${MiB(bound)}, unbounded ${MiB(unbounded)}); room presence ` +
        `${room.presence.totalBytes} B of ${ROOM_CAP}`,
    )
    expect(received).toBeLessThanOrEqual(bound)
    expect(received).toBeLessThan(unbounded / 2)
  }, 60_000)

  it('a view link announcing "Ann (facilitator)" is seen as Ann, stamped view', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    const editor = connectProvider(srv.wsUrl, board.id, board.editToken, { cleanups })
    const viewer = connectProvider(srv.wsUrl, board.id, board.viewToken, { cleanups })
    await Promise.all([synced(editor), synced(viewer)])
    viewer.awareness.setLocalState({
      user: { id: 'ann', name: 'Ann (facilitator)', color: '#e11d48', role: 'edit' },
      cursor: null,
      selection: [],
    })
    editor.awareness.setLocalState({
      user: { id: 'bo', name: 'Bo ［host］', color: '#2563eb' },
      cursor: null,
      selection: [],
    })
    const seen = await waitFor(
      () => editor.awareness.getStates().get(viewer.awareness.clientID)?.['user'],
      { what: "viewer's presence at the editor" },
    )
    expect(seen).toEqual({ id: 'ann', name: 'Ann', color: '#e11d48', role: 'view' })
    const bo = await waitFor(
      () => viewer.awareness.getStates().get(editor.awareness.clientID)?.['user'],
      { what: "editor's presence at the viewer" },
    )
    expect(bo).toEqual({ id: 'bo', name: 'Bo', color: '#2563eb', role: 'edit' })
  })
})

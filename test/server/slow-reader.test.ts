import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'

let srv: TestServer

beforeAll(async () => {
  srv = await startTestServer({ config: { maxBufferedBytes: 256 * 1024 } })
})
afterAll(() => srv.close())

describe('a client that stops reading', () => {
  it('is cut off once its send buffer passes the cap; others carry on', async () => {
    const board = await srv.createBoard()
    const writer = new WebsocketProvider(srv.wsUrl, board.id, new Y.Doc(), {
      params: { token: board.editToken },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    await waitFor(() => writer.synced, { what: 'writer synced' })

    const slow = new WebSocket(`${srv.wsUrl}/${board.id}?token=${board.viewToken}`)
    slow.on('error', () => undefined)
    await new Promise((done) => slow.once('open', done))
    await waitFor(() => srv.relay.connections.size === 2)
    // Stop reading from the TCP socket: the kernel buffers fill, then the server's ws buffer.
    ;(slow as unknown as { _socket: Socket })._socket.pause()

    const chunk = 'x'.repeat(64 * 1024)
    for (let i = 0; i < 400 && srv.metrics.rejected.get('slow-reader') === 0; i++) {
      writer.doc.getArray('big').push([chunk])
      await new Promise((done) => setTimeout(done, 2))
    }
    await waitFor(() => srv.metrics.rejected.get('slow-reader')! > 0, { what: 'cut off' })
    await waitFor(() => srv.relay.connections.size === 1, { what: 'slow socket gone' })

    const check = new WebsocketProvider(srv.wsUrl, board.id, new Y.Doc(), {
      params: { token: board.viewToken },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    await waitFor(() => check.synced, { what: 'fresh peer synced' })
    expect(check.doc.getArray('big').length).toBe(writer.doc.getArray('big').length)
    slow.terminate()
    check.destroy()
    writer.destroy()
  })
})

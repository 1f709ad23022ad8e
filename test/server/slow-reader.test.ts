import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectProvider, openSocket, stopReading } from '../helpers/clients'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'

let srv: TestServer

beforeAll(async () => {
  srv = await startTestServer({ config: { maxBufferedBytes: 256 * 1024 } })
})
afterAll(() => srv.close())

describe('a client that stops reading', () => {
  it('is cut off once its send buffer passes the cap; others carry on', async () => {
    const board = await srv.createBoard()
    const writer = connectProvider(srv.wsUrl, board.id, board.editToken)
    await waitFor(() => writer.synced, { what: 'writer synced' })

    const { ws: slow } = await openSocket(srv.wsUrl, board.id, board.viewToken)
    await waitFor(() => srv.relay.connections.size === 2)
    // Stop reading from the TCP socket: the kernel buffers fill, then the server's ws buffer.
    stopReading(slow)

    const chunk = 'x'.repeat(64 * 1024)
    for (let i = 0; i < 400 && srv.metrics.rejected.get('slow-reader') === 0; i++) {
      writer.doc.getArray('big').push([chunk])
      await new Promise((done) => setTimeout(done, 2))
    }
    await waitFor(() => srv.metrics.rejected.get('slow-reader')! > 0, { what: 'cut off' })
    await waitFor(() => srv.relay.connections.size === 1, { what: 'slow socket gone' })

    const check = connectProvider(srv.wsUrl, board.id, board.viewToken)
    await waitFor(() => check.synced, { what: 'fresh peer synced' })
    expect(check.doc.getArray('big').length).toBe(writer.doc.getArray('big').length)
    slow.terminate()
    check.destroy()
    writer.destroy()
  })
})

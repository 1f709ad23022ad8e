import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { messageQueryAwareness } from '../../server/relay/protocol'
import { openSocket, stopReading } from '../helpers/clients'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'

const servers: TestServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

async function open(pingIntervalMs: number, idleTimeoutMs: number) {
  const srv = await startTestServer({ config: { pingIntervalMs, idleTimeoutMs } })
  servers.push(srv)
  const board = await srv.createBoard()
  return { srv, ...(await openSocket(srv.wsUrl, board.id, board.editToken)) }
}

describe('keepalive', () => {
  it('closes a socket that sends nothing for the idle timeout with 1000', async () => {
    const { ws, closed } = await open(100, 300)
    const started = Date.now()
    expect(await closed).toEqual({ code: 1000, reason: 'idle timeout' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    ws.terminate()
  })

  it('keeps a socket that keeps talking open past the idle timeout', async () => {
    const { srv, ws } = await open(100, 300)
    const timer = setInterval(() => ws.send(new Uint8Array([messageQueryAwareness])), 60)
    await new Promise((done) => setTimeout(done, 900))
    clearInterval(timer)
    expect(ws.readyState).toBe(WebSocket.OPEN)
    expect(srv.relay.connections.size).toBe(1)
    ws.terminate()
  })

  it('drops a socket that stops answering pings, without waiting for the idle timeout', async () => {
    const { srv, ws } = await open(100, 60_000)
    await waitFor(() => srv.relay.connections.size === 1)
    // A paused socket reads nothing, so the ws client never sees the ping to answer it.
    stopReading(ws)
    await waitFor(() => srv.relay.connections.size === 0, { what: 'dead socket dropped' })
    expect(srv.relay.rooms.size).toBe(0)
    ws.terminate()
  })
})

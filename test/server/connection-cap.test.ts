// The per-address connection cap (server/http/connection-cap.ts): past it a connection is
// closed when accepted, before any HTTP is read; closing one frees a place; behind a trusted
// proxy (every connection is the proxy's) the cap is off.
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanupsAfter } from '../helpers/cleanups'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'

const cleanups = cleanupsAfter(afterEach)

async function started(config: { maxConnectionsPerAddress: number; trustProxy?: number }) {
  const server = await startTestServer({ config })
  cleanups.push(() => server.close())
  return server
}

/** A raw connection to the server and whether the server has closed it. */
async function open(server: TestServer): Promise<{ socket: Socket; closed: () => boolean }> {
  const socket = connect(server.port, '127.0.0.1')
  let closed = false
  socket.on('close', () => (closed = true))
  socket.on('error', () => undefined)
  cleanups.push(() => socket.destroy())
  await new Promise<void>((done) => socket.once('connect', () => done()))
  return { socket, closed: () => closed }
}

async function metric(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  const line = /stretchboard_rejected_messages_total\{reason="address-connections"\} (\d+)/.exec(
    text,
  )
  return Number(line?.[1] ?? NaN)
}

describe('connections per client address', () => {
  it('closes a connection past the cap at accept, and takes one again once a place frees up', async () => {
    const server = await started({ maxConnectionsPerAddress: 3 })
    const held = [await open(server), await open(server), await open(server)]
    const surplus = await open(server)
    await waitFor(() => surplus.closed(), { what: 'the surplus connection is closed' })
    // Closed without a byte of HTTP being read or answered.
    expect(surplus.socket.bytesRead).toBe(0)
    expect(held.every((c) => !c.closed())).toBe(true)
    held[0]!.socket.destroy()
    await waitFor(() => held[0]!.closed())
    // fetch opens one connection of its own: the freed place.
    held[1]!.socket.destroy()
    await waitFor(() => held[1]!.closed())
    expect(await metric(server)).toBe(1)
  })

  it('is off behind a trusted proxy, where every connection comes from the proxy', async () => {
    const server = await started({ maxConnectionsPerAddress: 2, trustProxy: 1 })
    const conns = [await open(server), await open(server), await open(server), await open(server)]
    await new Promise((done) => setTimeout(done, 100))
    expect(conns.every((c) => !c.closed())).toBe(true)
    expect(await metric(server)).toBe(0)
  })
})

/**
 * Issue 12 item 5: what one address can take without a token. A real server on an ephemeral
 * port, so the limits key on the socket's real address (127.0.0.1), and raw HTTP upgrades, so
 * the refusals are seen as a client sees them: before any handshake.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { DEFAULT_CONFIG, type Config } from '../../server/config'
import { startServer } from '../../server/main'
import { openSocket } from '../helpers/clients'
import { cleanupsAfter } from '../helpers/cleanups'
import { startTestServer, type TestServer } from '../helpers/server'
import { send, upgrade, type Answer } from './raw-http'

const cleanups = cleanupsAfter(afterEach)

async function server(config: Partial<Config>): Promise<TestServer> {
  const running = await startTestServer({ config })
  cleanups.push(() => running.close())
  return running
}

const createOn = (url: string, headers: Record<string, string> = {}) =>
  send(url, 'POST', '/api/boards', { 'content-type': 'application/json', ...headers }, '{}')

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429)
  const retryAfter = Number(answer.headers['retry-after'])
  expect(Number.isInteger(retryAfter)).toBe(true)
  expect(retryAfter).toBeGreaterThanOrEqual(1)
  expect(retryAfter).toBeLessThanOrEqual(60)
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } }
  expect(body.error.code).toBe('rate-limited')
  expect(body.error.message).toMatch(/try again in \d+ s/)
}

describe('board creation from one address', () => {
  it('allows the default 30 a minute, then answers 429 with Retry-After and the JSON error', async () => {
    const srv = await server({ createBoardsPerMinute: DEFAULT_CONFIG.createBoardsPerMinute })
    expect(DEFAULT_CONFIG.createBoardsPerMinute).toBe(30)
    for (let i = 0; i < 30; i++) expect((await createOn(srv.url)).status).toBe(201)
    const refused = await createOn(srv.url)
    expectRateLimited(refused)
    expect(refused.headers['cache-control']).toBe('no-store')
    expect((await srv.store.stats()).boards).toBe(30)
    // A trailing slash is not a second door.
    expect((await send(srv.url, 'POST', '/api/boards/', {}, '{}')).status).not.toBe(201)
    expect(srv.metrics.rejected.get('rate-limited')).toBeGreaterThanOrEqual(1)
  })

  it('ignores X-Forwarded-For unless TRUST_PROXY says a proxy writes it', async () => {
    const direct = await server({ createBoardsPerMinute: 2 })
    for (const forwarded of ['203.0.113.1', '203.0.113.2']) {
      expect((await createOn(direct.url, { 'x-forwarded-for': forwarded })).status).toBe(201)
    }
    // A forged header does not buy a fresh allowance.
    expectRateLimited(await createOn(direct.url, { 'x-forwarded-for': '203.0.113.3' }))

    const proxied = await server({ createBoardsPerMinute: 2, trustProxy: 1 })
    const from = (client: string) => createOn(proxied.url, { 'x-forwarded-for': client })
    expect((await from('203.0.113.1')).status).toBe(201)
    expect((await from('203.0.113.1')).status).toBe(201)
    expectRateLimited(await from('203.0.113.1'))
    // Another client behind the same proxy has its own allowance; what the client itself
    // wrote to the left of the proxy's entry is ignored.
    expect((await from('203.0.113.2')).status).toBe(201)
    expectRateLimited(await from('198.51.100.9, 203.0.113.1'))
  })
})

describe('snapshot uploads from one address', () => {
  it('answers 429 with Retry-After once the limit is used, before the token is even read', async () => {
    const srv = await server({ snapshotUploadsPerMinute: 3 })
    const board = await srv.createBoard()
    const source = new Y.Doc()
    source.getMap('scratch').set('restored', true)
    const update = Y.encodeStateAsUpdate(source)
    const put = (token: string) =>
      send(
        srv.url,
        'PUT',
        `/api/boards/${board.id}/snapshot`,
        { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        update,
      )
    // What the merge answers is the snapshot route's business (test/server/app.test.ts); here
    // only that the first three pass the limit.
    for (let i = 0; i < 3; i++) expect((await put(board.editToken)).status).not.toBe(429)
    expectRateLimited(await put(board.editToken))
    // Guessing tokens is limited by the same counter.
    expectRateLimited(await put('wrong-token'))
    // Reading is not an upload.
    const backup = await send(srv.url, 'GET', `/api/boards/${board.id}/snapshot`, {
      authorization: `Bearer ${board.viewToken}`,
    })
    expect(backup.status).toBe(200)
  })
})

describe('socket opens from one address', () => {
  it('refuses the upgrade with a plain 429 + Retry-After once the limit is used', async () => {
    const srv = await server({ socketOpensPerMinute: 5 })
    const board = await srv.createBoard()
    const open: WebSocket[] = []
    cleanups.push(() => open.forEach((ws) => ws.terminate()))
    for (let i = 0; i < 5; i++)
      open.push((await openSocket(srv.wsUrl, board.id, board.editToken)).ws)
    const refused = await upgrade(srv.url, `/ws/${board.id}?token=${board.editToken}`)
    expectRateLimited(refused)
    await expect(openSocket(srv.wsUrl, board.id, board.editToken)).rejects.toThrow(/refused/)
    expect(srv.relay.connections.size).toBe(5)
    // Bad tokens count too: the limit comes before any storage lookup.
    const anonymous = await server({ socketOpensPerMinute: 3 })
    for (let i = 0; i < 3; i++) {
      expect((await upgrade(anonymous.url, '/ws/nope?token=bad')).status).toBe(401)
    }
    expectRateLimited(await upgrade(anonymous.url, '/ws/nope?token=bad'))
    expect(anonymous.relay.rooms.size).toBe(0)
  })

  it('lets a 100-tab office reconnect at once on the default (120 a minute)', async () => {
    expect(DEFAULT_CONFIG.socketOpensPerMinute).toBe(120)
    const srv = await server({ socketOpensPerMinute: DEFAULT_CONFIG.socketOpensPerMinute })
    const board = await srv.createBoard()
    const open: WebSocket[] = []
    cleanups.push(() => open.forEach((ws) => ws.terminate()))
    const sockets = await Promise.all(
      Array.from({ length: 100 }, () => openSocket(srv.wsUrl, board.id, board.editToken)),
    )
    open.push(...sockets.map((s) => s.ws))
    expect(srv.relay.connections.size).toBe(100)
  })
})

describe('connections per board', () => {
  it('refuses a socket past the cap with 503 before the upgrade; other boards are unaffected', async () => {
    const srv = await server({ maxConnectionsPerBoard: 3 })
    const [busy, other] = [await srv.createBoard('busy'), await srv.createBoard('other')]
    const open: { ws: WebSocket; closed: Promise<unknown> }[] = []
    cleanups.push(() => open.forEach((s) => s.ws.terminate()))
    for (let i = 0; i < 3; i++) open.push(await openSocket(srv.wsUrl, busy.id, busy.viewToken))
    const refused = await upgrade(srv.url, `/ws/${busy.id}?token=${busy.editToken}`)
    expect(refused.status).toBe(503)
    expect(refused.headers['retry-after']).toBe('10')
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: 'board-connections-full', message: 'board has 3 connections' },
    })
    expect(srv.metrics.rejected.get('board-connections-full')).toBe(1)
    open.push(await openSocket(srv.wsUrl, other.id, other.editToken))
    // Someone leaves: the place is free again.
    const leaving = open.shift()!
    leaving.ws.close()
    await leaving.closed
    open.push(await openSocket(srv.wsUrl, busy.id, busy.editToken))
    expect((await upgrade(srv.url, `/ws/${busy.id}?token=${busy.editToken}`)).status).toBe(503)
  })

  it('keeps the cap a secret from clients without a token', async () => {
    const srv = await server({ maxConnectionsPerBoard: 1 })
    const board = await srv.createBoard()
    const first = await openSocket(srv.wsUrl, board.id, board.editToken)
    cleanups.push(() => first.ws.terminate())
    expect((await upgrade(srv.url, `/ws/${board.id}?token=wrong`)).status).toBe(401)
  })
})

describe('BOARD_CREATION=secret', () => {
  const secret = 'correct horse battery staple'

  it('refuses creation without the secret (401) or with a wrong one (403), accepts the right one', async () => {
    const srv = await server({ boardCreation: 'secret', boardCreationSecret: secret })
    const missing = await createOn(srv.url)
    expect(missing.status).toBe(401)
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="board creation"')
    expect(JSON.parse(missing.body).error.code).toBe('creation-secret-required')
    for (const wrong of ['nope', secret.slice(0, -1), `${secret}x`]) {
      const refused = await createOn(srv.url, { authorization: `Bearer ${wrong}` })
      expect(refused.status).toBe(403)
      expect(JSON.parse(refused.body).error.code).toBe('creation-secret-invalid')
    }
    expect((await srv.store.stats()).boards).toBe(0)
    const created = await createOn(srv.url, { authorization: `Bearer ${secret}` })
    expect(created.status).toBe(201)
    expect((await srv.store.stats()).boards).toBe(1)
  })

  it('counts wrong guesses against the creation limit', async () => {
    const srv = await server({
      boardCreation: 'secret',
      boardCreationSecret: secret,
      createBoardsPerMinute: 3,
    })
    for (let i = 0; i < 3; i++) {
      expect((await createOn(srv.url, { authorization: `Bearer guess${i}` })).status).toBe(403)
    }
    expectRateLimited(await createOn(srv.url, { authorization: `Bearer ${secret}` }))
  })

  it('will not start in secret mode without a long enough secret', async () => {
    // Refused before anything is opened: the data directory is never even created.
    const config = {
      port: 0,
      dataDir: '/nonexistent/stretchboard',
      boardCreation: 'secret',
    } as const
    await expect(
      startServer({ config: { ...config, boardCreationSecret: 'short' } }),
    ).rejects.toThrow(/BOARD_CREATION_SECRET of at least 16 characters/)
  })
})

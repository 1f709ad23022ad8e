/**
 * Issue 12 item 10 on a real server: share links never point at a host the client chose, and a
 * browser page's Origin must match ours in scheme as well as host before a socket opens.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Config } from '../../server/config'
import { trustedOrigin } from '../../server/http/public-url'
import { cleanupsAfter } from '../helpers/cleanups'
import { startTestServer, type TestServer } from '../helpers/server'
import { send, upgrade } from './raw-http'

const cleanups = cleanupsAfter(afterEach)

async function server(config: Partial<Config> = {}): Promise<TestServer> {
  const running = await startTestServer({ config })
  cleanups.push(() => running.close())
  return running
}

const json = { 'content-type': 'application/json' }

interface Links {
  id: string
  editToken: string
  editUrl: string
  viewUrl: string
}

describe('share links and the Host header', () => {
  it('uses the Host when it names this server, loopback names included', async () => {
    const srv = await server()
    const own = await send(srv.url, 'POST', '/api/boards', json, '{}')
    expect(own.status).toBe(201)
    const board = JSON.parse(own.body) as Links
    expect(board.editUrl).toBe(`${srv.url}/b/${board.id}#token=${board.editToken}`)
    const local = await send(
      srv.url,
      'POST',
      '/api/boards',
      { ...json, host: 'localhost:5173' },
      '{}',
    )
    expect(JSON.parse(local.body).editUrl).toMatch(/^http:\/\/localhost:5173\/b\//)
  })

  it('refuses a spoofed Host with 421 and creates nothing, rather than link to it', async () => {
    const srv = await server()
    const attempts = [
      send(srv.url, 'POST', '/api/boards', { ...json, host: 'evil.example' }, '{}'),
      send(srv.url, 'POST', '/api/boards', { ...json, host: `evil.example:${srv.port}` }, '{}'),
      // The absolute request target wins over Host in the URL the app sees.
      send(srv.url, 'POST', 'http://evil.example/api/boards', json, '{}'),
    ]
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBe(421)
      expect(JSON.parse(answer.body).error.code).toBe('unknown-host')
      expect(answer.body).not.toContain('evil.example')
      expect(answer.headers['cache-control']).toBe('no-store')
    }
    expect((await srv.store.stats()).boards).toBe(0)
  })

  it('refuses a token rotation through a spoofed Host, and the old tokens keep working', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    const rotate = await send(srv.url, 'POST', `/api/boards/${board.id}/tokens/rotate`, {
      host: 'evil.example',
      authorization: `Bearer ${board.facilitatorToken}`,
    })
    expect(rotate.status).toBe(421)
    const info = await send(srv.url, 'GET', `/api/boards/${board.id}`, {
      authorization: `Bearer ${board.editToken}`,
    })
    expect(info.status).toBe(200)
  })

  it('with PUBLIC_URL, links use it whatever Host the request carried', async () => {
    const srv = await server({ publicUrl: 'https://boards.example.com' })
    const answer = await send(
      srv.url,
      'POST',
      '/api/boards',
      { ...json, host: 'evil.example' },
      '{}',
    )
    expect(answer.status).toBe(201)
    const board = JSON.parse(answer.body) as Links
    expect(board.editUrl).toBe(`https://boards.example.com/b/${board.id}#token=${board.editToken}`)
    expect(board.viewUrl).toMatch(/^https:\/\/boards\.example\.com\/b\//)
  })

  it('trusts a Host listed in ALLOWED_ORIGINS', async () => {
    const srv = await server({ allowedOrigins: ['http://boards.internal:8080'] })
    const answer = await send(
      srv.url,
      'POST',
      '/api/boards',
      { ...json, host: 'boards.internal:8080' },
      '{}',
    )
    expect(JSON.parse(answer.body).editUrl).toMatch(/^http:\/\/boards\.internal:8080\/b\//)
  })
})

describe('trustedOrigin', () => {
  const at = (host: string, port = 8787) => ({
    publicUrl: '',
    allowedOrigins: [],
    listening: () => ({ host, port }),
  })

  it('accepts the listening address, loopback names on a loopback or wildcard listener', () => {
    expect(trustedOrigin(new URL('http://127.0.0.1:8787/x'), at('127.0.0.1'))).toBe(
      'http://127.0.0.1:8787',
    )
    expect(trustedOrigin(new URL('http://[::1]:9/x'), at('::'))).toBe('http://[::1]:9')
    expect(trustedOrigin(new URL('http://localhost/x'), at('0.0.0.0'))).toBe('http://localhost')
    expect(trustedOrigin(new URL('http://10.1.2.3:8787/x'), at('10.1.2.3'))).toBe(
      'http://10.1.2.3:8787',
    )
  })

  it('refuses other names, other ports, https on a plain-HTTP listener, and before listening', () => {
    expect(trustedOrigin(new URL('http://boards.example.com:8787/x'), at('0.0.0.0'))).toBeNull()
    expect(trustedOrigin(new URL('http://10.1.2.3:8788/x'), at('10.1.2.3'))).toBeNull()
    expect(trustedOrigin(new URL('https://127.0.0.1:8787/x'), at('127.0.0.1'))).toBeNull()
    // A loopback name is not trusted when the server listens on a public interface only.
    expect(trustedOrigin(new URL('http://localhost:8787/x'), at('10.1.2.3'))).toBeNull()
    const before = { publicUrl: '', allowedOrigins: [], listening: () => null }
    expect(trustedOrigin(new URL('http://127.0.0.1:8787/x'), before)).toBeNull()
  })
})

describe('websocket Origin', () => {
  it('compares scheme and host: https://host is not the http server at host', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    const path = `/ws/${board.id}?token=${board.editToken}`
    const host = new URL(srv.url).host
    expect((await upgrade(srv.url, path, { origin: `http://${host}` })).status).toBe(101)
    for (const origin of [
      `https://${host}`,
      `http://${host.replace(/:\d+$/, '')}:1`,
      'http://evil.example',
      'null',
    ]) {
      const refused = await upgrade(srv.url, path, { origin })
      expect(refused.status).toBe(403)
    }
    expect(srv.metrics.rejected.get('bad-origin')).toBe(4)
  })

  it('behind PUBLIC_URL accepts only its https origin, not the http twin', async () => {
    const srv = await server({ publicUrl: 'https://boards.example.com' })
    const board = await srv.createBoard()
    const path = `/ws/${board.id}?token=${board.editToken}`
    const headers = (origin: string) => ({ origin, host: 'boards.example.com' })
    expect((await upgrade(srv.url, path, headers('https://boards.example.com'))).status).toBe(101)
    expect((await upgrade(srv.url, path, headers('http://boards.example.com'))).status).toBe(403)
  })

  it('still lets clients without Origin (scripts, the Node provider) connect', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    expect((await upgrade(srv.url, `/ws/${board.id}?token=${board.editToken}`)).status).toBe(101)
  })
})

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readMeta } from '../../core/board/read'
import { testApp } from '../helpers/app'

const root = mkdtempSync(join(tmpdir(), 'stretchboard-static-'))
const staticDir = join(root, 'client')
mkdirSync(join(staticDir, 'assets'), { recursive: true })
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app shell</title>')
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")')
writeFileSync(join(root, 'secret.txt'), 'TOP SECRET')
afterAll(() => rmSync(root, { recursive: true, force: true }))

const ORIGIN = 'http://localhost'

function build() {
  return testApp({ staticDir, maxBodyBytes: 1024, maxPayloadBytes: 64 * 1024 })
}

let ctx: ReturnType<typeof build>
beforeEach(() => {
  ctx = build()
})

interface Created {
  id: string
  title: string
  editToken: string
  viewToken: string
  editUrl: string
  viewUrl: string
  facilitatorToken: string
  facilitatorUrl: string
}

async function create(title = 'Q3'): Promise<Created> {
  const res = await ctx.app.request('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as Created
}

async function errorOf(res: Response): Promise<{ status: number; code: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } }
  expect(typeof body.error.message).toBe('string')
  return { status: res.status, code: body.error.code }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

describe('POST /api/boards', () => {
  it('creates a board with capability links that keep tokens in the fragment', async () => {
    const board = await create('  Team OKRs  ')
    expect(board.title).toBe('Team OKRs')
    expect(board.editToken).not.toBe(board.viewToken)
    expect(board.editUrl).toBe(`${ORIGIN}/b/${board.id}#token=${board.editToken}`)
    expect(board.viewUrl).toBe(`${ORIGIN}/b/${board.id}#token=${board.viewToken}`)
    const stored = await ctx.store.getBoard(board.id)
    expect(stored?.editTokenHash).not.toContain(board.editToken)
    // The title is seeded into the document so the first client shows it.
    const snapshot = await ctx.app.request(`/api/boards/${board.id}/snapshot`, {
      headers: bearer(board.viewToken),
    })
    const doc = new Y.Doc()
    Y.applyUpdate(doc, new Uint8Array(await snapshot.arrayBuffer()))
    expect(readMeta(doc).title).toBe('Team OKRs')
  })

  it('refuses bad bodies with typed JSON errors', async () => {
    const post = (body: string, type = 'application/json') =>
      ctx.app.request('/api/boards', { method: 'POST', headers: { 'content-type': type }, body })
    expect(await errorOf(await post('{nope'))).toEqual({ status: 400, code: 'invalid-json' })
    expect(await errorOf(await post('[1]'))).toEqual({ status: 400, code: 'invalid-body' })
    expect(await errorOf(await post('{"title":5}'))).toEqual({ status: 400, code: 'invalid-title' })
    const long = JSON.stringify({ title: 'x'.repeat(201) })
    expect(await errorOf(await post(long))).toEqual({ status: 400, code: 'invalid-title' })
    const huge = JSON.stringify({ title: 'x', pad: 'y'.repeat(2000) })
    expect(await errorOf(await post(huge))).toEqual({ status: 413, code: 'payload-too-large' })
  })
})

describe('board access by token', () => {
  it('reports the role of the presented token, by header or query', async () => {
    const board = await create()
    const edit = await ctx.app.request(`/api/boards/${board.id}`, {
      headers: bearer(board.editToken),
    })
    expect(await edit.json()).toMatchObject({ id: board.id, title: 'Q3', role: 'edit' })
    const view = await ctx.app.request(`/api/boards/${board.id}?token=${board.viewToken}`)
    expect(await view.json()).toMatchObject({ id: board.id, role: 'view' })
  })

  it('answers 401 for no token, a wrong token, another board’s token or no board', async () => {
    const one = await create('one')
    const two = await create('two')
    for (const [path, headers] of [
      [`/api/boards/${one.id}`, {}],
      [`/api/boards/${one.id}`, bearer('not-a-token')],
      [`/api/boards/${one.id}`, bearer(two.editToken)],
      [`/api/boards/missing`, bearer(one.editToken)],
      [`/api/boards/${'x'.repeat(300)}`, bearer(one.editToken)],
    ] as const) {
      const res = await ctx.app.request(path, { headers })
      expect(await errorOf(res)).toEqual({ status: 401, code: 'unauthorized' })
    }
  })

  it('rotates tokens for facilitators only; the old tokens stop working at once', async () => {
    const board = await create()
    const rotate = (token: string) =>
      ctx.app.request(`/api/boards/${board.id}/tokens/rotate`, {
        method: 'POST',
        headers: bearer(token),
      })
    for (const lesser of [board.viewToken, board.editToken]) {
      expect(await errorOf(await rotate(lesser))).toEqual({
        status: 403,
        code: 'facilitator-only',
      })
    }
    const res = await rotate(board.facilitatorToken)
    expect(res.status).toBe(200)
    const fresh = (await res.json()) as Created
    expect(fresh.editUrl).toContain(`#token=${fresh.editToken}`)
    for (const old of [board.editToken, board.viewToken]) {
      const denied = await ctx.app.request(`/api/boards/${board.id}`, { headers: bearer(old) })
      expect(denied.status).toBe(401)
    }
    const ok = await ctx.app.request(`/api/boards/${board.id}`, {
      headers: bearer(fresh.viewToken),
    })
    expect(ok.status).toBe(200)
  })
})

describe('CSRF and Origin on state-changing calls', () => {
  const post = (headers: Record<string, string>) =>
    ctx.app.request('/api/boards', { method: 'POST', headers, body: '{}' })

  it('refuses foreign origins whatever the content type', async () => {
    for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await post({ origin: 'https://evil.example', 'content-type': type })
      expect(await errorOf(res)).toEqual({ status: 403, code: 'forbidden-origin' })
    }
  })

  it('refuses a cross-site form post that only sends Sec-Fetch-Site', async () => {
    const res = await post({ 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' })
    expect(res.status).toBe(403)
  })

  it('allows its own origin and non-browser clients without Origin', async () => {
    expect((await post({ origin: ORIGIN, 'content-type': 'application/json' })).status).toBe(201)
    expect((await post({ 'content-type': 'application/json' })).status).toBe(201)
    expect((await post({})).status).toBe(201)
  })
})

describe('snapshot backup and restore', () => {
  it('exports the Yjs state and merges an uploaded snapshot durably', async () => {
    const board = await create()
    const source = new Y.Doc()
    source.getText('t').insert(0, 'restored')
    const put = await ctx.app.request(`/api/boards/${board.id}/snapshot`, {
      method: 'PUT',
      headers: { ...bearer(board.editToken), 'content-type': 'application/octet-stream' },
      body: new Uint8Array(Y.encodeStateAsUpdate(source)),
    })
    expect(put.status).toBe(200)
    const get = await ctx.app.request(`/api/boards/${board.id}/snapshot`, {
      headers: bearer(board.viewToken),
    })
    expect(get.headers.get('content-type')).toBe('application/octet-stream')
    const copy = new Y.Doc()
    Y.applyUpdate(copy, new Uint8Array(await get.arrayBuffer()))
    expect(copy.getText('t').toString()).toBe('restored')
    const stored = await ctx.store.loadDoc(board.id)
    expect(stored.updates.length).toBeGreaterThan(0)
    expect(ctx.relay.rooms.size).toBe(0)
  })

  it('refuses garbage, view tokens and oversized uploads', async () => {
    const board = await create()
    const put = (token: string, body: Uint8Array) =>
      ctx.app.request(`/api/boards/${board.id}/snapshot`, {
        method: 'PUT',
        headers: bearer(token),
        body: new Uint8Array(body),
      })
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])
    expect(await errorOf(await put(board.editToken, garbage))).toEqual({
      status: 422,
      code: 'snapshot-malformed',
    })
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'x')
    expect((await put(board.viewToken, Y.encodeStateAsUpdate(doc))).status).toBe(403)
    const big = new Uint8Array(64 * 1024 + 1)
    expect(await errorOf(await put(board.editToken, big))).toEqual({
      status: 413,
      code: 'payload-too-large',
    })
  })
})

describe('health, metrics and unknown routes', () => {
  it('serves /healthz as JSON and /metrics as Prometheus text', async () => {
    const health = await ctx.app.request('/healthz')
    expect(await health.json()).toMatchObject({ status: 'ok', boardsLoaded: 0, connections: 0 })
    await create()
    const metrics = await ctx.app.request('/metrics')
    expect(metrics.headers.get('content-type')).toContain('text/plain')
    const text = await metrics.text()
    expect(text).toContain('# TYPE stretchboard_boards_loaded gauge')
    expect(text).toMatch(/^stretchboard_boards_stored 1$/m)
    expect(text).toContain('stretchboard_rejected_messages_total{reason="malformed"} 0')
  })

  it('mounts the check-in reminder feed', async () => {
    const board = await create()
    const res = await ctx.app.request(
      `/api/boards/${board.id}/reminders.ics?token=${board.viewToken}`,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/calendar')
    expect(await res.text()).toContain('BEGIN:VCALENDAR')
  })

  it('answers unknown API routes with a JSON 404', async () => {
    expect(await errorOf(await ctx.app.request('/api/nope'))).toEqual({
      status: 404,
      code: 'not-found',
    })
  })
})

describe('static files', () => {
  it('serves the app shell for / and /b/* and assets by path', async () => {
    for (const path of ['/', '/b/board0', '/b/board0/anything']) {
      const res = await ctx.app.request(path)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('app shell')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
    expect(await (await ctx.app.request('/assets/app.js')).text()).toContain('console.log')
  })

  it('never serves a file outside its root', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2Fsecret.txt',
      '/assets%2F..%2F..%2Fsecret.txt',
      '/..\\secret.txt',
      '/assets/..%5C..%5Csecret.txt',
      '//secret.txt',
      '//../secret.txt',
      '/b/../../secret.txt',
      '/b/%2e%2e/%2e%2e/secret.txt',
    ]
    for (const path of attempts) {
      const res = await ctx.app.request(`http://localhost${path}`)
      const body = await res.text()
      expect({ path, leaked: body.includes('TOP SECRET') }).toEqual({ path, leaked: false })
    }
  })
})

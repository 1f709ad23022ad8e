import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { connectProvider, synced } from '../helpers/clients'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { cleanupsAfter } from '../helpers/cleanups'

const cleanups = cleanupsAfter(afterEach)

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer(options)
  cleanups.push(() => started.close())
  return started
}

function connect(
  srv: { wsUrl: string },
  boardId: string,
  token: string,
  doc = new Y.Doc(),
): WebsocketProvider {
  return connectProvider(srv.wsUrl, boardId, token, { doc, cleanups })
}

function text(doc: Y.Doc): string {
  return doc.getText('t').toString()
}

describe('relay with the stock y-websocket provider', () => {
  it('converges two clients editing concurrently', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    const a = connect(srv, board.id, board.editToken)
    const b = connect(srv, board.id, board.editToken)
    await Promise.all([synced(a), synced(b)])
    a.doc.getText('t').insert(0, 'hello ')
    b.doc.getText('t').insert(0, 'world ')
    a.doc.getMap('m').set('k', 1)
    await waitFor(() => text(a.doc).length === 12 && text(b.doc).length === 12, { what: 'sync' })
    await waitFor(() => b.doc.getMap('m').get('k') === 1)
    expect(text(a.doc)).toBe(text(b.doc))
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
  })

  it('keeps edits across a restart on the same data directory', async () => {
    const first = await startTestServer({ dataDir: await tempDir() })
    const board = await first.createBoard()
    const a = connect(first, board.id, board.editToken)
    await synced(a)
    a.doc.getText('t').insert(0, 'persist me')
    const b = connect(first, board.id, board.editToken)
    await waitFor(() => text(b.doc) === 'persist me', { what: 'peer saw edit' })
    a.destroy()
    b.destroy()
    await first.close()

    const second = await server({ dataDir: first.dataDir })
    const c = connect(second, board.id, board.editToken)
    await synced(c)
    expect(text(c.doc)).toBe('persist me')
  })

  it('never applies, stores or relays writes from a view-only token; awareness still works', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    const editor = connect(srv, board.id, board.editToken)
    await synced(editor)
    editor.doc.getText('t').insert(0, 'official')
    const viewer = connect(srv, board.id, board.viewToken)
    await synced(viewer)
    await waitFor(() => text(viewer.doc) === 'official', { what: 'viewer reads' })

    viewer.doc.getText('t').insert(0, 'vandal ')
    viewer.awareness.setLocalStateField('user', { name: 'viewer' })
    await waitFor(
      () => [...editor.awareness.getStates().values()].some((s) => s['user']?.name === 'viewer'),
      { what: 'viewer awareness reaches editor' },
    )
    await waitFor(() => srv.metrics.rejected.get('read-only')! > 0, { what: 'refusal counted' })
    // Give a relayed write every chance to arrive before asserting it did not.
    editor.doc.getText('t').insert(8, '!')
    await waitFor(() => text(viewer.doc).endsWith('!'))
    expect(text(editor.doc)).toBe('official!')
    const room = srv.relay.rooms.get(board.id)!
    expect(room.doc.getText('t').toString()).toBe('official!')
    const stored = await srv.store.loadDoc(board.id)
    const replay = new Y.Doc()
    for (const u of [stored.snapshot, ...stored.updates]) if (u) Y.applyUpdate(replay, u)
    expect(replay.getText('t').toString()).toBe('official!')
  })

  it('refuses a token from another board before the upgrade and loads nothing', async () => {
    const srv = await server()
    const one = await srv.createBoard('one')
    const two = await srv.createBoard('two')
    const statuses = await Promise.all([
      upgradeStatus(srv, one.id, two.editToken),
      upgradeStatus(srv, one.id, ''),
      upgradeStatus(srv, one.id, null),
      upgradeStatus(srv, 'no-such-board', one.editToken),
    ])
    expect(statuses).toEqual([401, 401, 401, 401])
    expect(srv.relay.rooms.size).toBe(0)
    expect(srv.metrics.rejected.get('unauthorized')).toBe(4)
  })

  it('refuses a foreign Origin on the upgrade and accepts its own', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    expect(await upgradeStatus(srv, board.id, board.editToken, 'https://evil.example')).toBe(403)
    const own = new URL(srv.url).origin
    expect(await upgradeStatus(srv, board.id, board.editToken, own)).toBe(101)
  })

  it('closes every socket with 4401 when tokens rotate; old tokens stop working', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    const editor = connect(srv, board.id, board.editToken)
    const viewer = connect(srv, board.id, board.viewToken)
    await Promise.all([synced(editor), synced(viewer)])
    const closes: number[] = []
    editor.on('connection-close', (event) => closes.push(event?.code ?? -1))
    viewer.on('connection-close', (event) => closes.push(event?.code ?? -1))

    const response = await fetch(`${srv.url}/api/boards/${board.id}/tokens/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.facilitatorToken}` },
    })
    expect(response.status).toBe(200)
    const rotated = (await response.json()) as CreatedBoard & { closedSockets: number }
    expect(rotated.closedSockets).toBe(2)
    await waitFor(() => closes.length === 2, { what: 'both closed' })
    expect(closes).toEqual([4401, 4401])
    expect(await upgradeStatus(srv, board.id, board.editToken)).toBe(401)
    expect(await upgradeStatus(srv, board.id, rotated.editToken)).toBe(101)
    const fresh = connect(srv, board.id, rotated.viewToken)
    await synced(fresh)
  })

  it('unloads the board after the last client leaves', async () => {
    const srv = await server()
    const board = await srv.createBoard()
    const a = connect(srv, board.id, board.editToken)
    await synced(a)
    a.doc.getText('t').insert(0, 'x')
    expect(srv.relay.rooms.size).toBe(1)
    a.destroy()
    await waitFor(() => srv.relay.rooms.size === 0 && srv.relay.connections.size === 0, {
      what: 'unload',
    })
    const stored = await srv.store.loadDoc(board.id)
    expect(stored.updates.length + (stored.snapshot ? 1 : 0)).toBeGreaterThan(0)
  })
})

async function tempDir(): Promise<string> {
  const { mkdtempSync, rmSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = mkdtempSync(join(tmpdir(), 'stretchboard-restart-'))
  cleanups.unshift(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** The HTTP status of an upgrade attempt (101 when it was accepted). */
export function upgradeStatus(
  srv: { wsUrl: string },
  boardId: string,
  token: string | null,
  origin?: string,
): Promise<number> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`
  const ws = new WebSocket(`${srv.wsUrl}/${boardId}${query}`, origin ? { origin } : {})
  return new Promise((done) => {
    ws.once('open', () => {
      ws.close()
      done(101)
    })
    ws.once('unexpected-response', (_request, response) => {
      done(response.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('error', () => undefined)
  })
}

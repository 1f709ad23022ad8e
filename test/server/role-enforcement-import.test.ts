// A snapshot merged into a live board over HTTP is judged like a socket's update when its
// route passes the link's role (importOrigin): an edit link's snapshot that changes the phase
// is refused whole, a facilitator's passes, and an import without a role is not judged. Over
// HTTP the route passes the link's role: an edit link's phase change is answered 403.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Room } from '../../server/relay/room'
import { importOrigin, RoleRefusedError } from '../../server/relay/update-gate'
import { MemoryStore } from '../../server/storage/memory-store'
import { issueTokens } from '../../server/storage/tokens'
import { cleanupsAfter } from '../helpers/cleanups'
import { roomOptions } from '../helpers/relay'
import { startTestServer } from '../helpers/server'

async function liveBoard(): Promise<{ room: Room; snapshot: Uint8Array }> {
  const store = new MemoryStore()
  const { editTokenHash, viewTokenHash } = issueTokens()
  await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
  const seed = new Y.Doc()
  seed.getMap('meta').set('phase', 'brainstorm')
  await store.appendUpdate('b', Y.encodeStateAsUpdate(seed))
  const room = await Room.load('b', roomOptions(store))
  // A backup of the board from elsewhere, in which someone moved to the vote.
  seed.getMap('meta').set('phase', 'vote')
  return { room, snapshot: Y.encodeStateAsUpdate(seed) }
}

describe('snapshot imports and roles', () => {
  it('refuses an edit link’s snapshot that changes the phase, and stores none of it', async () => {
    const { room, snapshot } = await liveBoard()
    const refused = await room
      .importUpdate(snapshot, importOrigin({ role: 'edit', member: null }))
      .then(
        () => null,
        (error: unknown) => error,
      )
    expect(refused).toBeInstanceOf(RoleRefusedError)
    expect((refused as Error).message).toBe('Only a facilitator can change the phase (meta.phase)')
    expect(room.doc.getMap('meta').get('phase')).toBe('brainstorm')
    room.destroy()
  })

  it('merges the same snapshot from a facilitator, or from an import that names no role', async () => {
    for (const origin of [importOrigin({ role: 'facilitate', member: null }), 'snapshot-import']) {
      const { room, snapshot } = await liveBoard()
      await room.importUpdate(snapshot, origin)
      expect(room.doc.getMap('meta').get('phase')).toBe('vote')
      room.destroy()
    }
  })
})

describe('PUT /api/boards/:id/snapshot and roles', () => {
  const cleanups = cleanupsAfter(afterEach)

  async function put(url: string, id: string, token: string, bytes: Uint8Array) {
    const response = await fetch(`${url}/api/boards/${id}/snapshot`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from(bytes),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('answers an edit link’s phase change 403 and merges the facilitator’s', async () => {
    const server = await startTestServer()
    cleanups.push(() => server.close())
    const board = await server.createBoard('imports')
    const file = new Y.Doc()
    file.getMap('meta').set('phase', 'vote')
    const bytes = Y.encodeStateAsUpdate(file)
    const refused = await put(server.url, board.id, board.editToken, bytes)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({
      error: {
        code: 'role-refused',
        message: 'Only a facilitator can change the phase (meta.phase)',
      },
    })
    const merged = await put(server.url, board.id, board.facilitatorToken, bytes)
    expect(merged.status).toBe(200)
    const backup = await fetch(`${server.url}/api/boards/${board.id}/snapshot`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    })
    const stored = new Y.Doc()
    Y.applyUpdate(stored, new Uint8Array(await backup.arrayBuffer()))
    expect(stored.getMap('meta').get('phase')).toBe('vote')
  })

  it('takes a board file with its old hidden-note counts from a facilitator, and drops them', async () => {
    const server = await startTestServer()
    cleanups.push(() => server.close())
    const board = await server.createBoard('from a file')
    // A backup of another board, taken while two people had hidden notes there.
    const file = new Y.Doc()
    file.getMap('notes').set('n1', new Y.Map<unknown>())
    file.getMap('sealed').set('ann', { notes: 2, dots: 0 })
    file.getMap('sealed').set('bob', { notes: 1, dots: 3 })
    const bytes = Y.encodeStateAsUpdate(file)
    const refused = await put(server.url, board.id, board.editToken, bytes)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ error: { message: expect.stringMatching(/sealed/) } })
    expect((await put(server.url, board.id, board.facilitatorToken, bytes)).status).toBe(200)
    const backup = await fetch(`${server.url}/api/boards/${board.id}/snapshot`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    })
    const stored = new Y.Doc()
    Y.applyUpdate(stored, new Uint8Array(await backup.arrayBuffer()))
    expect(stored.getMap('notes').has('n1')).toBe(true)
    expect(stored.getMap('sealed').size).toBe(0)
  })
})

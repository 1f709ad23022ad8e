// The board size cap (server/relay/board-size.ts) and the cached full-state reply: a board past
// the cap is refused before it is decoded, an update that would grow a full board is refused
// and changes nothing, deletions and resends of known content still pass, and first-time
// joiners always get the current state.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  BoardFullError,
  BoardReadOnlyError,
  BoardTooLargeError,
  DELETION_SLACK_BYTES,
  READ_ONLY_FACTOR,
} from '../../server/relay/board-size'
import { Room } from '../../server/relay/room'
import { MemoryStore } from '../../server/storage/memory-store'
import { issueTokens } from '../../server/storage/tokens'
import { connectProvider, openSocket, synced } from '../helpers/clients'
import { roomOptions } from '../helpers/relay'
import { startTestServer, waitFor, type CreatedBoard } from '../helpers/server'
import { cleanupsAfter } from '../helpers/cleanups'
import { EMPTY_STATE_VECTOR, JoiningPeer, textUpdate } from '../helpers/joining-peer'

async function storeWith(...updates: Uint8Array[]): Promise<MemoryStore> {
  const store = new MemoryStore()
  const { editTokenHash, viewTokenHash } = issueTokens()
  await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
  for (const update of updates) await store.appendUpdate('b', update)
  return store
}

function load(store: MemoryStore, maxBoardBytes?: number): Promise<Room> {
  return Room.load('b', roomOptions(store, { maxBoardBytes }))
}

describe('board size cap', () => {
  it('refuses to load a stored board past twice the cap (plus slack) without decoding it', async () => {
    const author = new Y.Doc()
    const limit = 64 * 1024
    const stored = READ_ONLY_FACTOR * limit + DELETION_SLACK_BYTES + 1000
    const store = await storeWith(textUpdate(author, stored))
    const refused = await load(store, limit).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(BoardTooLargeError)
    expect((refused as BoardTooLargeError).limit).toBe(limit)
    expect((refused as Error).message).toMatch(/too large to open: 1\.1 MiB.*limit is 0\.1 MiB/)
    // Only the load is refused: the board is still stored, whole, for a server with a larger cap.
    const larger = await load(store, 4 * 1024 * 1024)
    expect(larger.doc.getText('t').length).toBe(stored)
    expect(larger.readOnlyReason).toBeNull()
    larger.destroy()
  })

  it('opens a board over the cap read-only: deletions pass, anything that adds is refused', async () => {
    const author = new Y.Doc()
    const limit = 64 * 1024
    const stored = limit + DELETION_SLACK_BYTES + 1000
    const room = await load(await storeWith(textUpdate(author, stored)), limit)
    expect(room.readOnlyReason).toMatch(/over its size limit.*read-only until notes are deleted/)
    const peer = new JoiningPeer('p')
    room.join(peer)
    room.receiveUpdate(peer, textUpdate(author, 10))
    await room.flush()
    expect(peer.rejected[0]).toBeInstanceOf(BoardReadOnlyError)
    // Deleting whole items adds nothing: it passes, so people can make room.
    const before = Y.encodeStateVector(author)
    author.getText('t').delete(0, stored)
    room.receiveUpdate(peer, Y.encodeStateAsUpdate(author, before))
    await room.flush()
    expect(peer.rejected).toHaveLength(1)
    expect(room.doc.getText('t').length).toBe(0)
    room.destroy()
  })

  it('charges a delete-only update for the items it splits, and refuses it on a full board', async () => {
    const author = new Y.Doc()
    const room = await load(await storeWith(textUpdate(author, 3000)), 4000)
    const peer = new JoiningPeer('p')
    room.join(peer)
    const sizeBefore = room.sizeBytes
    // Deleting every other character: 2 bytes a range on the wire, a new struct each in storage.
    const before = Y.encodeStateVector(author)
    author.transact(() => {
      for (let i = 0; i < 200; i++) author.getText('t').delete(i, 1)
    })
    const splitting = Y.encodeStateAsUpdate(author, before)
    expect(Y.decodeUpdate(splitting).structs).toHaveLength(0)
    room.receiveUpdate(peer, splitting)
    await room.flush()
    expect(peer.rejected[0]).toBeInstanceOf(BoardFullError)
    expect(room.doc.getText('t').length).toBe(3000)
    expect(room.sizeBytes).toBe(sizeBefore)
    room.destroy()
  })

  it('refuses an update that would grow a full board, leaving the doc unchanged', async () => {
    const author = new Y.Doc()
    const room = await load(await storeWith(textUpdate(author, 3000)), 4000)
    const peer = new JoiningPeer('p')
    room.join(peer)
    room.receiveUpdate(peer, textUpdate(author, 500)) // 3.5k: fits
    await room.flush()
    room.receiveUpdate(peer, textUpdate(author, 1000))
    await room.flush()
    expect(peer.rejected[0]).toBeInstanceOf(BoardFullError)
    expect(room.doc.getText('t').length).toBe(3500)
    expect(room.sizeBytes).toBeLessThan(4000)
    room.destroy()
  })

  it('still accepts deletions and resends of content it already has on a full board', async () => {
    const author = new Y.Doc()
    const first = textUpdate(author, 3900)
    const room = await load(await storeWith(first), 4000)
    const peer = new JoiningPeer('p')
    room.join(peer)
    // A reconnecting client's step 2 may repeat what the server has: it adds nothing.
    room.receiveUpdate(peer, Y.encodeStateAsUpdate(author))
    const before = Y.encodeStateVector(author)
    author.getText('t').delete(0, 1000)
    const deletion = Y.encodeStateAsUpdate(author, before)
    expect(Y.decodeUpdate(deletion).structs).toHaveLength(0)
    room.receiveUpdate(peer, deletion)
    await room.flush()
    expect(room.doc.getText('t').length).toBe(2900)
    room.destroy()
  })
})

describe('sync step 2 for first-time joiners', () => {
  it('shares one encoded state between joiners of a big board, followed by what changed since', async () => {
    const author = new Y.Doc()
    const room = await load(await storeWith(textUpdate(author, 600_000)))
    const joinFresh = async (name: string) => {
      const peer = new JoiningPeer(name)
      room.join(peer)
      room.replyToSyncStep1(peer, EMPTY_STATE_VECTOR)
      await room.flush()
      return peer
    }
    const first = await joinFresh('first')
    room.receiveUpdate(first, textUpdate(author, 5))
    room.receiveUpdate(first, textUpdate(author, 7))
    await room.flush()
    // Joined after both changes were broadcast: only its sync can bring them.
    const second = await joinFresh('second')
    const third = await joinFresh('third')
    expect(second.doc.getText('t').length).toBe(600_012)
    expect(third.doc.getText('t').length).toBe(600_012)
    // The same bytes: the whole state was encoded once, not once per joiner.
    expect(third.steps2[0]).toBe(second.steps2[0])
    expect(second.steps2[0]).toBe(first.steps2[0])
    // A change larger than a quarter of the state makes the next joiner get a fresh encoding.
    room.receiveUpdate(first, textUpdate(author, 200_000))
    await room.flush()
    const fourth = await joinFresh('fourth')
    expect(fourth.steps2[0]).not.toBe(first.steps2[0])
    expect(fourth.doc.getText('t').length).toBe(800_012)
    room.destroy()
  })
})

describe('board size cap over the wire', () => {
  const cleanups = cleanupsAfter(afterEach)

  async function putSnapshot(url: string, board: CreatedBoard, bytes: Uint8Array) {
    const response = await fetch(`${url}/api/boards/${board.id}/snapshot`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${board.editToken}`,
        'content-type': 'application/octet-stream',
      },
      body: Buffer.from(bytes),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('closes a growing full board with 4413 and says why; the stock provider stops retrying', async () => {
    const server = await startTestServer({ config: { maxBoardBytes: 64 * 1024 } })
    cleanups.push(() => server.close())
    const board = await server.createBoard('full')
    const author = new Y.Doc()
    expect((await putSnapshot(server.url, board, textUpdate(author, 40_000))).status).toBe(200)
    const second = await putSnapshot(server.url, board, textUpdate(author, 40_000))
    expect(second.status).toBe(413)
    expect(second.body).toMatchObject({ error: { code: 'board-full' } })

    const provider = connectProvider(server.wsUrl, board.id, board.editToken, { cleanups })
    const closes: { code: number; reason: string }[] = []
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push({ code: event.code, reason: event.reason })
    })
    await synced(provider)
    provider.doc.getText('t').insert(0, 'y'.repeat(30_000))
    await waitFor(() => closes.length > 0, { what: 'the relay closes the socket' })
    expect(closes[0]).toEqual({
      code: 4413,
      reason: 'board is full (0.1 MiB limit): delete notes to make room',
    })
    // 44xx: no reconnect loop, and the local edit is still in the client's doc.
    await new Promise((done) => setTimeout(done, 300))
    expect(closes).toHaveLength(1)
    expect(provider.shouldConnect && provider.wsconnected).toBe(false)
    expect(provider.doc.getText('t').length).toBe(70_000)
  })

  it('refuses to open a stored board past twice the cap, yet its backup still downloads', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stretchboard-size-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const first = await startTestServer({ dataDir })
    const board = await first.createBoard('big')
    const bytes = textUpdate(new Y.Doc(), 1_200_000)
    expect((await putSnapshot(first.url, board, bytes)).status).toBe(200)
    await first.close()
    const server = await startTestServer({ dataDir, config: { maxBoardBytes: 64 * 1024 } })
    cleanups.push(() => server.close())

    const { closed } = await openSocket(server.wsUrl, board.id, board.viewToken)
    const { code, reason } = await closed
    expect(code).toBe(4413)
    expect(reason).toMatch(/^board too large to open: 1\.1 MiB, this server's limit is 0\.1 MiB$/)
    const exported = await fetch(`${server.url}/api/boards/${board.id}/export.json`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    })
    expect(exported.status).toBe(413)
    expect(await exported.json()).toMatchObject({ error: { code: 'board-too-large' } })
    // The backup is the stored bytes, not a loaded doc: it is always there to take.
    const backup = await fetch(`${server.url}/api/boards/${board.id}/snapshot`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    })
    expect(backup.status).toBe(200)
    const restored = new Y.Doc()
    Y.applyUpdate(restored, new Uint8Array(await backup.arrayBuffer()))
    expect(restored.getText('t').length).toBe(1_200_000)
  })
})

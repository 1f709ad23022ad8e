// Private brainstorm on the relay (issue 15): a member's hidden notes and sealed dots live in
// their private room; another participant's socket, a view-link snapshot and the board's
// stored rows never hold them; everyone sees the counts; the reveal publishes every room,
// also of an author who has left, in one update. Stock y-websocket clients, real sockets.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { createNote, revealNotes, revealVotes, setPhase } from '../../core/board/commands/index'
import { castPrivateVote } from '../../core/board/commands/private-votes'
import { readSealed } from '../../core/board/sealed'
import { privateRoomId } from '../../server/relay/private-directory'
import type { EpochMs } from '../../core/okr/okr-model'
import { CloseCode, encodeUpdate } from '../../server/relay/protocol'
import { deepNote } from '../core/sync/hostile-updates'
import { cleanupsAfter } from '../helpers/cleanups'
import { connectProvider, synced } from '../helpers/clients'
import { startTestServer, waitFor } from '../helpers/server'
import {
  holds,
  openPrivate,
  openPrivateBoard,
  ORIGIN,
  personalKey,
  rawPrivate,
  storedBytes,
  storedDoc,
  upgradeStatus,
} from './private-rooms-harness'

const cleanups = cleanupsAfter(afterEach)

const ANN_WORDS = 'Ann wants to sunset the legacy importer'
const CAT_WORDS = 'Cat thinks onboarding needs a tour'

function hiddenNote(doc: Y.Doc, id: string, text: string, author: string): void {
  createNote(doc, { id, x: 10, y: 20, author, text, createdAt: 5 as EpochMs }, ORIGIN)
}

function notesOf(doc: Y.Doc): Record<string, { text: string; author?: string }> {
  return doc.getMap('notes').toJSON() as Record<string, { text: string; author?: string }>
}

describe('private rooms', () => {
  it('keeps hidden notes and dots off every other copy until the reveal publishes them all', async () => {
    const room = await openPrivateBoard(cleanups)
    const { server, board, facilitator, observer } = room
    const annKey = personalKey()
    const ann = openPrivate(room, annKey, 'ann', cleanups)
    const cat = openPrivate(room, personalKey(), 'cat', cleanups)
    await Promise.all([synced(ann), synced(cat)])
    hiddenNote(ann.doc, 'n-ann', ANN_WORDS, 'ann')
    hiddenNote(ann.doc, 'n-ann2', 'second thought', 'ann')
    castPrivateVote(ann.doc, { targetId: 'g1', budget: 5, count: 2 }, ORIGIN)
    hiddenNote(cat.doc, 'n-cat', CAT_WORDS, 'cat')

    // Everyone sees how much is hidden, from the relay's `sealed`.
    await waitFor(
      () =>
        readSealed(observer.doc).get('ann')?.notes === 2 &&
        readSealed(observer.doc).get('ann')?.dots === 2 &&
        readSealed(observer.doc).get('cat')?.notes === 1,
      { what: 'the sealed counts' },
    )
    // Nothing of the words: not in a frame the observer got, nor in the board's rows, nor in a
    // view-link snapshot; the author's private room holds them (stored for them).
    expect(holds(observer.frames, ANN_WORDS)).toBe(false)
    expect(holds(facilitator.frames, CAT_WORDS)).toBe(false)
    expect(notesOf(observer.doc)['n-ann']).toBeUndefined()
    expect((await storedBytes(server, board.id)).includes(ANN_WORDS)).toBe(false)
    const snapshot = await fetch(`${server.url}/api/boards/${board.id}/snapshot`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    })
    expect(snapshot.status).toBe(200)
    expect(Buffer.from(await snapshot.arrayBuffer()).includes(ANN_WORDS)).toBe(false)
    const annRoom = privateRoomId(board.id, annKey)
    await waitFor(async () => (await storedBytes(server, annRoom)).includes(ANN_WORDS), {
      what: "ann's note stored in her room",
    })
    expect(privateRoomId(board.id, annKey)).not.toContain(annKey)

    // Ann leaves; the reveal still publishes her notes, with Cat's, in one update.
    ann.destroy()
    const before = observer.frames.length
    revealNotes(facilitator.doc, { revealed: true }, ORIGIN)
    await waitFor(() => notesOf(observer.doc)['n-cat']?.text === CAT_WORDS, { what: 'reveal' })
    const after = observer.frames.slice(before)
    expect(after.some((f) => f.includes(ANN_WORDS) && f.includes(CAT_WORDS))).toBe(true)
    expect(notesOf(observer.doc)['n-ann']).toMatchObject({ text: ANN_WORDS, author: 'ann' })
    expect(notesOf(observer.doc)['n-ann2']).toMatchObject({ text: 'second thought' })
    expect(readSealed(observer.doc).get('ann')).toEqual({ notes: 0, dots: 2 })
    expect(readSealed(observer.doc).has('cat')).toBe(false)
    // Taken out of the rooms once the board stored them: Cat's copy and Ann's stored room.
    await waitFor(() => cat.doc.getMap('notes').size === 0, { what: "cat's room emptied" })
    await waitFor(async () => (await storedDoc(server, annRoom)).getMap('notes').size === 0, {
      what: "ann's stored room emptied",
    })

    // The dots stay sealed until votes are revealed, then count as Ann's.
    expect(observer.doc.getMap('votes').get('ann')).toBeUndefined()
    setPhase(facilitator.doc, { phase: 'vote' }, ORIGIN)
    revealVotes(facilitator.doc, { revealed: true }, ORIGIN)
    await waitFor(
      () =>
        JSON.stringify((observer.doc.getMap('votes').toJSON() as Record<string, unknown>).ann) ===
        JSON.stringify({ g1: 2 }),
      { what: "ann's dots revealed" },
    )
    await waitFor(() => readSealed(observer.doc).size === 0, { what: 'nothing sealed' })
  })

  it('publishes at once what reaches a private room while revealed, without author when anonymous', async () => {
    const room = await openPrivateBoard(cleanups)
    const { facilitator, observer } = room
    facilitator.doc.getMap('meta').set('anonymous', true)
    revealNotes(facilitator.doc, { revealed: true }, ORIGIN)
    const ann = openPrivate(room, personalKey(), 'ann', cleanups)
    await synced(ann)
    hiddenNote(ann.doc, 'n-late', ANN_WORDS, 'ann')
    await waitFor(() => notesOf(observer.doc)['n-late']?.text === ANN_WORDS, { what: 'publish' })
    expect(notesOf(observer.doc)['n-late']).not.toHaveProperty('author')
    await waitFor(() => ann.doc.getMap('notes').size === 0, { what: 'room emptied' })
  })

  it('refuses a view link, a missing key or member, and a key another member used (403)', async () => {
    const room = await openPrivateBoard(cleanups)
    const { server, board } = room
    const key = personalKey()
    const ann = openPrivate(room, key, 'ann', cleanups)
    await synced(ann)
    const status = (query: string) => upgradeStatus(server, query, board.id)
    expect(await status(`token=${board.viewToken}&key=${personalKey()}&member=v`)).toBe(403)
    expect(await status(`token=${board.editToken}&member=bob`)).toBe(403)
    expect(await status(`token=${board.editToken}&key=${personalKey()}`)).toBe(403)
    expect(await status(`token=${board.editToken}&key=${key}&member=bob`)).toBe(403)
    expect(await status(`token=nope&key=${key}&member=ann`)).toBe(401)
    // The same member on another device (same key) is let in.
    expect(await status(`token=${board.facilitatorToken}&key=${key}&member=ann`)).toBe(101)
    // Rotating the edit link closes the private sockets opened with it, like the board's.
    const closed = new Promise<number>((done) =>
      ann.on('connection-close', (event: CloseEvent | null) => done(event?.code ?? 0)),
    )
    const rotated = await fetch(`${server.url}/api/boards/${board.id}/tokens/rotate`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${board.facilitatorToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ links: ['edit'] }),
    })
    expect(rotated.status).toBe(200)
    expect(await closed).toBe(CloseCode.tokenRevoked)
    expect(await status(`token=${board.editToken}&key=${key}&member=ann`)).toBe(401)
  })

  it('refuses hostile updates to a private room as on a board, and keeps the room working', async () => {
    const room = await openPrivateBoard(cleanups, { config: { maxPayloadBytes: 64 * 1024 } })
    const { server, board } = room
    const key = personalKey()
    const query = `token=${board.editToken}&key=${key}&member=ann`
    const deep = await rawPrivate(server, board.id, query)
    deep.ws.send(encodeUpdate(deepNote(3000)))
    expect(await deep.closed).toMatchObject({
      code: CloseCode.invalidPayload,
      reason: expect.stringMatching(/nests shared types 9 levels deep/) as string,
    })
    const big = await rawPrivate(server, board.id, query)
    big.ws.send(Buffer.alloc(128 * 1024, 7))
    expect((await big.closed).code).toBe(1009)
    // Nothing of either reached the room; the author's next note is kept and counted.
    const ann = openPrivate(room, key, 'ann', cleanups)
    await synced(ann)
    expect(ann.doc.getMap('notes').has('deep')).toBe(false)
    hiddenNote(ann.doc, 'n-ok', 'fine', 'ann')
    await waitFor(() => readSealed(room.observer.doc).get('ann')?.notes === 1, {
      what: 'the count',
    })
  })

  it('keeps hidden notes across a restart and reveals them from storage with no author online', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'private-rooms-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const first = await openPrivateBoard(cleanups, { dataDir })
    const ann = openPrivate(first, personalKey(), 'ann', cleanups)
    await synced(ann)
    hiddenNote(ann.doc, 'n-ann', ANN_WORDS, 'ann')
    await waitFor(() => readSealed(first.observer.doc).get('ann')?.notes === 1, { what: 'count' })
    ann.destroy()
    first.facilitator.destroy()
    first.observer.destroy()
    await first.server.close()

    const server = await startTestServer({ dataDir })
    cleanups.push(() => server.close())
    const { board } = first
    const facilitator = connectProvider(server.wsUrl, board.id, board.facilitatorToken, {
      cleanups,
    })
    await synced(facilitator)
    expect(readSealed(facilitator.doc).get('ann')?.notes).toBe(1)
    revealNotes(facilitator.doc, { revealed: true }, ORIGIN)
    await waitFor(() => notesOf(facilitator.doc)['n-ann']?.text === ANN_WORDS, {
      what: 'revealed from storage',
    })
  })
})

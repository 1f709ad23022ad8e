// Offline divergence: two clients go offline and each makes 1,000 conflicting edits to the same
// notes (moves, text, deletes, new notes). Midway one of them "reloads": its state is saved as
// one update (standing in for IndexedDB), the tab's doc and provider are thrown away, and a new
// doc is built from the saved update. After both reconnect, both clients, the server's doc and
// the store hold the identical document.
import * as prng from 'lib0/prng'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote, deleteNotes, moveNotes, setNoteText } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { startTestServer, waitFor } from '../helpers/server'
import {
  closeClient,
  connectClient,
  docJson,
  noteIds,
  report,
  rng,
  SEED,
  size,
  type Client,
} from './fault-helpers'
import { cleanupsAfter } from '../helpers/cleanups'

const EDITS = size('FAULT_OFFLINE_EDITS', 1_000, 10_000)
const SHARED = 20

const cleanups = cleanupsAfter(afterAll)

function randomEdit(gen: prng.PRNG, doc: Y.Doc, who: string, n: number): void {
  const ids = [...noteIds(doc)]
  const target = ids.length > 0 ? prng.oneOf(gen, ids) : null
  const roll = prng.uint32(gen, 0, 99)
  const origin = { who }
  if (target === null || roll < 10) {
    const id = `${who}-${n}`
    createNote(doc, { id, x: n, y: n, author: who, createdAt: n as EpochMs, text: who }, origin)
  } else if (roll < 55) {
    moveNotes(doc, { ids: [target], dx: prng.int32(gen, -9, 9), dy: 3 }, origin)
  } else if (roll < 95) {
    setNoteText(doc, { id: target, text: `${who} ${n} ${prng.word(gen, 0, 6)}` }, origin)
  } else {
    deleteNotes(doc, { ids: [target] }, origin)
  }
}

describe('offline divergence', () => {
  it(`two clients with ${EDITS} conflicting offline edits each end identical with the server`, async () => {
    const srv = await startTestServer()
    cleanups.push(() => srv.close())
    const board = await srv.createBoard()
    // Each deletes notes the other wrote during the brainstorm, which only a facilitator may
    // (the relay refuses it from an edit link): both run the room, so the merge is what is tested.
    const a: Client = connectClient(srv.wsUrl, board.id, board.facilitatorToken)
    let b: Client = connectClient(srv.wsUrl, board.id, board.facilitatorToken)
    cleanups.push(() => [a, b].forEach(closeClient))
    await waitFor(() => a.provider.synced && b.provider.synced, { timeoutMs: 10_000 })
    for (let i = 0; i < SHARED; i++) {
      createNote(a.doc, { id: `s${i}`, x: i, y: 0, author: 'a', createdAt: 1 as EpochMs }, 'a')
    }
    await waitFor(() => noteIds(b.doc).size === SHARED, { what: 'shared notes' })
    a.provider.disconnect()
    b.provider.disconnect()

    const gen = rng(SEED)
    let persisted: Uint8Array | null = null
    for (let i = 0; i < EDITS; i++) {
      randomEdit(gen, a.doc, 'a', i)
      randomEdit(gen, b.doc, 'b', i)
      if (i === EDITS >> 1) {
        // B's tab reloads: keep only what "IndexedDB" held, drop the live doc and provider.
        persisted = Y.encodeStateAsUpdate(b.doc)
        closeClient(b)
        const restored = new Y.Doc()
        Y.applyUpdate(restored, persisted, 'indexeddb')
        b = connectClient(srv.wsUrl, board.id, board.facilitatorToken, restored, {
          connect: false,
        })
      }
    }
    expect(persisted).not.toBeNull()
    expect(docJson(a.doc)).not.toBe(docJson(b.doc))

    const reconnectedAt = Date.now()
    a.provider.connect()
    b.provider.connect()
    await waitFor(
      () => a.provider.synced && b.provider.synced && docJson(a.doc) === docJson(b.doc),
      { what: 'clients identical', timeoutMs: 30_000 },
    )
    const convergeMs = Date.now() - reconnectedAt
    const room = srv.relay.rooms.get(board.id)
    expect(room).not.toBeNull()
    await room!.flush(10_000)
    expect(docJson(room!.doc)).toBe(docJson(a.doc))
    const stored = await srv.store.loadDoc(board.id)
    const onDisk = new Y.Doc()
    for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(onDisk, part)
    expect(docJson(onDisk)).toBe(docJson(a.doc))
    report('offline-divergence', {
      editsEach: EDITS,
      notesAfter: noteIds(a.doc).size,
      convergeMs,
      docBytes: Y.encodeStateAsUpdate(a.doc).byteLength,
    })
  }, 120_000)
})

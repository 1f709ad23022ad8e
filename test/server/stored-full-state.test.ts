// A big board's first full-state reply when nothing seeded it (the board grew through the
// room, e.g. a 6 MB import): built from the stored rows, merged by the loader (a worker in
// production) instead of encoding the doc on the event loop (reliability.md, finding 2). What
// the doc emits while the rows are read and merged follows the reply; storage that cannot
// answer, or rows that did not all load, mean the doc is encoded as before.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { Room } from '../../server/relay/room'
import { MemoryStore } from '../../server/storage/memory-store'
import { SqliteStore } from '../../server/storage/sqlite-store'
import { InThreadLoader, WorkerLoader } from '../../server/storage/off-thread-load'
import { createLogger } from '../../server/log'
import { encodeSyncStep2FromUpdate } from '../../server/relay/protocol'
import { issueTokens } from '../../server/storage/tokens'
import { EMPTY_STATE_VECTOR, JoiningPeer, textUpdate } from '../helpers/joining-peer'
import { roomOptions } from '../helpers/relay'
import { waitFor } from '../helpers/server'

/** Merges in this thread, counting calls; `hold` keeps the next merge waiting until released. */
class RecordingLoader extends InThreadLoader {
  merged: Uint8Array[][] = []
  failing = false
  #held: Promise<void> | null = null
  release: () => void = () => undefined

  hold(): void {
    this.#held = new Promise((done) => (this.release = done))
  }

  override async merge(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    this.merged.push([...parts])
    if (this.#held !== null) await this.#held
    if (this.failing) throw new Error('worker gone')
    return super.merge(parts)
  }
}

async function emptyBoard(): Promise<MemoryStore> {
  const store = new MemoryStore()
  const { editTokenHash, viewTokenHash } = issueTokens()
  await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
  return store
}

async function joinFresh(room: Room, name: string): Promise<JoiningPeer> {
  const peer = new JoiningPeer(name)
  room.join(peer)
  room.replyToSyncStep1(peer, EMPTY_STATE_VECTOR)
  await replied(peer)
  return peer
}

/** The reply waits for storage and the loader, which `room.flush()` does not cover. */
async function replied(peer: JoiningPeer): Promise<void> {
  await waitFor(() => peer.steps2.length > 0, { what: `${peer.id}'s sync step 2` })
  await new Promise((done) => setTimeout(done, 5))
}

/** The text a sync step 2 message carries on its own. */
function textOf(step2: Uint8Array | undefined): string {
  const doc = new Y.Doc()
  const decoder = decoding.createDecoder(step2 ?? new Uint8Array())
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
  return doc.getText('t').toString()
}

describe('full-state replies built from storage', () => {
  it('answers the first joiner of an imported big board with the merged rows, then what changed meanwhile', async () => {
    const store = await emptyBoard()
    const loader = new RecordingLoader()
    const room = await Room.load('b', roomOptions(store, { loader }))
    const author = new Y.Doc()
    await room.importUpdate(textUpdate(author, 600_000), 'import')
    await room.flush()

    loader.hold()
    const first = new JoiningPeer('first')
    room.join(first)
    room.replyToSyncStep1(first, EMPTY_STATE_VECTOR)
    // The relay's own write while the rows are merged (not behind the update lane).
    await new Promise((done) => setTimeout(done, 10))
    Y.applyUpdate(room.doc, textUpdate(author, 5), 'relay')
    loader.release()
    await replied(first)

    expect(loader.merged).toHaveLength(1)
    // The reply is the rows as stored when the read was asked for (the import); the write made
    // meanwhile follows it.
    expect(textOf(first.steps2[0])).toHaveLength(600_000)
    expect(first.doc.getText('t').toString()).toBe(room.doc.getText('t').toString())
    expect(first.doc.getText('t').length).toBe(600_005)

    // The next joiner shares that encoding and gets the change after it; no second merge.
    const second = await joinFresh(room, 'second')
    expect(second.steps2[0]).toBe(first.steps2[0])
    expect(second.doc.getText('t').toString()).toBe(room.doc.getText('t').toString())
    expect(loader.merged).toHaveLength(1)
    room.destroy()
  })

  it('encodes the doc when the loader fails, and loses nothing', async () => {
    const store = await emptyBoard()
    const loader = new RecordingLoader()
    loader.failing = true
    const room = await Room.load('b', roomOptions(store, { loader }))
    await room.importUpdate(textUpdate(new Y.Doc(), 600_000), 'import')
    const peer = await joinFresh(room, 'joiner')
    expect(loader.merged).toHaveLength(1)
    expect(peer.doc.getText('t').length).toBe(600_000)
    expect(peer.rejected).toEqual([])
    room.destroy()
  })

  it('never answers from storage when a stored row failed to load', async () => {
    const store = await emptyBoard()
    await store.appendUpdate('b', textUpdate(new Y.Doc(), 600_000))
    await store.appendUpdate('b', Uint8Array.of(1, 2, 3, 250, 250, 250))
    const loader = new RecordingLoader()
    const room = await Room.load('b', roomOptions(store, { loader }))
    const peer = await joinFresh(room, 'joiner')
    expect(loader.merged).toHaveLength(0)
    expect(peer.doc.getText('t').length).toBe(600_000)
    room.destroy()
  })

  it('on a SQLite file has the worker read, merge and frame the rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stretchboard-full-state-'))
    const store = new SqliteStore(join(dir, 'b.db'))
    const loader = new WorkerLoader(createLogger('silent'))
    try {
      const { editTokenHash, viewTokenHash } = issueTokens()
      await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
      const room = await Room.load('b', roomOptions(store, { loader }))
      await room.importUpdate(textUpdate(new Y.Doc(), 600_000), 'import')
      const peer = await joinFresh(room, 'joiner')
      const stored = await store.loadDoc('b')
      const rows = stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates]
      expect(peer.steps2[0]).toEqual(encodeSyncStep2FromUpdate(Y.mergeUpdates(rows)))
      expect(peer.doc.getText('t').toString()).toBe(room.doc.getText('t').toString())
      room.destroy()
    } finally {
      await loader.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

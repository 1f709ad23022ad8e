/**
 * The one behaviour suite every BoardStore adapter must pass (memory, SQLite, PostgreSQL).
 * Each adapter's *.test.ts calls `describeStoreContract` with a backend that can open the same
 * underlying storage more than once, which is how "reopen → data still there" is tested.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardStore } from '../../../server/storage/store'
import {
  BoardExistsError,
  InvalidStoreInputError,
  StoreClosedError,
  UnknownBoardError,
} from '../../../server/storage/errors'
import { compactBoard } from '../../../server/storage/compaction'
import { MAX_TITLE_LENGTH } from '../../../server/storage/validate'
import { hashToken } from '../../../server/storage/tokens'
import { boardRecord, seededBytes } from './fixtures/data'
import { cleanupsAfter } from '../../helpers/cleanups'

export { boardRecord, seededBytes }

export interface StoreBackend {
  /** Opens a store over this backend's storage; a second call sees what the first wrote. */
  open(): Promise<BoardStore>
  /** Removes the storage (temp file, schema) after the test. */
  destroy?(): Promise<void>
}

/** A doc whose every change is recorded as the V1 update the relay would store. */
function recordingDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  return { doc, updates }
}

function rebuild(stored: { snapshot: Uint8Array | null; updates: readonly Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return doc
}

function editNotes(doc: Y.Doc, from: number, to: number): void {
  const notes = doc.getMap<string>('notes')
  for (let i = from; i < to; i++) {
    doc.transact(() => notes.set(`n${i}`, `note ${i}`))
    // Deletions give compaction something to garbage-collect.
    if (i % 3 === 0) doc.transact(() => notes.delete(`n${i}`))
  }
}

function expectedNotes(from: number, to: number): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = from; i < to; i++) if (i % 3 !== 0) out[`n${i}`] = `note ${i}`
  return out
}

export function describeStoreContract(name: string, makeBackend: () => Promise<StoreBackend>) {
  describe(`BoardStore contract: ${name}`, () => {
    const cleanups = cleanupsAfter(afterEach)

    async function setup(): Promise<{ store: BoardStore; reopen: () => Promise<BoardStore> }> {
      const backend = await makeBackend()
      if (backend.destroy) cleanups.push(() => backend.destroy?.() ?? Promise.resolve())
      const open = async () => {
        const store = await backend.open()
        cleanups.push(() => store.close())
        return store
      }
      return { store: await open(), reopen: open }
    }

    it('creates a board and reads it back; a duplicate id is refused and changes nothing', async () => {
      const { store } = await setup()
      const record = boardRecord('b1', 'Q3 planning — “ünïcode” ✓')
      await store.createBoard(record)
      expect(await store.getBoard('b1')).toEqual(record)

      await expect(store.createBoard({ ...boardRecord('b1'), title: 'other' })).rejects.toThrow(
        BoardExistsError,
      )
      expect(await store.getBoard('b1')).toEqual(record)
    })

    it('renames a board', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('b1'))
      await store.setTitle('b1', 'Renamed')
      expect((await store.getBoard('b1'))?.title).toBe('Renamed')
    })

    it('renames only that board, keeps its other fields, and takes the same title twice', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('a'))
      await store.createBoard(boardRecord('b'))
      // What the relay stores after a rename in the document (server/relay/board-title.ts).
      await store.setTitle('a', 'Q3 — “ünïcode” ✓ 🚀')
      await store.setTitle('a', 'Q3 — “ünïcode” ✓ 🚀')
      expect(await store.getBoard('a')).toEqual({
        ...boardRecord('a'),
        title: 'Q3 — “ünïcode” ✓ 🚀',
      })
      expect(await store.getBoard('b')).toEqual(boardRecord('b'))
    })

    it('refuses a malformed title and keeps the stored one', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('b1'))
      await store.setTitle('b1', 'Kept')
      await expect(store.setTitle('b1', 'x'.repeat(MAX_TITLE_LENGTH + 1))).rejects.toThrow(
        InvalidStoreInputError,
      )
      await expect(store.setTitle('b1', 42 as unknown as string)).rejects.toThrow(
        InvalidStoreInputError,
      )
      await expect(store.setTitle('', 'x')).rejects.toThrow(InvalidStoreInputError)
      expect((await store.getBoard('b1'))?.title).toBe('Kept')
    })

    it('answers for an unknown board without inventing it', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('known'))
      expect(await store.getBoard('nope')).toBeNull()
      expect(
        await store.setTokenHashes('nope', {
          editTokenHash: hashToken('a'),
          viewTokenHash: hashToken('b'),
        }),
      ).toBe(false)
      await expect(store.setTitle('nope', 't')).rejects.toThrow(UnknownBoardError)
      await expect(store.appendUpdate('nope', seededBytes(1, 10))).rejects.toThrow(
        UnknownBoardError,
      )
      await expect(store.compact('nope', seededBytes(1, 10), 0)).rejects.toThrow(UnknownBoardError)
      expect(await store.loadDoc('nope')).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      expect(await store.pendingUpdates('nope')).toEqual({ count: 0, bytes: 0 })
      expect((await store.stats()).boards).toBe(1)
    })

    it('rotates the named token hashes at once, keeps the others, only on that board', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('a'))
      await store.createBoard(boardRecord('b'))
      const edit = hashToken('new-edit')
      const view = hashToken('new-view')
      expect(await store.setTokenHashes('a', { editTokenHash: edit, viewTokenHash: view })).toBe(
        true,
      )
      expect(await store.getBoard('a')).toEqual({
        ...boardRecord('a'),
        editTokenHash: edit,
        viewTokenHash: view,
      })
      const facilitate = hashToken('new-facilitate')
      expect(await store.setTokenHashes('a', { facilitateTokenHash: facilitate })).toBe(true)
      expect(await store.getBoard('a')).toEqual({
        ...boardRecord('a'),
        editTokenHash: edit,
        viewTokenHash: view,
        facilitateTokenHash: facilitate,
      })
      expect(await store.getBoard('b')).toEqual(boardRecord('b'))
    })

    it('keeps a board without a facilitate hash (made before roles) until one is issued', async () => {
      const { store } = await setup()
      const { facilitateTokenHash: _none, ...old } = boardRecord('old')
      await store.createBoard(old)
      expect(await store.getBoard('old')).toEqual({ ...old, facilitateTokenHash: null })
      await store.createBoard({ ...boardRecord('nulled'), facilitateTokenHash: null })
      expect((await store.getBoard('nulled'))?.facilitateTokenHash).toBeNull()
      const issued = hashToken('operator-issued')
      expect(await store.setTokenHashes('old', { facilitateTokenHash: issued })).toBe(true)
      expect(await store.getBoard('old')).toEqual({ ...old, facilitateTokenHash: issued })
    })

    it('refuses an empty or malformed rotation and keeps the stored hashes', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('a'))
      await expect(store.setTokenHashes('a', {})).rejects.toThrow(InvalidStoreInputError)
      await expect(
        store.setTokenHashes('a', { editTokenHash: hashToken('x'), viewTokenHash: '' }),
      ).rejects.toThrow(InvalidStoreInputError)
      await expect(
        store.setTokenHashes('a', { facilitateTokenHash: 42 as unknown as string }),
      ).rejects.toThrow(InvalidStoreInputError)
      await expect(
        store.createBoard({ ...boardRecord('b'), facilitateTokenHash: '' }),
      ).rejects.toThrow(InvalidStoreInputError)
      expect(await store.getBoard('a')).toEqual(boardRecord('a'))
      expect(await store.getBoard('b')).toBeNull()
    })

    it('refuses malformed input before storing anything', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('b1'))
      await expect(store.appendUpdate('b1', new Uint8Array(0))).rejects.toThrow(
        InvalidStoreInputError,
      )
      const notBytes = [1, 2, 3] as unknown as Uint8Array
      await expect(store.appendUpdate('b1', notBytes)).rejects.toThrow(InvalidStoreInputError)
      await expect(store.appendUpdate('', seededBytes(1, 4))).rejects.toThrow(
        InvalidStoreInputError,
      )
      await expect(store.createBoard({ ...boardRecord('b2'), createdAt: -1 })).rejects.toThrow(
        InvalidStoreInputError,
      )
      await expect(store.compact('b1', seededBytes(1, 4), -1)).rejects.toThrow(
        InvalidStoreInputError,
      )
      expect(await store.getBoard('b2')).toBeNull()
      expect(await store.pendingUpdates('b1')).toEqual({ count: 0, bytes: 0 })
    })

    it('appends in order with increasing sequence numbers, per board', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('a'))
      await store.createBoard(boardRecord('b'))
      const payloads = Array.from({ length: 20 }, (_, i) => seededBytes(i + 1, 5 + i))
      const seqs: number[] = []
      for (const [i, p] of payloads.entries()) {
        seqs.push(await store.appendUpdate('a', p))
        if (i % 4 === 0) await store.appendUpdate('b', seededBytes(100 + i, 3))
      }
      expect(seqs.every((s, i) => i === 0 || s > (seqs[i - 1] ?? Infinity))).toBe(true)
      const loaded = await store.loadDoc('a')
      expect(loaded.snapshot).toBeNull()
      expect(loaded.updates).toEqual(payloads)
      expect(loaded.lastSeq).toBe(seqs.at(-1))
      expect((await store.loadDoc('b')).updates).toHaveLength(5)
      expect(await store.pendingUpdates('a')).toEqual({
        count: 20,
        bytes: payloads.reduce((n, p) => n + p.byteLength, 0),
      })
    })

    it('loads the same document after compaction and later appends', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('b1'))
      const { doc, updates } = recordingDoc()
      editNotes(doc, 0, 60)
      for (const u of updates.splice(0)) await store.appendUpdate('b1', u)

      const result = await compactBoard(store, 'b1')
      expect(result).toMatchObject({ compacted: true, updatesMerged: 80 })
      expect(result.bytesAfter).toBeLessThan(result.bytesBefore)

      editNotes(doc, 60, 90)
      const later: number[] = []
      for (const u of updates.splice(0)) later.push(await store.appendUpdate('b1', u))
      expect(Math.min(...later)).toBeGreaterThan(result.upToSeq)

      const loaded = await store.loadDoc('b1')
      expect(loaded.snapshot).not.toBeNull()
      expect(loaded.updates).toHaveLength(later.length)
      expect(loaded.lastSeq).toBe(later.at(-1))
      expect(rebuild(loaded).getMap('notes').toJSON()).toEqual(expectedNotes(0, 90))
      expect(await store.pendingUpdates('b1')).toMatchObject({ count: later.length })
    })

    it('keeps updates appended after the compaction bound (compaction is atomic)', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('b1'))
      const { doc, updates } = recordingDoc()
      editNotes(doc, 0, 10)
      for (const u of updates.splice(0)) await store.appendUpdate('b1', u)

      // A compactor reads, then writers keep appending before it stores its snapshot.
      const seen = await store.loadDoc('b1')
      editNotes(doc, 10, 20)
      const racing = updates.splice(0)
      for (const u of racing) await store.appendUpdate('b1', u)
      await store.compact('b1', Y.encodeStateAsUpdate(rebuild(seen)), seen.lastSeq)

      const loaded = await store.loadDoc('b1')
      expect(loaded.updates).toEqual(racing)
      expect(rebuild(loaded).getMap('notes').toJSON()).toEqual(expectedNotes(0, 20))
    })

    it('ignores a late compaction older than the stored snapshot', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('b1'))
      const { doc, updates } = recordingDoc()
      editNotes(doc, 0, 5)
      for (const u of updates.splice(0)) await store.appendUpdate('b1', u)
      const early = await store.loadDoc('b1')
      editNotes(doc, 5, 10)
      for (const u of updates.splice(0)) await store.appendUpdate('b1', u)

      await compactBoard(store, 'b1')
      await store.compact('b1', Y.encodeStateAsUpdate(rebuild(early)), early.lastSeq)
      expect(
        rebuild(await store.loadDoc('b1'))
          .getMap('notes')
          .toJSON(),
      ).toEqual(expectedNotes(0, 10))
    })

    it('refuses to compact past the last stored update', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('b1'))
      const seq = await store.appendUpdate('b1', seededBytes(3, 8))
      await expect(store.compact('b1', seededBytes(4, 8), seq + 1)).rejects.toThrow(
        InvalidStoreInputError,
      )
      expect(await store.loadDoc('b1')).toEqual({
        snapshot: null,
        updates: [seededBytes(3, 8)],
        lastSeq: seq,
      })
    })

    it('gives concurrent appends distinct seqs and keeps every one', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('a'))
      await store.createBoard(boardRecord('b'))
      const payloads = Array.from({ length: 60 }, (_, i) => seededBytes(i + 7, 16 + (i % 9)))
      const seqs = await Promise.all(
        payloads.map((p, i) => store.appendUpdate(i % 3 === 0 ? 'b' : 'a', p)),
      )
      const forA = payloads.flatMap((p, i) => (i % 3 === 0 ? [] : [{ p, seq: seqs[i] ?? 0 }]))
      expect(new Set(forA.map((x) => x.seq)).size).toBe(forA.length)
      const loaded = await store.loadDoc('a')
      // Stored order is seq order, whatever order the commits raced in.
      expect(loaded.updates).toEqual(forA.sort((x, y) => x.seq - y.seq).map((x) => x.p))
      expect((await store.loadDoc('b')).updates).toHaveLength(20)
    })

    it('round-trips big updates of several MB byte for byte', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('big'))
      const big = seededBytes(42, 6 * 1024 * 1024 + 3)
      const small = seededBytes(43, 10)
      await store.appendUpdate('big', big)
      await store.appendUpdate('big', small)
      const loaded = await store.loadDoc('big')
      expect(loaded.updates).toHaveLength(2)
      expect(Buffer.compare(loaded.updates[0] ?? new Uint8Array(), big)).toBe(0)
      expect(loaded.updates[1]).toEqual(small)
      await store.compact('big', big, loaded.lastSeq - 1)
      const after = await store.loadDoc('big')
      expect(Buffer.compare(after.snapshot ?? new Uint8Array(), big)).toBe(0)
      expect(after.updates).toEqual([small])
    })

    it('stores bytes exactly and never aliases the caller’s buffers', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('bin'))
      const every = Uint8Array.from({ length: 512 }, (_, i) => i % 256)
      const zeros = new Uint8Array(33)
      // A view into a larger buffer: only its window may be stored.
      const backing = seededBytes(9, 64)
      const window = backing.subarray(10, 20)
      for (const u of [every, zeros, window]) await store.appendUpdate('bin', u)
      const expected = [new Uint8Array(every), new Uint8Array(zeros), new Uint8Array(window)]
      every.fill(7)
      backing.fill(7)

      const first = await store.loadDoc('bin')
      expect(first.updates).toEqual(expected)
      expect(first.updates.every((u) => u.constructor === Uint8Array)).toBe(true)
      first.updates[0]?.fill(1)
      expect((await store.loadDoc('bin')).updates).toEqual(expected)
    })

    it('keeps boards, updates and snapshots across a reopen, and seqs keep growing', async () => {
      const { store, reopen } = await setup()
      await store.createBoard(boardRecord('b1'))
      const { doc, updates } = recordingDoc()
      editNotes(doc, 0, 12)
      for (const u of updates.splice(0)) await store.appendUpdate('b1', u)
      await compactBoard(store, 'b1')
      editNotes(doc, 12, 15)
      let last = 0
      for (const u of updates.splice(0)) last = await store.appendUpdate('b1', u)
      await store.setTitle('b1', 'After')
      const before = await store.loadDoc('b1')
      await store.close()

      const again = await reopen()
      expect(await again.getBoard('b1')).toEqual({ ...boardRecord('b1'), title: 'After' })
      expect(await again.loadDoc('b1')).toEqual(before)
      expect(await again.appendUpdate('b1', seededBytes(5, 5))).toBeGreaterThan(last)
    })

    it('continues seqs after a compaction that folded every update', async () => {
      const { store, reopen } = await setup()
      await store.createBoard(boardRecord('b1'))
      const { doc, updates } = recordingDoc()
      editNotes(doc, 0, 4)
      for (const u of updates.splice(0)) await store.appendUpdate('b1', u)
      const { upToSeq } = await compactBoard(store, 'b1')
      expect(await store.loadDoc('b1')).toMatchObject({ updates: [], lastSeq: upToSeq })
      await store.close()
      const again = await reopen()
      expect(await again.appendUpdate('b1', seededBytes(1, 3))).toBe(upToSeq + 1)
    })

    it('stays consistent when two nodes append and compact the same board at once', async () => {
      const { store: nodeA, reopen } = await setup()
      const nodeB = await reopen()
      await nodeA.createBoard(boardRecord('shared'))
      const writers = [recordingDoc(), recordingDoc()]
      const seqs: number[] = []
      for (let round = 0; round < 4; round++) {
        const work: Promise<unknown>[] = []
        writers.forEach(({ doc, updates }, w) => {
          const node = w === 0 ? nodeA : nodeB
          editNotes(doc, round * 100 + w * 10, round * 100 + w * 10 + 8)
          for (const u of updates.splice(0)) {
            work.push(node.appendUpdate('shared', u).then((seq) => seqs.push(seq)))
          }
        })
        work.push(compactBoard(nodeA, 'shared'), compactBoard(nodeB, 'shared'))
        await Promise.all(work)
      }
      expect(new Set(seqs).size).toBe(seqs.length)
      const expected = {}
      for (let round = 0; round < 4; round++) {
        Object.assign(expected, expectedNotes(round * 100, round * 100 + 8))
        Object.assign(expected, expectedNotes(round * 100 + 10, round * 100 + 18))
      }
      for (const node of [nodeA, nodeB]) {
        expect(
          rebuild(await node.loadDoc('shared'))
            .getMap('notes')
            .toJSON(),
        ).toEqual(expected)
      }
    })

    it('reports stats over every board', async () => {
      const { store } = await setup()
      expect(await store.stats()).toEqual({ boards: 0, updateRows: 0, bytesStored: 0 })
      await store.createBoard(boardRecord('a'))
      await store.createBoard(boardRecord('b'))
      await store.appendUpdate('a', seededBytes(1, 100))
      await store.appendUpdate('a', seededBytes(2, 50))
      await store.appendUpdate('b', seededBytes(3, 7))
      expect(await store.stats()).toEqual({ boards: 2, updateRows: 3, bytesStored: 157 })
      await store.compact('a', seededBytes(4, 20), 1)
      expect(await store.stats()).toEqual({ boards: 2, updateRows: 2, bytesStored: 77 })
    })

    it('rejects every call after close, and closing twice is harmless', async () => {
      const { store } = await setup()
      await store.createBoard(boardRecord('b1'))
      await store.close()
      await store.close()
      await expect(store.getBoard('b1')).rejects.toThrow(StoreClosedError)
      await expect(store.appendUpdate('b1', seededBytes(1, 4))).rejects.toThrow(StoreClosedError)
      await expect(store.loadDoc('b1')).rejects.toThrow(StoreClosedError)
      await expect(store.stats()).rejects.toThrow(StoreClosedError)
    })
  })
}

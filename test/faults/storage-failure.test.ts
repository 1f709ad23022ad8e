// Storage fails under live editing (a few seconds here, 30 s under `npm run soak`), rotating
// through a full disk, a locked database and an I/O error, some as ambiguous commits (the write
// landed, the call still failed). Edits must stay in memory, be retried, and all be on disk
// once storage heals; every client is told its changes are unsaved, then saved.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as prng from 'lib0/prng'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote, moveNotes } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { FailingStore, type FaultCode } from '../helpers/failing-store'
import { SqliteStore } from '../../server/storage/sqlite-store'
import { startTestServer, waitFor } from '../helpers/server'
import {
  closeClient,
  connectClient,
  docJson,
  missing,
  noteIds,
  report,
  rng,
  SEED,
  size,
  sleep,
} from './fault-helpers'
import { cleanupsAfter } from '../helpers/cleanups'

const FAIL_MS = size('FAULT_STORAGE_MS', 3_000, 30_000)

const cleanups = cleanupsAfter(afterAll)

describe('storage failing under live editing', () => {
  it(
    `keeps edits in memory for ${FAIL_MS} ms, retries, and loses nothing`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'stretchboard-storefail-'))
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
      const store = new FailingStore(new SqliteStore(join(dir, 'db.sqlite')))
      const srv = await startTestServer({ store, config: { storageRetryMaxMs: 250 } })
      cleanups.push(() => srv.close())
      const board = await srv.createBoard()
      const clients = [0, 1, 2].map(() => connectClient(srv.wsUrl, board.id, board.editToken))
      cleanups.push(() => clients.forEach(closeClient))
      await waitFor(() => clients.every((c) => c.provider.synced), { timeoutMs: 10_000 })

      const gen = rng(SEED)
      const made = new Set<string>()
      let n = 0
      const edit = () => {
        const index = prng.uint32(gen, 0, 2)
        const doc = clients[index]!.doc
        const ids = [...noteIds(doc)]
        if (ids.length > 0 && prng.bool(gen)) {
          moveNotes(doc, { ids: [prng.oneOf(gen, ids)], dx: 2, dy: 1 }, { client: index })
        } else {
          const id = `c${index}-${n++}`
          createNote(
            doc,
            { id, x: n, y: 0, author: 'f', createdAt: n as EpochMs },
            { client: index },
          )
          made.add(id)
        }
      }
      for (let i = 0; i < 20; i++) edit()
      await waitFor(() => clients.every((c) => missing(made, noteIds(c.doc)).length === 0))

      const codes: FaultCode[] = ['SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_IOERR']
      const started = Date.now()
      let maxUnsaved = 0
      let phase = 0
      while (Date.now() - started < FAIL_MS) {
        // A new fault every 500 ms; every third one an ambiguous commit.
        store.failWith(codes[phase % 3]!, {
          methods: ['appendUpdate'],
          when: phase % 3 === 2 ? 'after' : 'before',
        })
        phase++
        const phaseEnd = Date.now() + 500
        while (Date.now() < phaseEnd) {
          edit()
          maxUnsaved = Math.max(maxUnsaved, srv.relay.rooms.get(board.id)?.unsavedUpdates ?? 0)
          await sleep(20)
        }
      }
      const failedAppends = store.injectedFailures
      expect(failedAppends).toBeGreaterThan(2)
      expect(maxUnsaved).toBeGreaterThan(0)
      for (const c of clients) expect(c.statuses.some((s) => !s.saved)).toBe(true)

      const healedAt = Date.now()
      store.heal()
      await waitFor(
        () =>
          clients.every((c) => c.statuses.at(-1)?.saved === true) &&
          clients.every((c) => missing(made, noteIds(c.doc)).length === 0) &&
          new Set(clients.map((c) => docJson(c.doc))).size === 1,
        { what: 'recovered and converged', timeoutMs: 20_000 },
      )
      const recoveryMs = Date.now() - healedAt
      const stored = await store.inner.loadDoc(board.id)
      const onDisk = new Y.Doc()
      for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(onDisk, part)
      expect(missing(made, noteIds(onDisk))).toEqual([])
      expect(docJson(onDisk)).toBe(docJson(clients[0]!.doc))
      report('storage-failure', {
        failMs: FAIL_MS,
        notes: made.size,
        failedAppends,
        maxUnsaved,
        recoveryMs,
      })
    },
    FAIL_MS + 60_000,
  )
})

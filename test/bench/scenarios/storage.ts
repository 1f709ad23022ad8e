// Storage at relay scale: what one durable append costs (the relay awaits it before every
// broadcast) under SQLite's two durability levels and PostgreSQL, how long a board with many
// rows takes to load, and what background compaction costs. PostgreSQL cases run when
// DATABASE_URL is set (scripts/services.sh).
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import * as Y from 'yjs'
import { compactBoard } from '../../../server/storage/compaction'
import { MemoryStore } from '../../../server/storage/memory-store'
import { PostgresStore } from '../../../server/storage/postgres-store'
import { SqliteStore } from '../../../server/storage/sqlite-store'
import type { BoardStore } from '../../../server/storage/store'
import { boardRecord, seededBytes } from '../../server/storage/fixtures/data'
import { benchCase } from '../scenario'
import type { BenchCase, BenchScenario } from '../scenario'

const APPENDS = 200

/** Keystroke-sized updates as a typing session produces them. */
function typingUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const text = doc.getText('note')
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)))
  return updates
}

interface Opened {
  readonly store: BoardStore
  readonly cleanup: () => Promise<void>
}

async function sqlite(synchronous: 'NORMAL' | 'FULL'): Promise<Opened> {
  const dir = mkdtempSync(join(tmpdir(), 'stretchboard-bench-'))
  const store = new SqliteStore(join(dir, 'b.sqlite'), { synchronous })
  await store.createBoard(boardRecord('bench'))
  return {
    store,
    cleanup: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function postgres(url: string): Promise<Opened> {
  const schema = `sb_bench_${randomUUID().replaceAll('-', '')}`
  const store = await PostgresStore.open({ connectionString: url, schema })
  await store.createBoard(boardRecord('bench'))
  return {
    store,
    cleanup: async () => {
      await store.close()
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`DROP SCHEMA ${schema} CASCADE`)
      await admin.end()
    },
  }
}

function appendCase(name: string, open: () => Promise<Opened>): BenchCase {
  const update = seededBytes(1, 100)
  return benchCase({
    name: `${name}: ${APPENDS} sequential 100-byte appends`,
    setup: open,
    run: async ({ store }) => {
      const start = performance.now()
      for (let i = 0; i < APPENDS; i++) await store.appendUpdate('bench', update)
      return { msPerAppend: (performance.now() - start) / APPENDS }
    },
    teardown: ({ cleanup }) => cleanup(),
    iterations: 5,
    warmup: 1,
  })
}

function loadCase(name: string, open: () => Promise<Opened>, rows: number): BenchCase {
  return benchCase({
    name: `${name}: loadDoc of ${rows} keystroke rows`,
    setup: async () => {
      const opened = await open()
      for (const u of typingUpdates(rows)) await opened.store.appendUpdate('bench', u)
      return opened
    },
    run: async ({ store }) => ({ rows: (await store.loadDoc('bench')).updates.length }),
    teardown: ({ cleanup }) => cleanup(),
    iterations: 10,
  })
}

const url = process.env['DATABASE_URL']

export const scenario: BenchScenario = {
  name: 'storage',
  description: 'durable append latency, load time and compaction cost per store',
  cases: [
    appendCase('sqlite NORMAL', () => sqlite('NORMAL')),
    appendCase('sqlite FULL', () => sqlite('FULL')),
    loadCase('sqlite', () => sqlite('NORMAL'), 5000),
    benchCase({
      name: 'compactBoard: 500 keystroke rows (default bound) into a snapshot',
      setup: () => typingUpdates(500),
      run: async (updates) => {
        // A fresh board each round; filling the memory store is a small part of the time.
        const store = new MemoryStore()
        await store.createBoard(boardRecord('bench'))
        for (const u of updates) await store.appendUpdate('bench', u)
        const result = await compactBoard(store, 'bench')
        return { bytesBefore: result.bytesBefore, bytesAfter: result.bytesAfter }
      },
      iterations: 10,
    }),
    ...(url
      ? [
          appendCase('postgres', () => postgres(url)),
          loadCase('postgres', () => postgres(url), 5000),
        ]
      : []),
  ],
}

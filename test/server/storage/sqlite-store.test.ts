import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../server/storage/sqlite-store'
import { SQLITE_MIGRATIONS } from '../../../server/storage/sqlite-migrations'
import { InvalidStoreInputError } from '../../../server/storage/errors'
import { boardRecord, describeStoreContract, seededBytes } from './contract'

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'stretchboard-sqlite-'))
}

describeStoreContract('sqlite file', async () => {
  const dir = tempDir()
  const file = join(dir, 'nested', 'boards.sqlite')
  return {
    open: async () => new SqliteStore(file),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  }
})

describe('SqliteStore', () => {
  it('runs in WAL mode with the chosen synchronous level and a busy timeout', async () => {
    const dir = tempDir()
    try {
      const file = join(dir, 'b.sqlite')
      const full = new SqliteStore(file, { synchronous: 'FULL', busyTimeoutMs: 1234 })
      expect(full.settings()).toEqual({
        journalMode: 'wal',
        synchronous: 'FULL',
        busyTimeoutMs: 1234,
      })
      await full.close()
      const normal = new SqliteStore(file)
      expect(normal.settings()).toEqual({
        journalMode: 'wal',
        synchronous: 'NORMAL',
        busyTimeoutMs: 5000,
      })
      await normal.close()
      const db = new Database(file)
      expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length)
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('fails a write with SQLITE_FULL past its quota, keeps what it had, and recovers', async () => {
    const dir = tempDir()
    try {
      const file = join(dir, 'small.sqlite')
      const small = new SqliteStore(file, { maxBytes: 256 * 1024 })
      await small.createBoard(boardRecord('b'))
      const stored: Uint8Array[] = []
      let failure: unknown = null
      for (let i = 1; i < 100 && failure === null; i++) {
        const update = seededBytes(i, 20_000)
        await small.appendUpdate('b', update).then(
          () => stored.push(update),
          (error: unknown) => (failure = error),
        )
      }
      expect(failure).toMatchObject({ code: 'SQLITE_FULL' })
      expect((await small.loadDoc('b')).updates).toEqual(stored)
      await small.close()

      // Space freed (here: a bigger quota), appends continue right after the last stored seq.
      const roomy = new SqliteStore(file)
      expect(await roomy.appendUpdate('b', seededBytes(500, 20_000))).toBe(stored.length + 1)
      await roomy.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses nonsensical options before creating anything', () => {
    expect(() => new SqliteStore(':memory:', { busyTimeoutMs: Number.NaN })).toThrow(
      InvalidStoreInputError,
    )
    expect(() => new SqliteStore(':memory:', { maxBytes: -1 })).toThrow(InvalidStoreInputError)
  })

  it('works in memory for tests', async () => {
    const store = new SqliteStore(':memory:')
    await store.createBoard(boardRecord('m'))
    expect(await store.appendUpdate('m', seededBytes(1, 4))).toBe(1)
    await store.close()
  })

  it('refuses a file written by a newer schema instead of touching it', () => {
    const dir = tempDir()
    try {
      const file = join(dir, 'future.sqlite')
      const db = new Database(file)
      db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`)
      db.close()
      expect(() => new SqliteStore(file)).toThrow(/schema version/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a file that is not a database, leaving it as it was', () => {
    const dir = tempDir()
    try {
      const file = join(dir, 'notes.txt')
      const text = 'my precious notes, not a database at all'.repeat(50)
      writeFileSync(file, text)
      expect(() => new SqliteStore(file)).toThrow(/not a database/)
      expect(readFileSync(file, 'utf8')).toBe(text)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('makes an online backup that opens as a complete store', async () => {
    const dir = tempDir()
    try {
      const store = new SqliteStore(join(dir, 'live.sqlite'))
      await store.createBoard(boardRecord('b1'))
      await store.appendUpdate('b1', seededBytes(1, 1000))
      await store.backup(join(dir, 'copy.sqlite'))
      await store.close()
      const copy = new SqliteStore(join(dir, 'copy.sqlite'))
      expect((await copy.loadDoc('b1')).updates).toEqual([seededBytes(1, 1000)])
      await copy.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

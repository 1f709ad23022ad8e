/**
 * The default, embedded store: one SQLite file in DATA_DIR through better-sqlite3.
 *
 * Durability: WAL journal. With `synchronous=NORMAL` (the default here) a commit has reached
 * the OS once `appendUpdate` resolves, so `kill -9` of the process loses nothing; only an OS
 * crash or power cut can drop the last few commits (never corrupt the file). `FULL` also
 * fsyncs the WAL on every commit, surviving power loss at the price of one fsync per update.
 * See docs/storage.md for the measurements behind the default.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { CompactionResult } from './compaction'
import type { BoardRecord, BoardStore, StoreStats, StoredDoc, TokenHashes } from './store'
import {
  BoardExistsError,
  InvalidStoreInputError,
  StoreClosedError,
  UnknownBoardError,
} from './errors'
import { SQLITE_APPLICATION_ID, SQLITE_MIGRATIONS } from './sqlite-migrations'
import { insertValues, toRecord, view, type BoardRow } from './rows'
import {
  checkBoardId,
  checkCompactionBound,
  checkRecord,
  checkSeq,
  checkTitle,
  checkTokenHashes,
  checkUpdate,
} from './validate'

export interface SqliteStoreOptions {
  /** 'NORMAL' survives process kills; 'FULL' also survives power loss (slower). */
  readonly synchronous?: 'NORMAL' | 'FULL'
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number
  /**
   * Caps the database file (a storage quota). Beyond it writes fail with SQLITE_FULL, exactly
   * as on a full disk, and nothing of the failed write is stored.
   */
  readonly maxBytes?: number
}

/** What another connection needs to open the same database (a worker thread's compaction). */
export interface SqliteTarget {
  readonly file: string
  readonly options: SqliteStoreOptions
}

export class SqliteStore implements BoardStore {
  readonly #db: Database.Database
  readonly #sql: Statements
  readonly #append: Database.Transaction<(boardId: string, update: Uint8Array) => number>
  readonly #load: Database.Transaction<(boardId: string) => StoredDoc>
  readonly #compact: Database.Transaction<
    (boardId: string, snapshot: Uint8Array, upToSeq: number) => void
  >
  #closed = false
  readonly #target: SqliteTarget | null
  readonly #busyTimeoutMs: number
  /** Compactions writing this file from another connection right now (compactElsewhere). */
  #otherWriters = 0

  /** @param file path of the database file (its folder is created), or ':memory:' for tests */
  constructor(file: string, options: SqliteStoreOptions = {}) {
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000
    if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
      throw new InvalidStoreInputError('busyTimeoutMs must be a non-negative integer')
    }
    if (options.maxBytes !== undefined && !(options.maxBytes > 0 && options.maxBytes < 2 ** 52)) {
      throw new InvalidStoreInputError('maxBytes must be a positive number of bytes')
    }
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    const db = new Database(file)
    try {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`)
      db.pragma('journal_mode = WAL')
      db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`)
      db.pragma('foreign_keys = ON')
      // Checkpoints leave the WAL file at its high-water mark unless told to shrink it.
      db.pragma('journal_size_limit = 67108864')
      migrate(db)
      if (options.maxBytes !== undefined) {
        const pageSize = db.pragma('page_size', { simple: true }) as number
        const pages = Math.max(1, Math.floor(options.maxBytes / pageSize))
        db.pragma(`max_page_count = ${pages}`)
      }
    } catch (error) {
      db.close()
      throw error
    }
    const sql = prepare(db)
    this.#target = file === ':memory:' ? null : { file, options: { ...options, busyTimeoutMs } }
    this.#busyTimeoutMs = busyTimeoutMs
    this.#db = db
    this.#sql = sql

    this.#append = db.transaction((boardId: string, update: Uint8Array): number => {
      if (!sql.boardExists.get(boardId)) throw new UnknownBoardError(boardId)
      const seq = lastSeq(sql, boardId) + 1
      sql.insertUpdate.run(boardId, seq, update)
      return seq
    })

    this.#load = db.transaction((boardId: string): StoredDoc => {
      const snap = sql.getSnapshot.get(boardId) as { data: Buffer; up_to_seq: number } | undefined
      const rows = sql.getUpdates.all(boardId) as { seq: number; data: Buffer }[]
      return {
        snapshot: snap ? view(snap.data) : null,
        updates: rows.map((r) => view(r.data)),
        lastSeq: rows.at(-1)?.seq ?? snap?.up_to_seq ?? 0,
      }
    })

    this.#compact = db.transaction((boardId: string, snapshot: Uint8Array, upToSeq: number) => {
      if (!sql.boardExists.get(boardId)) throw new UnknownBoardError(boardId)
      checkCompactionBound(upToSeq, lastSeq(sql, boardId))
      const current = sql.getSnapshotSeq.get(boardId) as { up_to_seq: number } | undefined
      // An older compaction finishing late must not replace a newer snapshot.
      if (upToSeq <= (current?.up_to_seq ?? 0)) return
      sql.upsertSnapshot.run(boardId, snapshot, upToSeq)
      sql.deleteUpdates.run(boardId, upToSeq)
    })
  }

  async createBoard(record: BoardRecord): Promise<void> {
    const r = checkRecord(record)
    this.#open()
    const inserted = await this.#write(() => this.#sql.insertBoard.run(...insertValues(r)))
    if (inserted.changes === 0) throw new BoardExistsError(r.id)
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    checkBoardId(id)
    this.#open()
    const row = this.#sql.getBoard.get(id) as BoardRow | undefined
    return row ? toRecord(row) : null
  }

  async setTokenHashes(id: string, hashes: TokenHashes): Promise<boolean> {
    checkBoardId(id)
    const h = checkTokenHashes(hashes)
    this.#open()
    const set = await this.#write(() =>
      this.#sql.setTokens.run(
        h.editTokenHash ?? null,
        h.viewTokenHash ?? null,
        h.facilitateTokenHash ?? null,
        id,
      ),
    )
    return set.changes === 1
  }

  async setTitle(id: string, title: string): Promise<void> {
    checkBoardId(id)
    checkTitle(title)
    this.#open()
    const set = await this.#write(() => this.#sql.setTitle.run(title, id))
    if (set.changes === 0) throw new UnknownBoardError(id)
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    checkBoardId(boardId)
    checkUpdate(update)
    this.#open()
    // better-sqlite3 is synchronous: the transaction has committed when this returns, and
    // IMMEDIATE takes the write lock up front so a second process waits instead of deadlocking.
    return this.#write(() => this.#append.immediate(boardId, update))
  }

  async loadDoc(boardId: string): Promise<StoredDoc> {
    checkBoardId(boardId)
    this.#open()
    // One read transaction, so the snapshot and the updates after it are from the same moment.
    return this.#load.deferred(boardId)
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    checkBoardId(boardId)
    checkUpdate(snapshot, 'snapshot')
    checkSeq(upToSeq)
    this.#open()
    await this.#write(() => this.#compact.immediate(boardId, snapshot, upToSeq))
  }

  /**
   * Has `compactor` compact a board of at least `minBytes` on a connection of its own (a
   * worker thread), so neither reading the rows nor writing the merged snapshot (≈ 10 MB:
   * 200 ms in one transaction) runs on the event loop. Resolves null when this store cannot
   * (an in-memory database) or the board is smaller; the caller then compacts as before.
   * Meanwhile this connection's writes do not wait for the other's lock on the event loop:
   * they retry after a timer (`#write`).
   */
  async compactElsewhere(
    boardId: string,
    minBytes: number,
    compactor: (target: SqliteTarget) => Promise<CompactionResult | null>,
  ): Promise<CompactionResult | null> {
    const target = this.#elsewhere(boardId, minBytes)
    if (target === null) return null
    if (this.#otherWriters++ === 0) this.#db.pragma('busy_timeout = 0')
    try {
      return await compactor(target)
    } finally {
      if (--this.#otherWriters === 0 && !this.#closed) {
        this.#db.pragma(`busy_timeout = ${this.#busyTimeoutMs}`)
      }
    }
  }

  /** What another connection needs to open this file, for a board of at least `minBytes`. */
  #elsewhere(boardId: string, minBytes: number): SqliteTarget | null {
    checkBoardId(boardId)
    this.#open()
    const target = this.#target
    if (target === null) return null
    return (this.#sql.storedBytes.get(boardId, boardId) as number) < minBytes ? null : target
  }

  /**
   * Has `reader` read a board of at least `minBytes` on a connection of its own (a worker
   * thread): better-sqlite3 reads synchronously, and a 6 MB board's rows held the event loop
   * for 80 ms. Null when this store cannot (an in-memory database) or the board is smaller.
   * A WAL reader takes no lock a writer waits for, so nothing else changes meanwhile.
   */
  async readElsewhere<T>(
    boardId: string,
    minBytes: number,
    reader: (target: SqliteTarget) => Promise<T | null>,
  ): Promise<T | null> {
    const target = this.#elsewhere(boardId, minBytes)
    if (target === null) return null
    return reader(target)
  }

  async pendingUpdates(boardId: string): Promise<{ count: number; bytes: number }> {
    checkBoardId(boardId)
    this.#open()
    const row = this.#sql.pending.get(boardId) as { count: number; bytes: number }
    return { count: row.count, bytes: row.bytes }
  }

  async stats(): Promise<StoreStats> {
    this.#open()
    const row = this.#sql.stats.get() as { boards: number; updateRows: number; bytes: number }
    return { boards: row.boards, updateRows: row.updateRows, bytesStored: row.bytes }
  }

  /** The connection's effective durability settings, for /healthz and tests. */
  settings(): { journalMode: string; synchronous: 'NORMAL' | 'FULL'; busyTimeoutMs: number } {
    this.#open()
    const level = this.#db.pragma('synchronous', { simple: true }) as number
    return {
      journalMode: this.#db.pragma('journal_mode', { simple: true }) as string,
      synchronous: level >= 2 ? 'FULL' : 'NORMAL',
      busyTimeoutMs: this.#db.pragma('busy_timeout', { simple: true }) as number,
    }
  }

  /** Online, consistent copy of the database to `destination` (backups while serving). */
  async backup(destination: string): Promise<void> {
    this.#open()
    await this.#db.backup(destination)
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#db.close()
  }

  #open(): void {
    if (this.#closed) throw new StoreClosedError()
  }

  /**
   * Runs a write. While another connection compacts, the busy timeout is 0 and a write that
   * finds the lock taken waits on a timer instead of sleeping inside SQLite, which would block
   * every board on the node; it still gives up after the busy timeout, with SQLITE_BUSY.
   */
  async #write<T>(run: () => T): Promise<T> {
    const deadline = performance.now() + this.#busyTimeoutMs
    for (;;) {
      try {
        return run()
      } catch (error) {
        if (this.#otherWriters === 0 || !isBusy(error) || performance.now() >= deadline) {
          throw error
        }
      }
      await new Promise((resolve) => setTimeout(resolve, WRITE_RETRY_MS))
      this.#open()
    }
  }
}

/** Short against a compaction's write (20–200 ms), long against a spin. */
const WRITE_RETRY_MS = 3

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

function migrate(db: Database.Database): void {
  const appId = db.pragma('application_id', { simple: true }) as number
  const version = db.pragma('user_version', { simple: true }) as number
  if (appId !== 0 && appId !== SQLITE_APPLICATION_ID) {
    throw new Error(`${db.name} is not a Stretchboard database (application_id ${appId})`)
  }
  if (version > SQLITE_MIGRATIONS.length) {
    // Written by a newer Stretchboard: running old code on it could drop what it added.
    throw new Error(
      `${db.name} has schema version ${version}; this build knows up to ${SQLITE_MIGRATIONS.length}`,
    )
  }
  SQLITE_MIGRATIONS.forEach((step, index) => {
    if (index < version) return
    db.transaction(() => {
      db.exec(step)
      db.pragma(`user_version = ${index + 1}`)
      db.pragma(`application_id = ${SQLITE_APPLICATION_ID}`)
    }).immediate()
  })
}

function prepare(db: Database.Database) {
  return {
    insertBoard: db.prepare(
      `INSERT INTO boards
         (id, title, created_at, edit_token_hash, view_token_hash, facilitate_token_hash)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    getBoard: db.prepare('SELECT * FROM boards WHERE id = ?'),
    boardExists: db.prepare('SELECT 1 FROM boards WHERE id = ?').pluck(),
    setTokens: db.prepare(
      `UPDATE boards SET edit_token_hash = coalesce(?, edit_token_hash),
         view_token_hash = coalesce(?, view_token_hash),
         facilitate_token_hash = coalesce(?, facilitate_token_hash) WHERE id = ?`,
    ),
    setTitle: db.prepare('UPDATE boards SET title = ? WHERE id = ?'),
    // Seqs continue past a snapshot's bound even when compaction deleted every update row.
    lastSeq: db
      .prepare(
        `SELECT max(coalesce((SELECT max(seq) FROM updates WHERE board_id = ?), 0),
                    coalesce((SELECT up_to_seq FROM snapshots WHERE board_id = ?), 0))`,
      )
      .pluck(),
    insertUpdate: db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)'),
    getSnapshot: db.prepare('SELECT data, up_to_seq FROM snapshots WHERE board_id = ?'),
    getSnapshotSeq: db.prepare('SELECT up_to_seq FROM snapshots WHERE board_id = ?'),
    getUpdates: db.prepare('SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq'),
    upsertSnapshot: db.prepare(
      `INSERT INTO snapshots (board_id, data, up_to_seq) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq`,
    ),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
    // length() of a BLOB reads its size from the record header, not its pages.
    storedBytes: db
      .prepare(
        `SELECT coalesce((SELECT sum(length(data)) FROM updates WHERE board_id = ?), 0)
              + coalesce((SELECT length(data) FROM snapshots WHERE board_id = ?), 0)`,
      )
      .pluck(),
    pending: db.prepare(
      `SELECT count(*) AS count, coalesce(sum(length(data)), 0) AS bytes
       FROM updates WHERE board_id = ?`,
    ),
    stats: db.prepare(
      `SELECT (SELECT count(*) FROM boards) AS boards,
              (SELECT count(*) FROM updates) AS updateRows,
              (SELECT coalesce(sum(length(data)), 0) FROM updates)
                + (SELECT coalesce(sum(length(data)), 0) FROM snapshots) AS bytes`,
    ),
  }
}

type Statements = ReturnType<typeof prepare>

function lastSeq(sql: Statements, boardId: string): number {
  return sql.lastSeq.get(boardId, boardId) as number
}

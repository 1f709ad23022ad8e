/**
 * PostgreSQL store for several relay nodes sharing one database (`DATABASE_URL`).
 *
 * Ordering across nodes: an append bumps `boards.last_seq` and inserts the row in one
 * statement, so the board's row lock serializes appends and seqs stay gapless and increasing.
 * Compaction takes a per-board advisory lock for its transaction and only ever moves the
 * snapshot forward, so any number of nodes may run it at once. Durability is PostgreSQL's:
 * with the default `synchronous_commit=on`, "resolved" means flushed to the server's WAL.
 */
import pg from 'pg'
import type { BoardRecord, BoardStore, StoreStats, StoredDoc, TokenHashes } from './store'
import {
  BoardExistsError,
  InvalidStoreInputError,
  StoreClosedError,
  UnknownBoardError,
} from './errors'
import { ADVISORY_LOCK_NAMESPACE, POSTGRES_MIGRATIONS } from './postgres-migrations'
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

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  readonly connectionString: string
  /** Schema holding the tables (created if missing); lets tests and tenants share a database. */
  readonly schema?: string
  readonly maxConnections?: number
  readonly connectTimeoutMs?: number
  /** Shown in pg_stat_activity; give each node its own to tell them apart. */
  readonly applicationName?: string
  /**
   * Errors on idle connections (server restart, network cut). Without a listener `pg` would
   * crash the process; the pool replaces the connection on the next query.
   */
  readonly onConnectionError?: (error: Error) => void
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

export class PostgresStore implements BoardStore {
  #closed = false

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, creates the schema and runs missing migrations; rejects if the server is down. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = options.schema ?? 'public'
    if (!SCHEMA_NAME.test(schema)) {
      throw new InvalidStoreInputError(`schema must match ${SCHEMA_NAME}, got '${schema}'`)
    }
    let url: URL
    try {
      url = new URL(options.connectionString)
    } catch {
      throw new InvalidStoreInputError('DATABASE_URL is not a valid URL')
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new InvalidStoreInputError(
        `DATABASE_URL must start with postgres:// (got ${url.protocol})`,
      )
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      options: `-c search_path=${schema}`,
      application_name: options.applicationName ?? 'stretchboard',
    })
    pool.on('error', options.onConnectionError ?? (() => {}))
    try {
      await migrate(pool, schema)
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PostgresStore(pool)
  }

  async createBoard(record: BoardRecord): Promise<void> {
    const r = checkRecord(record)
    this.#open()
    const result = await this.pool.query({
      name: 'sb_create_board',
      text: `INSERT INTO boards
               (id, title, created_at, edit_token_hash, view_token_hash, facilitate_token_hash)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      values: insertValues(r),
    })
    if (result.rowCount === 0) throw new BoardExistsError(r.id)
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    checkBoardId(id)
    this.#open()
    const result = await this.pool.query<BoardRow>({
      name: 'sb_get_board',
      text: `SELECT id, title, created_at, edit_token_hash, view_token_hash, facilitate_token_hash
             FROM boards WHERE id = $1`,
      values: [id],
    })
    const row = result.rows[0]
    return row ? toRecord(row) : null
  }

  async setTokenHashes(id: string, hashes: TokenHashes): Promise<boolean> {
    checkBoardId(id)
    const h = checkTokenHashes(hashes)
    this.#open()
    const result = await this.pool.query(
      `UPDATE boards SET edit_token_hash = coalesce($2, edit_token_hash),
         view_token_hash = coalesce($3, view_token_hash),
         facilitate_token_hash = coalesce($4, facilitate_token_hash) WHERE id = $1`,
      [id, h.editTokenHash ?? null, h.viewTokenHash ?? null, h.facilitateTokenHash ?? null],
    )
    return result.rowCount === 1
  }

  async setTitle(id: string, title: string): Promise<void> {
    checkBoardId(id)
    checkTitle(title)
    this.#open()
    const result = await this.pool.query('UPDATE boards SET title = $2 WHERE id = $1', [id, title])
    if (result.rowCount === 0) throw new UnknownBoardError(id)
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    checkBoardId(boardId)
    checkUpdate(update)
    this.#open()
    // One statement, so one implicit transaction: the seq bump and the row commit together.
    const result = await this.pool.query<{ seq: string }>({
      name: 'sb_append_update',
      text: `WITH board AS (
               UPDATE boards SET last_seq = last_seq + 1 WHERE id = $1 RETURNING id, last_seq
             )
             INSERT INTO updates (board_id, seq, data) SELECT id, last_seq, $2 FROM board
             RETURNING seq`,
      values: [boardId, toBuffer(update)],
    })
    const row = result.rows[0]
    if (!row) throw new UnknownBoardError(boardId)
    return Number(row.seq)
  }

  async loadDoc(boardId: string): Promise<StoredDoc> {
    checkBoardId(boardId)
    this.#open()
    return this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      // Both reads see one snapshot of the database, so no compaction can fall between them.
      const snap = await client.query<{ data: Buffer; up_to_seq: string }>({
        name: 'sb_load_snapshot',
        text: 'SELECT data, up_to_seq FROM snapshots WHERE board_id = $1',
        values: [boardId],
      })
      const updates = await client.query<{ seq: string; data: Buffer }>({
        name: 'sb_load_updates',
        text: 'SELECT seq, data FROM updates WHERE board_id = $1 ORDER BY seq',
        values: [boardId],
      })
      const snapshot = snap.rows[0]
      const last = updates.rows.at(-1)
      return {
        snapshot: snapshot ? view(snapshot.data) : null,
        updates: updates.rows.map((r) => view(r.data)),
        lastSeq: Number(last?.seq ?? snapshot?.up_to_seq ?? 0),
      }
    })
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    checkBoardId(boardId)
    checkUpdate(snapshot, 'snapshot')
    checkSeq(upToSeq)
    this.#open()
    await this.#transaction('BEGIN', async (client) => {
      // Serializes compactions of this board across every node; appends are not blocked.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        ADVISORY_LOCK_NAMESPACE,
        boardId,
      ])
      const board = await client.query<{ last_seq: string }>(
        'SELECT last_seq FROM boards WHERE id = $1',
        [boardId],
      )
      const row = board.rows[0]
      if (!row) throw new UnknownBoardError(boardId)
      checkCompactionBound(upToSeq, Number(row.last_seq))
      // Only ever moves the snapshot forward: a late, older compaction changes nothing.
      const stored = await client.query(
        `INSERT INTO snapshots (board_id, data, up_to_seq) VALUES ($1, $2, $3)
         ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq
         WHERE snapshots.up_to_seq < excluded.up_to_seq`,
        [boardId, toBuffer(snapshot), upToSeq],
      )
      if (stored.rowCount === 0) return
      await client.query('DELETE FROM updates WHERE board_id = $1 AND seq <= $2', [
        boardId,
        upToSeq,
      ])
    })
  }

  async pendingUpdates(boardId: string): Promise<{ count: number; bytes: number }> {
    checkBoardId(boardId)
    this.#open()
    const result = await this.pool.query<{ count: string; bytes: string }>({
      name: 'sb_pending',
      text: `SELECT count(*) AS count, coalesce(sum(octet_length(data)), 0) AS bytes
             FROM updates WHERE board_id = $1`,
      values: [boardId],
    })
    const row = result.rows[0]
    return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) }
  }

  async stats(): Promise<StoreStats> {
    this.#open()
    const result = await this.pool.query<{ boards: string; update_rows: string; bytes: string }>(
      `SELECT (SELECT count(*) FROM boards) AS boards,
              (SELECT count(*) FROM updates) AS update_rows,
              (SELECT coalesce(sum(octet_length(data)), 0) FROM updates)
                + (SELECT coalesce(sum(octet_length(data)), 0) FROM snapshots) AS bytes`,
    )
    const row = result.rows[0]
    return {
      boards: Number(row?.boards ?? 0),
      updateRows: Number(row?.update_rows ?? 0),
      bytesStored: Number(row?.bytes ?? 0),
    }
  }

  /** Pool figures for /healthz and /metrics. */
  connections(): { total: number; idle: number; waiting: number } {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.pool.end()
  }

  #open(): void {
    if (this.#closed) throw new StoreClosedError()
  }

  async #transaction<T>(begin: string, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    let broken = false
    try {
      await client.query(begin)
      const result = await run(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        // The connection itself failed; it must not go back into the pool.
        broken = true
      })
      throw error
    } finally {
      client.release(broken)
    }
  }
}

async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    // Nodes starting together must not run the same migration twice.
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [ADVISORY_LOCK_NAMESPACE])
    // Look first: CREATE SCHEMA IF NOT EXISTS still demands CREATE on the database, which a
    // least-privilege role given an existing schema (e.g. public) does not have.
    const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])
    if (found.rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`)
    await client.query(
      `CREATE TABLE IF NOT EXISTS stretchboard_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    )
    const done = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM stretchboard_migrations',
    )
    const version = done.rows[0]?.version ?? 0
    if (version > POSTGRES_MIGRATIONS.length) {
      throw new Error(
        `schema '${schema}' is at version ${version}; this build knows up to ${POSTGRES_MIGRATIONS.length}`,
      )
    }
    for (const [index, step] of POSTGRES_MIGRATIONS.entries()) {
      if (index < version) continue
      await client.query(step)
      await client.query('INSERT INTO stretchboard_migrations (version) VALUES ($1)', [index + 1])
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** Zero-copy: pg sends a Buffer parameter as binary. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * Durable storage for boards, behind one interface so SQLite (default), the in-memory double
 * and later PostgreSQL pass the same contract suite (test/server/storage/contract.ts).
 *
 * All methods are async because networked stores are; the SQLite adapter resolves after its
 * transaction commits, so "resolved" always means "durable".
 *
 * Errors (server/storage/errors.ts), the same from every adapter: `UnknownBoardError` from
 * setTitle / appendUpdate / compact on a board nobody created, `BoardExistsError` from
 * createBoard, `InvalidStoreInputError` for malformed arguments (empty update, bad seq),
 * `StoreClosedError` after close. Database failures (disk full, busy) propagate with the
 * driver's `code` (e.g. 'SQLITE_FULL'); nothing is stored when a call rejects.
 */
import type { CompactionResult } from './compaction'
import type { SqliteTarget } from './sqlite-store'

/** What the server knows about a board apart from its Yjs content. Tokens are stored hashed. */
export interface BoardRecord {
  readonly id: string
  readonly title: string
  readonly createdAt: number
  readonly editTokenHash: string
  readonly viewTokenHash: string
  /**
   * The facilitate link's hash (issue 15). Boards created before roles have none (null, as
   * every store reads them back); a caller creating a board may leave it out, which stores null.
   */
  readonly facilitateTokenHash?: string | null
}

/** The hashes a rotation replaces; those left out keep their stored value. */
export interface TokenHashes {
  readonly editTokenHash?: string
  readonly viewTokenHash?: string
  readonly facilitateTokenHash?: string
}

/** A board's persisted Yjs state: an optional compacted snapshot plus the updates after it. */
export interface StoredDoc {
  readonly snapshot: Uint8Array | null
  readonly updates: readonly Uint8Array[]
  /**
   * Sequence number of the last update returned: the bound for `compact`. With no updates
   * after the snapshot it is the snapshot's bound; 0 for a board with nothing stored.
   */
  readonly lastSeq: number
}

/** A stored board as the parts to apply or merge in order: the snapshot first, then updates. */
export function storedParts(stored: Pick<StoredDoc, 'snapshot' | 'updates'>): Uint8Array[] {
  return stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates]
}

export interface StoreStats {
  readonly boards: number
  readonly updateRows: number
  /** Bytes of Yjs data held: update rows plus snapshots. */
  readonly bytesStored: number
}

export interface BoardStore {
  createBoard(record: BoardRecord): Promise<void>
  getBoard(id: string): Promise<BoardRecord | null>
  /**
   * Replaces the given token hashes in one write (rotation, or an operator issuing a facilitate
   * link) and keeps the others. Resolves false when the board is unknown.
   */
  setTokenHashes(id: string, hashes: TokenHashes): Promise<boolean>
  setTitle(id: string, title: string): Promise<void>

  /** Appends one Yjs update; resolves only once it is durable. Returns its sequence number. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>
  loadDoc(boardId: string): Promise<StoredDoc>
  /**
   * Replaces every update with sequence ≤ `upToSeq` by `snapshot` (the merged state of the old
   * snapshot and those updates), atomically. Updates appended meanwhile are kept. A call whose
   * `upToSeq` is not beyond the stored snapshot's is a no-op (a late, older compaction), and
   * one beyond the last appended seq is refused.
   */
  compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>
  /** Count and total size of the updates not yet compacted (drives background compaction). */
  pendingUpdates(boardId: string): Promise<{ readonly count: number; readonly bytes: number }>

  stats(): Promise<StoreStats>
  close(): Promise<void>

  /**
   * Optional (SQLite files): compacts a board of at least `minBytes` through `compactor` on a
   * connection of its own, off the event loop. Resolves null when it cannot; the caller then
   * uses `loadDoc` and `compact`. The contract is `compact`'s.
   */
  compactElsewhere?(
    boardId: string,
    minBytes: number,
    compactor: (target: SqliteTarget) => Promise<CompactionResult | null>,
  ): Promise<CompactionResult | null>

  /**
   * Optional (SQLite files): has `reader` read a board of at least `minBytes` on a connection
   * of its own, off the event loop. Resolves null when it cannot; the caller uses `loadDoc`.
   */
  readElsewhere?<T>(
    boardId: string,
    minBytes: number,
    reader: (target: SqliteTarget) => Promise<T | null>,
  ): Promise<T | null>
}

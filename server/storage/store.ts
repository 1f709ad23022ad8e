/**
 * Durable storage for boards, behind one interface so SQLite (default), the in-memory double
 * and later PostgreSQL pass the same contract suite (test/server/storage/contract.ts).
 *
 * All methods are async because networked stores are; the SQLite adapter resolves after its
 * transaction commits, so "resolved" always means "durable".
 */

/** What the server knows about a board apart from its Yjs content. Tokens are stored hashed. */
export interface BoardRecord {
  readonly id: string
  readonly title: string
  readonly createdAt: number
  readonly editTokenHash: string
  readonly viewTokenHash: string
}

/** A board's persisted Yjs state: an optional compacted snapshot plus the updates after it. */
export interface StoredDoc {
  readonly snapshot: Uint8Array | null
  readonly updates: readonly Uint8Array[]
  /** Sequence number of the last update returned (0 when none): the bound for `compact`. */
  readonly lastSeq: number
}

export interface StoreStats {
  readonly boards: number
  readonly updateRows: number
  readonly bytesStored: number
}

export interface BoardStore {
  createBoard(record: BoardRecord): Promise<void>
  getBoard(id: string): Promise<BoardRecord | null>
  /** Replaces both token hashes at once (rotation). Resolves false when the board is unknown. */
  setTokenHashes(id: string, editTokenHash: string, viewTokenHash: string): Promise<boolean>
  setTitle(id: string, title: string): Promise<void>

  /** Appends one Yjs update; resolves only once it is durable. Returns its sequence number. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>
  loadDoc(boardId: string): Promise<StoredDoc>
  /**
   * Replaces every update with sequence ≤ `upToSeq` by `snapshot` (the merged state of the old
   * snapshot and those updates), atomically. Updates appended meanwhile are kept.
   */
  compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>
  /** Count and total size of the updates not yet compacted (drives background compaction). */
  pendingUpdates(boardId: string): Promise<{ readonly count: number; readonly bytes: number }>

  stats(): Promise<StoreStats>
  close(): Promise<void>
}

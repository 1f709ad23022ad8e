/**
 * The in-memory double of BoardStore for tests and throwaway servers. It keeps the same rules
 * as the durable adapters (copies bytes in and out, rejects unknown boards, stale compactions
 * are no-ops) so a test passing against it means something for SQLite and PostgreSQL too.
 */
import type { BoardRecord, BoardStore, StoreStats, StoredDoc, TokenHashes } from './store'
import { BoardExistsError, StoreClosedError, UnknownBoardError } from './errors'
import {
  checkBoardId,
  checkCompactionBound,
  checkRecord,
  checkSeq,
  checkTitle,
  checkTokenHashes,
  checkUpdate,
  copyBytes,
} from './validate'

interface BoardData {
  record: BoardRecord
  snapshot: { readonly data: Uint8Array; readonly upToSeq: number } | null
  updates: { readonly seq: number; readonly data: Uint8Array }[]
  /** Highest seq ever handed out, so seqs never repeat after compaction empties `updates`. */
  lastSeq: number
}

/**
 * What a MemoryStore keeps. Pass the same instance to a second MemoryStore to simulate a
 * process restart over the same "disk" (the contract suite's reopen test does this).
 */
export class MemoryStoreData {
  readonly boards = new Map<string, BoardData>()
}

export class MemoryStore implements BoardStore {
  #closed = false

  constructor(private readonly data: MemoryStoreData = new MemoryStoreData()) {}

  async createBoard(record: BoardRecord): Promise<void> {
    const checked = checkRecord(record)
    this.#open()
    if (this.data.boards.has(checked.id)) throw new BoardExistsError(checked.id)
    this.data.boards.set(checked.id, { record: checked, snapshot: null, updates: [], lastSeq: 0 })
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    checkBoardId(id)
    this.#open()
    return this.data.boards.get(id)?.record ?? null
  }

  async setTokenHashes(id: string, hashes: TokenHashes): Promise<boolean> {
    checkBoardId(id)
    const checked = checkTokenHashes(hashes)
    this.#open()
    const board = this.data.boards.get(id)
    if (!board) return false
    board.record = { ...board.record, ...checked }
    return true
  }

  async setTitle(id: string, title: string): Promise<void> {
    checkBoardId(id)
    checkTitle(title)
    this.#open()
    const board = this.#board(id)
    board.record = { ...board.record, title }
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    checkBoardId(boardId)
    checkUpdate(update)
    this.#open()
    const board = this.#board(boardId)
    const seq = board.lastSeq + 1
    board.updates.push({ seq, data: copyBytes(update) })
    board.lastSeq = seq
    return seq
  }

  async loadDoc(boardId: string): Promise<StoredDoc> {
    checkBoardId(boardId)
    this.#open()
    const board = this.data.boards.get(boardId)
    if (!board) return { snapshot: null, updates: [], lastSeq: 0 }
    const last = board.updates.at(-1)
    return {
      snapshot: board.snapshot ? copyBytes(board.snapshot.data) : null,
      updates: board.updates.map((u) => copyBytes(u.data)),
      lastSeq: last?.seq ?? board.snapshot?.upToSeq ?? 0,
    }
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    checkBoardId(boardId)
    checkUpdate(snapshot, 'snapshot')
    checkSeq(upToSeq)
    this.#open()
    const board = this.#board(boardId)
    checkCompactionBound(upToSeq, board.lastSeq)
    // An older compaction finishing late must not replace a newer snapshot.
    if (upToSeq <= (board.snapshot?.upToSeq ?? 0)) return
    board.snapshot = { data: copyBytes(snapshot), upToSeq }
    board.updates = board.updates.filter((u) => u.seq > upToSeq)
  }

  async pendingUpdates(boardId: string): Promise<{ count: number; bytes: number }> {
    checkBoardId(boardId)
    this.#open()
    const updates = this.data.boards.get(boardId)?.updates ?? []
    return { count: updates.length, bytes: updates.reduce((n, u) => n + u.data.byteLength, 0) }
  }

  async stats(): Promise<StoreStats> {
    this.#open()
    let updateRows = 0
    let bytesStored = 0
    for (const board of this.data.boards.values()) {
      updateRows += board.updates.length
      bytesStored += board.snapshot?.data.byteLength ?? 0
      for (const u of board.updates) bytesStored += u.data.byteLength
    }
    return { boards: this.data.boards.size, updateRows, bytesStored }
  }

  async close(): Promise<void> {
    this.#closed = true
  }

  #open(): void {
    if (this.#closed) throw new StoreClosedError()
  }

  #board(id: string): BoardData {
    const board = this.data.boards.get(id)
    if (!board) throw new UnknownBoardError(id)
    return board
  }
}

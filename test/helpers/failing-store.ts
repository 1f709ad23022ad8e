/**
 * A BoardStore wrapper for fault tests: switch it to fail the way SQLite does when the disk is
 * full or the database is locked, then heal it, and check the relay loses nothing meanwhile.
 *
 * @example
 * const store = new FailingStore(new MemoryStore())
 * store.failWith('SQLITE_FULL', { methods: ['appendUpdate'] })
 * // … drive the relay, expect retries and a metric …
 * store.heal()
 *
 * store.hold({ methods: ['appendUpdate'] }) // a slow disk: appends wait …
 * store.release() // … until now
 */
import type {
  BoardRecord,
  BoardStore,
  StoreStats,
  StoredDoc,
  TokenHashes,
} from '../../server/storage/store'

export type StoreMethod = Exclude<keyof BoardStore, 'close'>

/** Codes as better-sqlite3's SqliteError carries them, so handlers written for it match. */
export const INJECTED_FAULTS = {
  SQLITE_FULL: 'database or disk is full',
  SQLITE_BUSY: 'database is locked',
  SQLITE_IOERR: 'disk I/O error',
} as const
export type FaultCode = keyof typeof INJECTED_FAULTS

export class InjectedStorageError extends Error {
  override readonly name = 'InjectedStorageError'
  constructor(
    readonly code: FaultCode,
    readonly method: StoreMethod,
  ) {
    super(`${INJECTED_FAULTS[code]} (injected into ${method})`)
  }
}

export interface FaultOptions {
  /** Which calls fail; all but `close` when omitted. */
  readonly methods?: readonly StoreMethod[]
  /**
   * 'before' (default): the call fails without touching the inner store.
   * 'after': the inner call succeeds, then the error is reported: an ambiguous commit, as when
   * a connection drops after the database committed.
   */
  readonly when?: 'before' | 'after'
  /** Fail only this many matching calls, then heal by itself. */
  readonly times?: number
}

interface Fault {
  readonly code: FaultCode
  readonly methods: ReadonlySet<StoreMethod> | null
  readonly when: 'before' | 'after'
  remaining: number
}

export class FailingStore implements BoardStore {
  #fault: Fault | null = null
  #injected = 0
  #gate: {
    promise: Promise<void>
    open: () => void
    methods: ReadonlySet<StoreMethod> | null
  } | null = null
  #held = 0

  constructor(readonly inner: BoardStore) {}

  failWith(code: FaultCode, options: FaultOptions = {}): void {
    this.#fault = {
      code,
      methods: options.methods ? new Set(options.methods) : null,
      when: options.when ?? 'before',
      remaining: options.times ?? Number.POSITIVE_INFINITY,
    }
  }

  heal(): void {
    this.#fault = null
  }

  /**
   * Makes the chosen calls (all but `close` by default) wait until `release()`, like a slow
   * disk: lets a relay test check that nothing is broadcast before its append is durable.
   */
  hold(options: { readonly methods?: readonly StoreMethod[] } = {}): void {
    if (this.#gate) return
    let open = () => {}
    const promise = new Promise<void>((resolve) => (open = resolve))
    this.#gate = { promise, open, methods: options.methods ? new Set(options.methods) : null }
  }

  release(): void {
    this.#gate?.open()
    this.#gate = null
  }

  /** Calls currently waiting on `hold()`. */
  get heldCalls(): number {
    return this.#held
  }

  /** How many calls have failed on purpose so far. */
  get injectedFailures(): number {
    return this.#injected
  }

  createBoard(record: BoardRecord): Promise<void> {
    return this.#call('createBoard', () => this.inner.createBoard(record))
  }
  getBoard(id: string): Promise<BoardRecord | null> {
    return this.#call('getBoard', () => this.inner.getBoard(id))
  }
  setTokenHashes(id: string, hashes: TokenHashes): Promise<boolean> {
    return this.#call('setTokenHashes', () => this.inner.setTokenHashes(id, hashes))
  }
  setTitle(id: string, title: string): Promise<void> {
    return this.#call('setTitle', () => this.inner.setTitle(id, title))
  }
  appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    return this.#call('appendUpdate', () => this.inner.appendUpdate(boardId, update))
  }
  loadDoc(boardId: string): Promise<StoredDoc> {
    return this.#call('loadDoc', () => this.inner.loadDoc(boardId))
  }
  compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    return this.#call('compact', () => this.inner.compact(boardId, snapshot, upToSeq))
  }
  pendingUpdates(boardId: string): Promise<{ count: number; bytes: number }> {
    return this.#call('pendingUpdates', () => this.inner.pendingUpdates(boardId))
  }
  stats(): Promise<StoreStats> {
    return this.#call('stats', () => this.inner.stats())
  }
  close(): Promise<void> {
    return this.inner.close()
  }

  async #call<T>(method: StoreMethod, run: () => Promise<T>): Promise<T> {
    const gate = this.#gate
    if (gate && (!gate.methods || gate.methods.has(method))) {
      this.#held += 1
      await gate.promise.finally(() => (this.#held -= 1))
    }
    const fault = this.#take(method)
    if (fault?.when === 'before') throw this.#error(fault, method)
    const result = await run()
    if (fault) throw this.#error(fault, method)
    return result
  }

  /** Decides at call time, so a heal() during a slow call does not change its outcome. */
  #take(method: StoreMethod): Fault | null {
    const fault = this.#fault
    if (!fault || (fault.methods && !fault.methods.has(method))) return null
    fault.remaining -= 1
    if (fault.remaining <= 0) this.#fault = null
    return fault
  }

  #error(fault: Fault, method: StoreMethod): InjectedStorageError {
    this.#injected += 1
    return new InjectedStorageError(fault.code, method)
  }
}

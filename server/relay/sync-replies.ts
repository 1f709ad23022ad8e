/**
 * Answers to sync step 1. A big board's first-time joiners (their state vector knows nothing
 * the doc holds) share one encoding of the full state plus the updates emitted since, instead
 * of each re-encoding the whole document on the event loop (16k notes: ≈240 ms each; 20
 * joiners of a 50k-note board cost 7.4 s of relay CPU). Small boards encode in a few
 * milliseconds and are not worth the memory.
 */
import type { BoardStore } from '../storage/store'
import * as Y from 'yjs'
import { OFF_THREAD_MIN_BYTES, readMerged, type StateLoader } from '../storage/off-thread-load'
import { DeleteSetCache } from './delete-set-cache'
import {
  encodeSyncStep2,
  encodeSyncStep2FromUpdate,
  encodeUpdate,
  SYNC_STEP_2_HEADER,
} from './protocol'

/** Boards from this size keep their full-state reply (off-thread-load.ts' threshold too). */
export const FULL_STATE_CACHE_MIN_BYTES = OFF_THREAD_MIN_BYTES

/** The whole state (as a sync step 2 once someone asked) and the updates emitted since. */
interface FullState {
  /** Null when the state came from storage already framed as the message. */
  readonly state: Uint8Array | null
  message: Uint8Array | null
  readonly bytes: number
  since: Uint8Array[]
  sinceBytes: number
}

/**
 * The board's stored rows merged into one update and framed as a sync step 2 (off the event
 * loop), once everything the doc has applied is stored; null when that cannot be had
 * (storage failing).
 */
export type StoredState = () => Promise<Uint8Array | null>

/** How long a full-state reply waits for storage before encoding the doc itself. */
const STORED_STATE_WAIT_MS = 5_000

/** A room's StoredState: its rows once everything it applied is durable (readMerged). */
export function storedState(
  store: Pick<BoardStore, 'loadDoc' | 'readElsewhere'>,
  loader: StateLoader,
  boardId: string,
  durable: (timeoutMs: number) => Promise<boolean>,
): StoredState {
  return async () => {
    if (!(await durable(STORED_STATE_WAIT_MS))) return null
    return readMerged(store, loader, boardId, SYNC_STEP_2_HEADER)
  }
}

export class SyncReplies {
  #full: FullState | null = null
  /** Made when a big board first answers a step 1 that knows it (delete-set-cache.ts). */
  #deletes: DeleteSetCache | null = null
  /** A full state being built from storage, and the updates the doc emitted meanwhile. */
  #building: Promise<FullState> | null = null
  #recording: Uint8Array[] | null = null
  #stored: StoredState | null

  constructor(
    private readonly doc: Y.Doc,
    stored?: StoredState,
  ) {
    this.#stored = stored ?? null
  }

  /** Storage no longer mirrors the doc (a row failed to load): encode from the doc instead. */
  distrustStorage(): void {
    this.#stored = null
  }

  /**
   * Seeds the cache with a full state someone already encoded (the off-thread loader). Framed
   * as a message only when first asked for: copying 6 MB was 62 ms of a load's last turn.
   */
  seed(full: Uint8Array): void {
    this.#full = { state: full, message: null, bytes: full.byteLength, since: [], sinceBytes: 0 }
  }

  /** Keeps the cache in step with the doc: every update it emits follows the cached state. */
  updated(update: Uint8Array): void {
    this.#recording?.push(update)
    const cached = this.#full
    if (cached === null) return
    cached.since.push(update)
    cached.sinceBytes += update.byteLength
    // Past a quarter of the state, re-encoding once beats sending this much twice.
    if (cached.sinceBytes > cached.bytes / 4) this.#full = null
  }

  /** Whether `known` shares no client with a big board: the answer is its whole state. */
  wantsEverything(known: Map<number, number>, sizeBytes: number): boolean {
    if (sizeBytes < FULL_STATE_CACHE_MIN_BYTES) return false
    for (const client of known.keys()) if (this.doc.store.clients.has(client)) return false
    return true
  }

  /**
   * The messages answering `stateVector` (validated: `known` is its decoding). A vector that
   * shares no client with the doc (empty, or bogus ids from a hostile view link) gets the full
   * state, from the cache on big boards. A big board's other answers take its delete set from
   * a cache built with the event loop free (delete-set-cache.ts): a promise while it builds.
   */
  reply(
    stateVector: Uint8Array,
    known: Map<number, number>,
    sizeBytes: number,
  ): Uint8Array[] | Promise<Uint8Array[]> {
    if (sizeBytes < FULL_STATE_CACHE_MIN_BYTES) return [encodeSyncStep2(this.doc, stateVector)]
    if (!this.wantsEverything(known, sizeBytes)) {
      const deletes = (this.#deletes ??= new DeleteSetCache(this.doc))
      const answer = () => [encodeSyncStep2FromUpdate(deletes.stateAsUpdate(stateVector, known))]
      return deletes.ready ? answer() : deletes.build().then(answer)
    }
    if (this.#full !== null) return this.#answer(this.#full)
    if (this.#stored === null) return this.#answer((this.#full = this.#encodeFull()))
    const building = (this.#building ??= this.#buildFromStore(this.#stored))
    return building.then((full) => this.#answer(full))
  }

  #answer(cached: FullState): Uint8Array[] {
    const message = (cached.message ??= encodeSyncStep2FromUpdate(cached.state ?? new Uint8Array()))
    if (cached.since.length === 0) return [message]
    // Folded once, so the next joiner reuses it.
    if (cached.since.length > 1) cached.since = [Y.mergeUpdates(cached.since)]
    return [message, encodeUpdate(cached.since[0]!)]
  }

  #encodeFull(): FullState {
    const state = Y.encodeStateAsUpdate(this.doc)
    return { state, message: null, bytes: state.byteLength, since: [], sinceBytes: 0 }
  }

  /**
   * The full state from the stored rows, read and merged off the event loop: encoding a 6 MB
   * doc here took 0.35–0.51 s (reliability.md, finding 2). What the doc emits from the moment
   * the read is asked for is recorded and sent after it; an update in both is harmless (Yjs
   * applies it once). Storage that cannot answer falls back to encoding the doc.
   */
  async #buildFromStore(stored: StoredState): Promise<FullState> {
    const since: Uint8Array[] = []
    this.#recording = since
    let message: Uint8Array | null
    try {
      message = await stored()
    } catch {
      message = null
    } finally {
      this.#recording = null
      this.#building = null
    }
    const sinceBytes = since.reduce((n, update) => n + update.byteLength, 0)
    const full: FullState =
      message === null
        ? this.#encodeFull()
        : { state: null, message, bytes: message.byteLength, since, sinceBytes }
    this.#full = full
    return full
  }
}

/**
 * Loads and compacts big boards without blocking the event loop. One worker thread
 * (load-worker.ts) rebuilds the stored state and either cuts it into small causal pieces
 * (state-pieces.ts) for the room to apply with a yield between each, or re-encodes it as one
 * compacted snapshot. Every other board on the node keeps running meanwhile: a 16k-note board
 * that blocked the loop for ≈430 ms in one `Y.applyUpdate` now blocks it ≈20 ms at a time.
 *
 * Small boards skip all this (a worker round trip costs more than applying them). If the
 * worker cannot start or dies, the work runs in this thread as before: slower for others,
 * never lost.
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../log'
import { mergeInThread, mergeParts, type CompactionResult } from './compaction'
import { frameBytes } from './frame'
import { storedParts, type BoardStore } from './store'
import type { SqliteTarget } from './sqlite-store'
import { DEFAULT_PIECE_STRUCTS } from './state-pieces'

export type WorkerRequest =
  | {
      readonly id: number
      readonly kind: 'split'
      readonly parts: Uint8Array[]
      readonly maxStructs: number
    }
  | { readonly id: number; readonly kind: 'compact'; readonly parts: Uint8Array[] }
  | { readonly id: number; readonly kind: 'merge'; readonly parts: Uint8Array[] }
  | {
      readonly id: number
      readonly kind: 'merge-stored'
      readonly target: SqliteTarget
      readonly boardId: string
      readonly header: readonly number[] | null
    }
  | {
      readonly id: number
      readonly kind: 'compact-stored'
      readonly target: SqliteTarget
      readonly boardId: string
    }

export type WorkerReply =
  | {
      readonly id: number
      readonly ok: true
      readonly result: Uint8Array[]
      readonly skipped: number
      /** A compact-stored request's outcome (the worker wrote the snapshot itself). */
      readonly compaction?: CompactionResult
      /** A split's board holds types nested past the schema (the room prunes them). */
      readonly deep?: boolean
    }
  | { readonly id: number; readonly ok: false; readonly error: string }

/** An idle worker is stopped after this long, returning its memory. */
export const WORKER_IDLE_MS = 30_000

/** Below this many stored bytes a board is applied directly (≈ 50 ms at most). */
export const OFF_THREAD_MIN_BYTES = 512 * 1024

export interface LoadPieces {
  /** Updates to apply in order, yielding between them. */
  readonly pieces: Uint8Array[]
  /**
   * The whole state as one update, when the worker built it: first-time joiners get it
   * without the room encoding a big doc on the event loop.
   */
  readonly full?: Uint8Array | undefined
  /** Stored parts that could not be applied (corrupt rows), already left out. */
  readonly skipped: number
  /** False when the worker found no type nested past the schema (nothing to prune). */
  readonly deep?: boolean | undefined
}

/** What rooms and compaction need; `InThreadLoader` is the fallback and the test double. */
export interface StateLoader {
  pieces(parts: readonly Uint8Array[]): Promise<LoadPieces>
  /** The merged, garbage-collected state of `parts` (a compaction snapshot). */
  compact(parts: readonly Uint8Array[]): Promise<Uint8Array>
  /**
   * The stored parts as one update, everything kept (`Y.mergeUpdates`, no doc, no GC): the
   * backup download and a big board's first full-state reply. Throws on a corrupt part.
   */
  merge(parts: readonly Uint8Array[]): Promise<Uint8Array>
  /**
   * Reads a board from a SQLite file on the worker's own connection and merges it there;
   * with `header`, frames the result (frame.ts) so the caller gets a message ready to send.
   * Null when the worker is unavailable.
   */
  mergeStored?(
    target: SqliteTarget,
    boardId: string,
    header: readonly number[] | null,
  ): Promise<Uint8Array | null>
  /**
   * Compacts a board in a SQLite file on a connection of the worker's own: it reads the rows,
   * merges them and writes the snapshot, and only the outcome comes back. Null when the
   * worker is unavailable.
   */
  compactStored?(target: SqliteTarget, boardId: string): Promise<CompactionResult | null>
  close(): Promise<void>
}

/** Applies nothing itself: hands the stored parts back for the room to apply as they are. */
export class InThreadLoader implements StateLoader {
  pieces(parts: readonly Uint8Array[]): Promise<LoadPieces> {
    return Promise.resolve({ pieces: [...parts], skipped: 0 })
  }

  compact(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    return mergeInThread(parts)
  }

  merge(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    try {
      return Promise.resolve(mergeParts(parts))
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}

interface Pending {
  readonly resolve: (reply: WorkerReply) => void
  readonly reject: (error: Error) => void
}

/**
 * The worker runs TypeScript. Worker threads do not inherit the loader hooks `npm start`
 * registers, and `--import` in a worker's execArgv is ignored, so a small bootstrap registers
 * tsx inside the worker before importing it.
 */
function startWorker(): Worker {
  // The ESM build of tsx's API: its CommonJS build resolves its hooks from the wrong folder.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href
  const entry = new URL('./load-worker.ts', import.meta.url).href
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(bootstrap, { eval: true })
}

export class WorkerLoader implements StateLoader {
  readonly #fallback = new InThreadLoader()
  readonly #pending = new Map<number, Pending>()
  #worker: Worker | null = null
  #broken = false
  #replied = false
  #idleTimer: ReturnType<typeof setTimeout> | null = null
  #nextId = 1

  constructor(
    private readonly logger: Logger,
    private readonly maxStructs = DEFAULT_PIECE_STRUCTS,
  ) {}

  async pieces(parts: readonly Uint8Array[]): Promise<LoadPieces> {
    if (totalBytes(parts) < OFF_THREAD_MIN_BYTES) return this.#fallback.pieces(parts)
    const reply = await this.#ask((id) => ({
      id,
      kind: 'split',
      parts: [...parts],
      maxStructs: this.maxStructs,
    }))
    if (reply === null) return this.#fallback.pieces(parts)
    // The worker appends the full state after the pieces.
    const full = reply.result.at(-1)
    return { pieces: reply.result.slice(0, -1), skipped: reply.skipped, full, deep: reply.deep }
  }

  async compact(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    if (totalBytes(parts) >= OFF_THREAD_MIN_BYTES) {
      const reply = await this.#ask((id) => ({ id, kind: 'compact', parts: [...parts] }))
      const [snapshot] = reply?.result ?? []
      // A corrupt row makes compaction fail (the rows stay for an operator), as in-thread.
      if (reply !== null && reply.skipped > 0)
        throw new Error('a stored update could not be applied')
      if (snapshot !== undefined) return snapshot
    }
    return this.#fallback.compact(parts)
  }

  /**
   * Merged in the worker from 512 KiB: `Y.mergeUpdates` of a 10 MB board's rows took turns of
   * 0.5–1.7 s on the event loop (reliability.md, finding 7).
   */
  async merge(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    if (parts.length > 1 && totalBytes(parts) >= OFF_THREAD_MIN_BYTES) {
      const reply = await this.#ask((id) => ({ id, kind: 'merge', parts: [...parts] }))
      const [merged] = reply?.result ?? []
      if (merged !== undefined) return merged
    }
    return this.#fallback.merge(parts)
  }

  async mergeStored(
    target: SqliteTarget,
    boardId: string,
    header: readonly number[] | null,
  ): Promise<Uint8Array | null> {
    const reply = await this.#ask((id) => ({ id, kind: 'merge-stored', target, boardId, header }))
    return reply?.result[0] ?? null
  }

  async compactStored(target: SqliteTarget, boardId: string): Promise<CompactionResult | null> {
    const reply = await this.#ask((id) => ({ id, kind: 'compact-stored', target, boardId }))
    return reply?.compaction ?? null
  }

  async close(): Promise<void> {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer)
    const worker = this.#worker
    this.#worker = null
    this.#broken = true
    this.#failAll(new Error('loader closed'))
    await worker?.terminate()
  }

  /** Resolves null when the worker is unavailable (the caller then works in-thread). */
  async #ask(
    request: (id: number) => WorkerRequest,
  ): Promise<Extract<WorkerReply, { ok: true }> | null> {
    const worker = this.#start()
    if (worker === null) return null
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer)
    this.#idleTimer = null
    const id = this.#nextId++
    let reply: WorkerReply
    try {
      reply = await new Promise<WorkerReply>((resolve, reject) => {
        this.#pending.set(id, { resolve, reject })
        // Held only while it works: an idle worker must not keep a finished process alive.
        worker.ref()
        worker.postMessage(request(id))
      })
    } catch (error) {
      this.logger.warn({ err: error }, 'load worker failed; loading in the main thread')
      return null
    }
    if (!reply.ok) throw new Error(reply.error)
    return reply
  }

  #start(): Worker | null {
    if (this.#worker !== null || this.#broken) return this.#worker
    try {
      const worker = startWorker()
      worker.unref()
      worker.on('message', (reply: WorkerReply) => {
        this.#replied = true
        const pending = this.#pending.get(reply.id)
        this.#pending.delete(reply.id)
        if (this.#pending.size === 0) {
          worker.unref()
          this.#stopWhenIdle(worker)
        }
        pending?.resolve(reply)
      })
      worker.on('error', (error) => this.#lost(worker, error))
      worker.on('exit', (code) => this.#lost(worker, new Error(`load worker exited (${code})`)))
      this.#worker = worker
      return worker
    } catch (error) {
      this.#broken = true
      this.logger.warn(
        { err: error },
        'load worker unavailable; big boards load in the main thread',
      )
      return null
    }
  }

  /**
   * A worker that rebuilt a 50k-note board keeps that heap (≈400 MB RSS) until it exits: stop
   * it once nothing has needed it for a while; the next big load starts a new one (≈0.2 s).
   */
  #stopWhenIdle(worker: Worker): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer)
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null
      if (this.#worker !== worker || this.#pending.size > 0) return
      this.#worker = null
      void worker.terminate()
    }, WORKER_IDLE_MS)
    this.#idleTimer.unref()
  }

  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return
    this.#worker = null
    // A worker that never answered will not start next time either (tsx missing, say):
    // stop trying. One that crashed mid-way is started again on the next big load. What was
    // in flight is redone in-thread.
    if (!this.#replied) {
      this.#broken = true
      this.logger.warn(
        { err: error },
        'load worker unavailable; big boards load in the main thread',
      )
    }
    this.#failAll(error)
  }

  #failAll(error: Error): void {
    const pending = [...this.#pending.values()]
    this.#pending.clear()
    for (const p of pending) p.reject(error)
  }
}

function totalBytes(parts: readonly Uint8Array[]): number {
  let bytes = 0
  for (const part of parts) bytes += part.byteLength
  return bytes
}

/**
 * A board's stored parts merged into one update, framed behind `header` when given (frame.ts).
 * On a SQLite file a big board is read and merged by the worker on its own connection (reading
 * 6 MB of rows on the event loop held it 80 ms, merging 10 MB 0.5–1.7 s); elsewhere the rows
 * are read here and merged by the loader.
 */
export async function readMerged(
  store: Pick<BoardStore, 'loadDoc' | 'readElsewhere'>,
  loader: StateLoader,
  boardId: string,
  header: readonly number[] | null,
): Promise<Uint8Array> {
  const { mergeStored } = loader
  if (store.readElsewhere !== undefined && mergeStored !== undefined) {
    const merged = await store.readElsewhere(boardId, OFF_THREAD_MIN_BYTES, (target) =>
      mergeStored.call(loader, target, boardId, header),
    )
    if (merged !== null) return merged
  }
  const merged = await loader.merge(storedParts(await store.loadDoc(boardId)))
  return header === null ? merged : frameBytes(header, merged)
}

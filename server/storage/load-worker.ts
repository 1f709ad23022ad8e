/**
 * Worker thread for server/storage/off-thread-load.ts: the CPU-heavy half of loading and
 * compacting a big board, away from the event loop every board on the node shares. Loads take
 * and give plain bytes; a stored compaction opens the SQLite file on a connection of this
 * thread's own and writes the snapshot itself, so the rows never cross to the main thread.
 */
import { storedParts } from './store'
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
import { pruneDeepTypes } from '../../core/sync/index'
import { compactBoard, mergeParts } from './compaction'
import { frameBytes } from './frame'
import { SqliteStore, type SqliteTarget } from './sqlite-store'
import { splitState } from './state-pieces'
import type { WorkerReply, WorkerRequest } from './off-thread-load'

function rebuild(parts: readonly Uint8Array[]): { doc: Y.Doc; skipped: number } {
  const doc = new Y.Doc({ gc: true })
  let skipped = 0
  for (const part of parts) {
    try {
      Y.applyUpdate(doc, part)
    } catch {
      // The room logs it; a corrupt row must not stop the rest of the board loading.
      skipped++
    }
  }
  return { doc, skipped }
}

/** One connection per file for the worker's life (it exits when idle, closing them). */
const stores = new Map<string, SqliteStore>()

function storeFor(target: SqliteTarget): SqliteStore {
  let store = stores.get(target.file)
  if (store === undefined) {
    store = new SqliteStore(target.file, target.options)
    stores.set(target.file, store)
  }
  return store
}

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  if (request.kind === 'compact-stored') {
    // A corrupt row makes compactBoard throw before it writes: the rows stay, as in-thread.
    const compaction = await compactBoard(storeFor(request.target), request.boardId)
    return { id: request.id, ok: true, result: [], skipped: 0, compaction }
  }
  if (request.kind === 'merge-stored') {
    const stored = await storeFor(request.target).loadDoc(request.boardId)
    const merged = mergeParts(storedParts(stored))
    const result = request.header === null ? merged : frameBytes(request.header, merged)
    return { id: request.id, ok: true, result: [result], skipped: 0 }
  }
  if (request.kind === 'merge') {
    return { id: request.id, ok: true, result: [mergeParts(request.parts)], skipped: 0 }
  }
  const { doc, skipped } = rebuild(request.parts)
  if (request.kind === 'compact') {
    const result = [Y.encodeStateAsUpdate(doc)]
    doc.destroy()
    return { id: request.id, ok: true, result, skipped }
  }
  // A split also returns the whole state last (the room's reply to first-time joiners), and
  // whether the room must prune deep types: a pass over every struct (33 ms on 6 MB) the
  // room's last load turn skips when the answer is no. Pruning this copy comes last.
  const result = [...splitState(doc, request.maxStructs), Y.encodeStateAsUpdate(doc)]
  const deep = pruneDeepTypes(doc, 'load-worker') > 0
  doc.destroy()
  return { id: request.id, ok: true, result, skipped, deep }
}

parentPort?.on('message', (request: WorkerRequest) => {
  void answer(request)
    .catch((error: unknown): WorkerReply => ({ id: request.id, ok: false, error: String(error) }))
    .then((reply) => {
      const transfer = reply.ok ? reply.result.map((bytes) => bytes.buffer as ArrayBuffer) : []
      parentPort?.postMessage(reply, transfer)
    })
})

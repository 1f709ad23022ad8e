/**
 * Worker thread for server/storage/off-thread-load.ts: the CPU-heavy half of loading and
 * compacting a big board, away from the event loop every board on the node shares. Input and
 * output are plain bytes; nothing here touches storage or sockets.
 */
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
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

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply
  try {
    const { doc, skipped } = rebuild(request.parts)
    // A split also returns the whole state last (the room's reply to first-time joiners).
    const result =
      request.kind === 'split'
        ? [...splitState(doc, request.maxStructs), Y.encodeStateAsUpdate(doc)]
        : [Y.encodeStateAsUpdate(doc)]
    doc.destroy()
    reply = { id: request.id, ok: true, result, skipped }
  } catch (error) {
    reply = { id: request.id, ok: false, error: String(error) }
  }
  const transfer = reply.ok ? reply.result.map((bytes) => bytes.buffer as ArrayBuffer) : []
  parentPort?.postMessage(reply, transfer)
})

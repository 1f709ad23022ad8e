/**
 * The relay's storage status (message 100, docs/server.md): `[100, saved: 0 | 1, unsaved]`,
 * sent when a board's storage starts or stops failing, and at join while it fails. Without it
 * the status chip could say "saved to the server" while the server held the changes only in
 * memory, retrying a failing disk.
 */
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'

export const messageStorageStatus = 100

export interface ServerStorage {
  /** False while the server cannot store this board's changes (it keeps retrying). */
  readonly saved: boolean
  /** Changes the server holds in memory only. */
  readonly unsaved: number
}

export const STORAGE_OK: ServerStorage = { saved: true, unsaved: 0 }

/** Reads the body of a message 100 (after its type); null when it is not one we understand. */
export function readStorageStatus(decoder: decoding.Decoder): ServerStorage | null {
  try {
    const saved = decoding.readVarUint(decoder)
    const unsaved = decoding.readVarUint(decoder)
    if (saved > 1) return null
    return { saved: saved === 1, unsaved: saved === 1 ? 0 : unsaved }
  } catch (_error) {
    return null
  }
}

type Handler = WebsocketProvider['messageHandlers'][number]

/** Registers the provider's handler for message 100; returns how to remove it. */
export function watchStorageStatus(
  provider: WebsocketProvider,
  onChange: (storage: ServerStorage) => void,
): () => void {
  const handler: Handler = (_encoder, decoder) => {
    const storage = readStorageStatus(decoder)
    if (storage !== null) onChange(storage)
  }
  provider.messageHandlers[messageStorageStatus] = handler
  return () => {
    if (provider.messageHandlers[messageStorageStatus] === handler) {
      delete provider.messageHandlers[messageStorageStatus]
    }
  }
}

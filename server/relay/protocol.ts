/**
 * The y-websocket wire protocol (the same message numbers as the stock provider) plus one
 * server-only message that tells clients whether their edits are saved. Encoders only: decoding
 * untrusted input lives in connection.ts and awareness-guard.ts, inside try/catch.
 */
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { frameBytes } from '../storage/frame'

export const messageSync = 0
export const messageAwareness = 1
export const messageAuth = 2
export const messageQueryAwareness = 3
/**
 * Server → client only: `[100, saved: 0 | 1, unsavedUpdates: varUint]`. Sent when a board's
 * storage state changes (and on connect while unsaved). The stock provider logs "Unable to
 * compute message" for it and carries on; our client registers a handler
 * (`provider.messageHandlers[100]`). See docs/server.md.
 */
export const messageStorageStatus = 100

/** WebSocket close codes used by the relay (docs/server.md lists them with their meaning). */
export const CloseCode = {
  normal: 1000,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  /** Token rotated or revoked: the stock provider does not reconnect on 44xx. */
  tokenRevoked: 4401,
  /** Board past the size cap (board-size.ts); 44xx so the stock provider stops retrying. */
  boardTooLarge: 4413,
} as const

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Sync step 2 carrying what `doc` has beyond `stateVector` (which must be validated V1 bytes). */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

/** What precedes an update's length in a sync step 2 (the load worker frames replies too). */
export const SYNC_STEP_2_HEADER: readonly number[] = [messageSync, syncProtocol.messageYjsSyncStep2]

/** Sync step 2 carrying a whole stored state as it is (no doc needed). */
export function encodeSyncStep2FromUpdate(update: Uint8Array): Uint8Array {
  return frameBytes(SYNC_STEP_2_HEADER, update)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

export function encodeStorageStatus(saved: boolean, unsavedUpdates: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageStorageStatus)
  encoding.writeVarUint(encoder, saved ? 1 : 0)
  encoding.writeVarUint(encoder, unsavedUpdates)
  return encoding.toUint8Array(encoder)
}

/**
 * The board as a file: the whole document as one Yjs update (`Y.encodeStateAsUpdate`), the same
 * bytes as the server's `GET /api/boards/:id/snapshot`, so a backup taken either way imports
 * either way. Files come from anywhere, so each is decoded into a scratch doc first.
 */
import * as Y from 'yjs'

export const BOARD_FILE_EXTENSION = '.stretchboard'
/** The relay's default frame limit; a larger board could not be synced anyway. */
export const MAX_BOARD_FILE_BYTES = 16 * 1024 * 1024

export class BoardFileError extends Error {
  override name = 'BoardFileError'
}

export function encodeBoardFile(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc)
}

/** Returns the bytes when they are one complete Yjs update holding something; throws otherwise. */
export function checkBoardFile(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === 0) throw new BoardFileError('The file is empty.')
  if (bytes.byteLength > MAX_BOARD_FILE_BYTES) {
    throw new BoardFileError('The file is larger than the 16 MiB a board may hold.')
  }
  const scratch = new Y.Doc()
  try {
    // Only the V1 decoder: it is the format we write, and V2 must never see untrusted input.
    Y.applyUpdate(scratch, bytes)
  } catch (_error) {
    throw new BoardFileError('This is not a Stretchboard board file.')
  }
  try {
    // Missing dependencies mean a truncated or spliced file: importing it would hide data.
    if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
      throw new BoardFileError('The board file is incomplete (truncated or damaged).')
    }
    if (scratch.store.clients.size === 0) {
      throw new BoardFileError('The board file holds no board.')
    }
    return bytes
  } finally {
    scratch.destroy()
  }
}

export async function readBoardFile(file: Blob): Promise<Uint8Array> {
  if (file.size > MAX_BOARD_FILE_BYTES) {
    throw new BoardFileError('The file is larger than the 16 MiB a board may hold.')
  }
  return checkBoardFile(new Uint8Array(await file.arrayBuffer()))
}

/** A file name people recognise later: the board title plus the date. */
export function boardFileName(title: string, date: Date): string {
  const base =
    title
      .trim()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'board'
  return `${base.slice(0, 60)}-${date.toISOString().slice(0, 10)}${BOARD_FILE_EXTENSION}`
}

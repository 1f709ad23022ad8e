/**
 * The board as a file: the whole document as one Yjs update (`Y.encodeStateAsUpdate`), the same
 * bytes as the server's `GET /api/boards/:id/snapshot`, so a backup taken either way imports
 * either way. Files come from anywhere, so each is scanned and judged (core/sync) before any
 * Yjs decoder integrates it: a hostile file must not be able to wedge a doc, even a scratch one.
 */
import * as Y from 'yjs'
import {
  checkUpdate,
  scanUpdate,
  UpdateRejectedError,
  type UpdateProblem,
} from '../../core/sync/index'

export const BOARD_FILE_EXTENSION = '.stretchboard'
/** The relay's default frame limit; a larger board could not be synced anyway. */
export const MAX_BOARD_FILE_BYTES = 16 * 1024 * 1024

export class BoardFileError extends Error {
  override name = 'BoardFileError'
}

/**
 * The whole document, `sealed` counts included: the same bytes a backup from the server holds,
 * so a file merged back into its own board adds nothing twice (a copy with fresh ids would
 * replace every note and text). Imported into a new board, the relay takes the file from the
 * creator's facilitate link and drops counts of people who have no private room there.
 */
export function encodeBoardFile(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc)
}

/** What each refusal means for the person choosing the file. */
const PROBLEM_TEXT: Record<UpdateProblem, string> = {
  malformed: 'This is not a Stretchboard board file, or it was damaged on the way.',
  unsupported: 'This file holds parts a board cannot contain (embedded documents).',
  'too-many-structs': 'This file holds more pieces than one board may take in at once.',
  'too-many-deletes': 'This file holds more pieces than one board may take in at once.',
  'too-deep':
    'This file contains data nested deeper than a board allows (it may be damaged or hostile).',
  incomplete: 'The board file is incomplete (truncated or damaged).',
  'unknown-deletes': 'The board file is incomplete: it removes content it does not contain.',
}

/** Returns the bytes when they are one complete Yjs V1 update holding a board; throws otherwise. */
export function checkBoardFile(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === 0) throw new BoardFileError('The file is empty.')
  if (bytes.byteLength > MAX_BOARD_FILE_BYTES) {
    throw new BoardFileError('The file is larger than the 16 MiB a board may hold.')
  }
  const scratch = new Y.Doc()
  try {
    integrate(scratch, bytes)
    if (scratch.store.clients.size === 0) throw new BoardFileError('The board file holds no board.')
    return bytes
  } finally {
    scratch.destroy()
  }
}

function integrate(scratch: Y.Doc, bytes: Uint8Array): void {
  try {
    // V1 only: it is the format we write, and lib0's V2 decoder must never see untrusted input.
    checkUpdate(scratch, scanUpdate(bytes))
    // The scan skips content it need not judge (JSON text, strings): decoding it may still fail.
    Y.applyUpdate(scratch, bytes)
  } catch (error) {
    if (error instanceof UpdateRejectedError) throw new BoardFileError(PROBLEM_TEXT[error.problem])
    throw new BoardFileError(PROBLEM_TEXT.malformed)
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

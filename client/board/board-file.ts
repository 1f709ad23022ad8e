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
import { RELAY_ONLY_ROOTS } from '../../core/board/permissions'

export const BOARD_FILE_EXTENSION = '.stretchboard'
/** The relay's default frame limit; a larger board could not be synced anyway. */
export const MAX_BOARD_FILE_BYTES = 16 * 1024 * 1024

export class BoardFileError extends Error {
  override name = 'BoardFileError'
}

/**
 * The board as a file: a copy of every root but the relay's own (`sealed`, the hidden-note
 * counts of this board's private rooms), which mean nothing in another board and which the
 * relay refuses from any file or client (core/board/permissions.ts). A copy, because a Yjs
 * update cannot leave out one root's history; the file is a snapshot either way.
 */
export function encodeBoardFile(doc: Y.Doc): Uint8Array {
  const copy = new Y.Doc()
  copy.transact(() => {
    for (const name of [...doc.share.keys()]) {
      if (RELAY_ONLY_ROOTS.includes(name)) continue
      const source = mapRoot(doc, name)
      if (source === null) continue
      const target = copy.getMap<unknown>(name)
      for (const [key, value] of source) target.set(key, copyValue(value))
    }
  })
  const bytes = Y.encodeStateAsUpdate(copy)
  copy.destroy()
  return bytes
}

function mapRoot(doc: Y.Doc, name: string): Y.Map<unknown> | null {
  try {
    return doc.getMap<unknown>(name)
  } catch (_error) {
    // Another tool's root of another type: not part of a board.
    return null
  }
}

function copyValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>()
    for (const [key, inner] of value as Y.Map<unknown>) map.set(key, copyValue(inner))
    return map
  }
  if (value instanceof Y.Text) {
    const text = new Y.Text()
    text.applyDelta(value.toDelta())
    return text
  }
  if (value instanceof Y.Array) {
    const array = new Y.Array<unknown>()
    array.push((value as Y.Array<unknown>).toArray().map(copyValue))
    return array
  }
  return value
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

/**
 * The board size cap. Loading a board blocks the event loop for every other board on this
 * node (≈21 µs per note on the reference machine: 10k notes ≈ 210 ms, see docs/reliability.md),
 * so the relay refuses to open boards past `maxBoardBytes` and stops them growing there, with a
 * close reason and an HTTP error a person can act on, instead of stalling everyone.
 *
 * "Size" is what the board holds in storage: snapshot plus update rows, the bytes a load reads
 * and applies. Compaction keeps update rows bounded (2 MiB by default), so it tracks the
 * document closely.
 */
import * as Y from 'yjs'

const MiB = 1024 * 1024

/** ≈ 55,000 short sticky notes: larger than any OKR workshop board we have seen. */
export const DEFAULT_MAX_BOARD_BYTES = 10 * MiB

/**
 * Deletions are always accepted, even on a full board (they are how people make room), and
 * they add rows until the next compaction folds them away. A board may therefore sit slightly
 * past the cap; the load check allows this much on top so a board that was full when it was
 * last used still opens.
 */
export const DELETION_SLACK_BYTES = 1 * MiB

export function formatMiB(bytes: number): string {
  const mib = bytes / MiB
  return `${mib >= 10 ? Math.round(mib) : Math.round(mib * 10) / 10} MiB`
}

/** The stored board is too large for this server to open (close 4413, HTTP 413). */
export class BoardTooLargeError extends Error {
  override name = 'BoardTooLargeError'
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    // Close reasons are capped at 123 bytes; this one stays well under.
    super(
      `board too large to open: ${formatMiB(bytes)}, this server's limit is ${formatMiB(limit)}`,
    )
  }
}

/** The board has reached the cap; an update that adds content is refused (close 4413, HTTP 413). */
export class BoardFullError extends Error {
  override name = 'BoardFullError'
  constructor(readonly limit: number) {
    super(`board is full (${formatMiB(limit)} limit): delete notes to make room`)
  }
}

/**
 * The board is over its cap (it grew past it before this server charged cuts, or the cap was
 * lowered): it opens for reading, and only changes that add nothing (deleting whole items)
 * are applied (close 4413 / HTTP 413 for the rest).
 */
export class BoardReadOnlyError extends Error {
  override name = 'BoardReadOnlyError'
}

/**
 * Boards up to this many times the cap still open, read-only: people can read them, delete
 * to make room, and take a backup. Past it, loading alone would cost the node too much
 * memory and time, and only the backup route serves them.
 */
export const READ_ONLY_FACTOR = 2

/**
 * How a stored board of `bytes` opens under `limit`: null when normally, a reason when
 * read-only; throws BoardTooLargeError when it must not be loaded at all.
 */
export function loadMode(bytes: number, limit: number): string | null {
  if (bytes > READ_ONLY_FACTOR * limit + DELETION_SLACK_BYTES) {
    throw new BoardTooLargeError(bytes, limit)
  }
  if (bytes <= limit + DELETION_SLACK_BYTES) return null
  return `board is over its size limit (${formatMiB(bytes)} of ${formatMiB(limit)}): read-only until notes are deleted`
}

/**
 * Refuses an update that would grow a board of `sizeBytes` past `limit`. Only what the doc
 * lacks counts (a reconnecting client resends content the server already has), and updates
 * that only delete always pass. `decoded` is the caller's validation decode of `update`.
 */
export function assertRoomFor(
  doc: Y.Doc,
  update: Uint8Array,
  decoded: { readonly structs: readonly unknown[] },
  sizeBytes: number,
  limit: number,
): void {
  if (sizeBytes + update.byteLength <= limit || decoded.structs.length === 0) return
  // Rare (only near the cap), so the diff's cost is paid only then.
  const fresh = Y.diffUpdate(update, Y.encodeStateVector(doc))
  if (Y.decodeUpdate(fresh).structs.length === 0) return
  if (sizeBytes + fresh.byteLength > limit) throw new BoardFullError(limit)
}

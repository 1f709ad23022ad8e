/**
 * Argument checks shared by every adapter. The relay validates requests first; these guard the
 * last step before bytes become durable, so a bug upstream fails loudly instead of storing junk.
 */
import type { BoardRecord, TokenHashes } from './store'
import { InvalidStoreInputError } from './errors'

/** Long enough for any id scheme the relay may choose, short enough to keep indexes small. */
export const MAX_BOARD_ID_LENGTH = 256
export const MAX_TITLE_LENGTH = 10_000

export function checkBoardId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_BOARD_ID_LENGTH) {
    throw new InvalidStoreInputError(
      `board id must be a non-empty string of at most ${MAX_BOARD_ID_LENGTH} characters`,
    )
  }
  return id
}

export function checkTitle(title: unknown): string {
  if (typeof title !== 'string' || title.length > MAX_TITLE_LENGTH) {
    throw new InvalidStoreInputError(
      `title must be a string of at most ${MAX_TITLE_LENGTH} characters`,
    )
  }
  return title
}

export function checkTokenHash(hash: unknown, what: string): string {
  if (typeof hash !== 'string' || hash.length === 0 || hash.length > 512) {
    throw new InvalidStoreInputError(`${what} must be a non-empty string`)
  }
  return hash
}

/** Every Yjs V1 update is at least two bytes (struct and delete-set counts), so empty is a bug. */
export function checkUpdate(update: unknown, what = 'update'): Uint8Array {
  if (!(update instanceof Uint8Array) || update.byteLength === 0) {
    throw new InvalidStoreInputError(`${what} must be a non-empty Uint8Array`)
  }
  return update
}

export function checkSeq(seq: unknown): number {
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw new InvalidStoreInputError('upToSeq must be a non-negative safe integer')
  }
  return seq
}

export function checkRecord(record: BoardRecord): BoardRecord {
  if (typeof record !== 'object' || record === null) {
    throw new InvalidStoreInputError('board record must be an object')
  }
  checkBoardId(record.id)
  checkTitle(record.title)
  if (!Number.isSafeInteger(record.createdAt) || record.createdAt < 0) {
    throw new InvalidStoreInputError('createdAt must be a non-negative integer (epoch ms)')
  }
  checkTokenHash(record.editTokenHash, 'editTokenHash')
  checkTokenHash(record.viewTokenHash, 'viewTokenHash')
  const facilitate = record.facilitateTokenHash ?? null
  if (facilitate !== null) checkTokenHash(facilitate, 'facilitateTokenHash')
  return {
    id: record.id,
    title: record.title,
    createdAt: record.createdAt,
    editTokenHash: record.editTokenHash,
    viewTokenHash: record.viewTokenHash,
    facilitateTokenHash: facilitate,
  }
}

/** A rotation names at least one hash, each well formed; the result has exactly those keys. */
export function checkTokenHashes(hashes: TokenHashes): TokenHashes {
  if (typeof hashes !== 'object' || hashes === null) {
    throw new InvalidStoreInputError('token hashes must be an object')
  }
  const checked: { -readonly [K in keyof TokenHashes]: string } = {}
  for (const key of ['editTokenHash', 'viewTokenHash', 'facilitateTokenHash'] as const) {
    const hash = hashes[key]
    if (hash !== undefined) checked[key] = checkTokenHash(hash, key)
  }
  if (Object.keys(checked).length === 0) {
    throw new InvalidStoreInputError('a rotation must replace at least one token hash')
  }
  return checked
}

/** A stored compaction never claims updates it has not seen: `upToSeq` must exist already. */
export function checkCompactionBound(upToSeq: number, lastSeq: number): void {
  if (upToSeq > lastSeq) {
    throw new InvalidStoreInputError(
      `cannot compact up to seq ${upToSeq}: the board's last update is seq ${lastSeq}`,
    )
  }
}

/** Copies into a plain Uint8Array so callers can neither see nor cause aliasing with storage. */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes)
}

/** Row-to-domain conversions shared by the SQL adapters (SQLite and PostgreSQL). */
import type { BoardRecord } from './store'

/** A `boards` row; PostgreSQL returns the BIGINT `created_at` as a string, SQLite as a number. */
export interface BoardRow {
  id: string
  title: string
  created_at: number | string
  edit_token_hash: string
  view_token_hash: string
  facilitate_token_hash: string | null
}

export function toRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    title: row.title,
    createdAt: Number(row.created_at),
    editTokenHash: row.edit_token_hash,
    viewTokenHash: row.view_token_hash,
    facilitateTokenHash: row.facilitate_token_hash ?? null,
  }
}

/** A plain Uint8Array over the Buffer's memory: same type from every adapter, no copy. */
export function view(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/** A board's columns in the order both adapters insert them (id, title, created_at, hashes). */
export function insertValues(r: BoardRecord): (string | number | null)[] {
  return [
    r.id,
    r.title,
    r.createdAt,
    r.editTokenHash,
    r.viewTokenHash,
    r.facilitateTokenHash ?? null,
  ]
}

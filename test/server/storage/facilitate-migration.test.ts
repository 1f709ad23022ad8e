/**
 * A SQLite file written before issue 15 (schema step 1 only) opens with the facilitate column
 * added: its boards read back with no facilitate hash, their links unchanged, and one can be set.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { SQLITE_APPLICATION_ID, SQLITE_MIGRATIONS } from '../../../server/storage/sqlite-migrations'
import { SqliteStore } from '../../../server/storage/sqlite-store'
import { hashToken } from '../../../server/storage/tokens'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function fileBeforeRoles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stretchboard-facilitate-'))
  dirs.push(dir)
  const file = join(dir, 'old.sqlite')
  const db = new Database(file)
  db.exec(SQLITE_MIGRATIONS[0] ?? '')
  db.pragma('user_version = 1')
  db.pragma(`application_id = ${SQLITE_APPLICATION_ID}`)
  db.prepare(
    `INSERT INTO boards (id, title, created_at, edit_token_hash, view_token_hash)
     VALUES ('old', 'Q2', 5, ?, ?)`,
  ).run(hashToken('edit'), hashToken('view'))
  db.close()
  return file
}

describe('SQLite migration: the facilitate hash', () => {
  it('reads an old board back with a null facilitate hash and lets one be issued', async () => {
    const file = fileBeforeRoles()
    const store = new SqliteStore(file)
    try {
      expect(await store.getBoard('old')).toEqual({
        id: 'old',
        title: 'Q2',
        createdAt: 5,
        editTokenHash: hashToken('edit'),
        viewTokenHash: hashToken('view'),
        facilitateTokenHash: null,
      })
      expect(
        await store.setTokenHashes('old', { facilitateTokenHash: hashToken('facilitate') }),
      ).toBe(true)
    } finally {
      await store.close()
    }
    const reopened = new SqliteStore(file)
    try {
      expect(await reopened.getBoard('old')).toMatchObject({
        editTokenHash: hashToken('edit'),
        facilitateTokenHash: hashToken('facilitate'),
      })
    } finally {
      await reopened.close()
    }
    const db = new Database(file)
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length)
    db.close()
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openBoardStore, redactUrl } from '../../../server/storage/open-store'
import { PostgresStore } from '../../../server/storage/postgres-store'
import { SqliteStore } from '../../../server/storage/sqlite-store'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('openBoardStore', () => {
  it('opens SQLite in the data folder when no database URL is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stretchboard-open-'))
    dirs.push(dir)
    for (const databaseUrl of [undefined, '', '  ']) {
      const opened = await openBoardStore({ dataDir: dir, databaseUrl })
      expect(opened.kind).toBe('sqlite')
      expect(opened.store).toBeInstanceOf(SqliteStore)
      expect(opened.description).toBe(join(dir, 'stretchboard.sqlite'))
      await opened.store.close()
    }
  })

  it('chooses PostgreSQL for a postgres:// URL and reports an unreachable server', async () => {
    await expect(
      openBoardStore({ dataDir: '/nonexistent', databaseUrl: 'postgres://u:p@127.0.0.1:1/db' }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})

const url = process.env['DATABASE_URL']
if (url) {
  describe('openBoardStore with a PostgreSQL server', () => {
    it('opens PostgreSQL and describes it without the password', async () => {
      const opened = await openBoardStore({ dataDir: '/nonexistent', databaseUrl: url })
      expect(opened.kind).toBe('postgres')
      expect(opened.store).toBeInstanceOf(PostgresStore)
      expect(opened.description).toBe(redactUrl(url))
      expect(opened.description).not.toContain(new URL(url).password || '\u0000')
      await opened.store.close()
    })
  })
}

describe('redactUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(redactUrl('postgres://sb:s3cret@127.0.0.1:5432/db')).toBe(
      'postgres://sb:***@127.0.0.1:5432/db',
    )
    expect(redactUrl('postgres://127.0.0.1/db')).toBe('postgres://127.0.0.1/db')
  })

  it('prints nothing of an unparseable URL', () => {
    expect(redactUrl('postgres://sb:s3cret@[bad')).toBe('<invalid url>')
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../server/storage/sqlite-store'
import { payload } from './fixtures/append-child'
import { appendThenKill, missingAcks } from './fixtures/kill-child'

const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('SqliteStore under kill -9', () => {
  it('keeps every update whose append had resolved before the process was killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stretchboard-kill-'))
    dirs.push(dir)
    const file = join(dir, 'boards.sqlite')

    const acked = await appendThenKill(['sqlite', file], 400)
    expect(acked.size).toBeGreaterThanOrEqual(400)

    const store = new SqliteStore(file)
    const stored = await store.loadDoc('kill')
    await store.close()
    // The child may have committed a few more than it managed to print; never fewer.
    expect(stored.updates.length).toBeGreaterThanOrEqual(acked.size)
    expect(missingAcks(acked, stored.updates, payload)).toEqual([])
  })
})

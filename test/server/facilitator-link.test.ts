/**
 * The operator command (scripts/facilitator-link.ts) run as npm runs it, against a SQLite file
 * holding a board made before roles: it prints a link whose token grants 'facilitate', leaves
 * the edit and view links alone, and changes nothing when it cannot show the link.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SQLITE_FILE_NAME } from '../../server/storage/open-store'
import { SqliteStore } from '../../server/storage/sqlite-store'
import { hashToken, roleForToken } from '../../server/storage/tokens'

const REPO_ROOT = join(import.meta.dirname, '..', '..')
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function dataDirWithOldBoard(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'stretchboard-facilitator-link-'))
  dirs.push(dir)
  const store = new SqliteStore(join(dir, SQLITE_FILE_NAME))
  await store.createBoard({
    id: 'oldBoard_1',
    title: 'Q2',
    createdAt: 1,
    editTokenHash: hashToken('the-edit-token'),
    viewTokenHash: hashToken('the-view-token'),
  })
  await store.close()
  return dir
}

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/facilitator-link.ts', ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', ...env },
      timeout: 60_000,
    },
  )
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

async function storedBoard(dir: string) {
  const store = new SqliteStore(join(dir, SQLITE_FILE_NAME))
  try {
    const board = await store.getBoard('oldBoard_1')
    if (board === null) throw new Error('the board is gone')
    return board
  } finally {
    await store.close()
  }
}

function tokenOf(link: string): string {
  return new URLSearchParams(new URL(link).hash.slice(1)).get('token') ?? ''
}

describe('npm run facilitator-link', () => {
  it('issues a facilitate link for an old board; a second run replaces it', async () => {
    const dir = await dataDirWithOldBoard()
    const first = run(['oldBoard_1', '--data-dir', dir], { PUBLIC_URL: 'https://boards.example' })
    expect(first.code).toBe(0)
    const link = first.stdout.trim()
    expect(link).toMatch(/^https:\/\/boards\.example\/b\/oldBoard_1#token=[A-Za-z0-9_-]{43}$/)
    expect(first.stderr).toContain('new facilitate link')
    let board = await storedBoard(dir)
    expect(roleForToken(board, tokenOf(link))).toBe('facilitate')
    expect(roleForToken(board, 'the-edit-token')).toBe('edit')
    expect(roleForToken(board, 'the-view-token')).toBe('view')

    const second = run(['--public-url', 'https://boards.example', '--data-dir', dir, 'oldBoard_1'])
    expect(second.code).toBe(0)
    board = await storedBoard(dir)
    expect(roleForToken(board, tokenOf(second.stdout.trim()))).toBe('facilitate')
    expect(roleForToken(board, tokenOf(link))).toBeNull()
  })

  it('without PUBLIC_URL says how to pass one and changes nothing', async () => {
    const dir = await dataDirWithOldBoard()
    const result = run(['oldBoard_1', '--data-dir', dir])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/PUBLIC_URL is not set.*--public-url/s)
    expect((await storedBoard(dir)).facilitateTokenHash).toBeNull()
  })

  it('refuses an unknown board, a missing database and a missing id, writing nothing', async () => {
    const dir = await dataDirWithOldBoard()
    const env = { PUBLIC_URL: 'https://boards.example' }
    const unknown = run(['nope', '--data-dir', dir], env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain("no board 'nope'")
    const elsewhere = join(dir, 'typo')
    const missing = run(['oldBoard_1', '--data-dir', elsewhere], env)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('no database at')
    expect(existsSync(elsewhere)).toBe(false)
    const noId = run(['--data-dir', dir], env)
    expect(noId.code).toBe(2)
    expect(noId.stderr).toContain('usage: npm run facilitator-link')
    expect((await storedBoard(dir)).facilitateTokenHash).toBeNull()
  })
})

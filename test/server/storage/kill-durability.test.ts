import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../../server/storage/sqlite-store'
import { payload } from './fixtures/append-child'

const child = fileURLToPath(new URL('./fixtures/append-child.ts', import.meta.url))
const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Runs the child until it has acknowledged `acks` appends, then SIGKILLs it. */
function appendThenKill(file: string, acks: number): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acked = new Map<number, number>()
    let pending = ''
    let stderr = ''
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      // The last piece may be a half-written line; it is not an acknowledgement yet.
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const [index, seq] = line.split(' ').map(Number)
        if (index !== undefined && seq !== undefined) acked.set(index, seq)
      }
      if (acked.size >= acks && proc.exitCode === null) proc.kill('SIGKILL')
    })
    proc.on('error', reject)
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked)
      else reject(new Error(`child exited (${code}) before the kill: ${stderr}`))
    })
  })
}

describe('SqliteStore under kill -9', () => {
  it('keeps every update whose append had resolved before the process was killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stretchboard-kill-'))
    dirs.push(dir)
    const file = join(dir, 'boards.sqlite')

    const acked = await appendThenKill(file, 400)
    expect(acked.size).toBeGreaterThanOrEqual(400)

    const store = new SqliteStore(file)
    const stored = await store.loadDoc('kill')
    await store.close()
    // The child may have committed a few more than it managed to print; never fewer.
    expect(stored.updates.length).toBeGreaterThanOrEqual(acked.size)
    // Buffer.compare, not toEqual: deep-equality over thousands of 64 KiB arrays takes seconds.
    const wrong = [...acked].filter(
      ([index, seq]) =>
        Buffer.compare(stored.updates[seq - 1] ?? new Uint8Array(), payload(index)) !== 0,
    )
    expect(wrong).toEqual([])
  })
})

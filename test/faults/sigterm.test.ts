// SIGTERM while 100 boards hold unsaved edits: the child's disk is slow (every append waits
// 150 ms), so when the signal arrives each board has appends in flight and more queued behind
// them. The process must flush all of them before it exits 0; a second server on the same data
// directory then holds every edit the first one had received.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { REPO_ROOT, createBoard, spawnServer, waitFor, type CreatedBoard } from '../helpers/server'
import { closeClient, connectClient, report, size } from './fault-helpers'
import { cleanupsAfter } from '../helpers/cleanups'

const BOARDS = size('FAULT_SIGTERM_BOARDS', 100, 300)
const EDITS = 3

const cleanups = cleanupsAfter(afterAll)

/** One y-websocket update message carrying `text` appended to the board's log array. */
function updateMessage(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null
  const take = (u: Uint8Array) => (update = u)
  doc.once('update', take)
  doc.getArray<string>('log').push([text])
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeUpdate(encoder, update!)
  return encoding.toUint8Array(encoder)
}

describe('SIGTERM with unsaved edits on many boards', () => {
  it(`flushes all ${BOARDS} boards before exiting`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stretchboard-sigterm-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'test/faults/fixtures/slow-disk-server.ts')],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATA_DIR: dataDir, SLOW_APPEND_MS: '150' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const exited = new Promise<number | string>((done) =>
      child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
    )
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'))
    const logs: string[] = []
    let appendsStarted = 0
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('slow-disk server did not start')), 30_000)
      createInterface({ input: child.stdout! }).on('line', (line) => {
        logs.push(line)
        if (line.includes('"append-start"')) appendsStarted++
        const entry = JSON.parse(line) as { msg?: string; url?: string }
        if (entry.msg === 'listening' && entry.url) {
          clearTimeout(timer)
          done(entry.url)
        }
      })
    })
    const wsUrl = url.replace(/^http/, 'ws') + '/ws'

    const boards: CreatedBoard[] = []
    for (let i = 0; i < BOARDS; i++) boards.push(await createBoard(url, `b${i}`))
    // Raw sockets: the edits are sent once and never again, so only the server can keep them.
    const sockets = await Promise.all(
      boards.map(
        (board) =>
          new Promise<WebSocket>((done, fail) => {
            const ws = new WebSocket(`${wsUrl}/${board.id}?token=${board.editToken}`)
            ws.once('open', () => done(ws))
            ws.once('error', fail)
          }),
      ),
    )
    const expected = new Map<string, string[]>()
    boards.forEach((board, i) => {
      const doc = new Y.Doc()
      const texts = Array.from({ length: EDITS }, (_, k) => `${board.id}:${k}`)
      for (const text of texts) sockets[i]!.send(updateMessage(doc, text))
      expected.set(board.id, texts)
    })
    // Wait until every board has started at least one slow append, then signal at once.
    await waitFor(() => appendsStarted >= BOARDS, { what: 'appends in flight', timeoutMs: 30_000 })
    const signalledAt = Date.now()
    const appendsAtSignal = appendsStarted
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    const shutdownMs = Date.now() - signalledAt
    const stopped = logs.map((l) => JSON.parse(l) as { msg?: string; lostUpdates?: number })
    expect(stopped.find((l) => l.msg === 'stopped')?.lostUpdates).toBe(0)
    for (const ws of sockets) ws.terminate()

    const second = await spawnServer({ dataDir })
    cleanups.push(() => second.child.exitCode === null && second.kill('SIGKILL'))
    const lost: string[] = []
    for (const board of boards) {
      const reader = connectClient(second.wsUrl, board.id, board.viewToken)
      await waitFor(() => reader.provider.synced, { what: 'reader sync', timeoutMs: 10_000 })
      const log = reader.doc.getArray<string>('log').toArray()
      for (const text of expected.get(board.id)!) if (!log.includes(text)) lost.push(text)
      closeClient(reader)
    }
    expect(lost).toEqual([])
    report('sigterm', {
      boards: BOARDS,
      editsPerBoard: EDITS,
      appendsAtSignal,
      appendsTotal: appendsStarted,
      shutdownMs,
    })
  }, 180_000)
})

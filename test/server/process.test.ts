import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { MemoryStore } from '../../server/storage/memory-store'
import { connectProvider } from '../helpers/clients'
import { spawnServer, startTestServer, waitFor, type SpawnedServer } from '../helpers/server'
import { cleanupsAfter } from '../helpers/cleanups'

const cleanups = cleanupsAfter(afterEach)

async function spawn(dataDir?: string): Promise<SpawnedServer> {
  const server = await spawnServer(dataDir === undefined ? {} : { dataDir })
  cleanups.push(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      await server.kill('SIGKILL')
    }
  })
  if (dataDir === undefined) cleanups.unshift(() => rmSync(server.dataDir, { recursive: true }))
  return server
}

function connect(server: { wsUrl: string }, boardId: string, token: string): WebsocketProvider {
  return connectProvider(server.wsUrl, boardId, token, { cleanups })
}

describe('the server process', () => {
  it('keeps an edit that a peer has seen when killed with SIGKILL', async () => {
    const first = await spawn()
    const board = await first.createBoard()
    const writer = connect(first, board.id, board.editToken)
    const reader = connect(first, board.id, board.viewToken)
    await waitFor(() => writer.synced && reader.synced, { what: 'synced', timeoutMs: 10_000 })
    for (let i = 0; i < 20; i++) writer.doc.getArray<number>('edits').push([i])
    await waitFor(() => reader.doc.getArray('edits').length === 20, { what: 'peer observed' })
    expect(await first.kill('SIGKILL')).toBe('SIGKILL')
    writer.destroy()
    reader.destroy()

    const second = await spawn(first.dataDir)
    const after = connect(second, board.id, board.viewToken)
    await waitFor(() => after.synced, { what: 'resync after restart', timeoutMs: 10_000 })
    expect(after.doc.getArray('edits').toArray()).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })

  it('on SIGTERM closes sockets with 1012, saves everything and exits 0', async () => {
    const first = await spawn()
    const board = await first.createBoard()
    const writer = connect(first, board.id, board.editToken)
    await waitFor(() => writer.synced, { what: 'synced', timeoutMs: 10_000 })
    const codes: number[] = []
    writer.on('connection-close', (event) => codes.push(event?.code ?? -1))
    writer.doc.getText('t').insert(0, 'last words')
    // The relay does not echo an edit to its author, so watch it arrive through a second peer.
    const peer = connect(first, board.id, board.viewToken)
    await waitFor(() => peer.doc.getText('t').toString() === 'last words', { timeoutMs: 10_000 })
    const exit = await first.kill('SIGTERM')
    expect(exit).toBe(0)
    await waitFor(() => codes.length > 0, { what: 'socket closed' })
    expect(codes[0]).toBe(1012)
    writer.destroy()
    peer.destroy()

    const second = await spawn(first.dataDir)
    const after = connect(second, board.id, board.viewToken)
    await waitFor(() => after.synced, { what: 'resync', timeoutMs: 10_000 })
    expect(after.doc.getText('t').toString()).toBe('last words')
    expect(first.logs.some((line) => line.includes(board.editToken))).toBe(false)
  })

  it('prints --help and exits 0; rejects an unknown flag with exit 2', () => {
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', '--help'], {
      encoding: 'utf8',
    })
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('--data-dir')
    expect(help.stdout).toContain('MAX_PAYLOAD_BYTES')
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', '--nope', '1'], {
      encoding: 'utf8',
    })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--nope')
  })
})

describe('startServer', () => {
  it('fails cleanly when the port is taken, leaving the store closed', async () => {
    const first = await startTestServer()
    cleanups.push(() => first.close())
    const store = new MemoryStore()
    await expect(startTestServer({ store, config: { port: first.port } })).rejects.toThrow(
      /EADDRINUSE/,
    )
    await expect(store.stats()).rejects.toThrow(/closed/)
  })
})

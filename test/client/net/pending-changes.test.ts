import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toEpochMs } from '../../../core/okr/numbers'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { PendingChanges } from '../../../client/net/pending-changes'
import { createNote, moveNotes } from '../../../core/board/commands'
import { readBoard } from '../../../core/board/read'
import { connectProvider } from '../../helpers/clients'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../../helpers/server'

let server: TestServer
let board: CreatedBoard
const cleanup: (() => void)[] = []

beforeEach(async () => {
  server = await startTestServer()
  board = await server.createBoard('pending')
})

afterEach(async () => {
  for (const stop of cleanup.splice(0)) stop()
  await server.close()
})

function connectPeer(doc: Y.Doc, connect: boolean): WebsocketProvider {
  return connectProvider(server.wsUrl, board.id, board.editToken, {
    doc,
    connect,
    cleanups: cleanup,
  })
}

const until = (check: () => boolean, what: string) => waitFor(check, { what })

const note = (id: string) => ({ id, x: 0, y: 0, author: 'ann', createdAt: toEpochMs(1), text: id })

describe('PendingChanges', () => {
  it('counts changes made offline and clears them once the server has them', async () => {
    const doc = new Y.Doc()
    const provider = connectPeer(doc, false)
    const seen: number[] = []
    const pending = new PendingChanges(doc, provider, {
      probeDelayMs: 10,
      onChange: (n) => seen.push(n),
    })
    cleanup.push(() => pending.destroy())
    createNote(doc, note('n1'), 'me')
    createNote(doc, note('n2'), 'me')
    moveNotes(doc, { ids: ['n1'], dx: 5, dy: 5 }, 'me')
    expect(pending.count).toBe(3)

    provider.connect()
    await until(() => pending.count === 0, 'confirmation')
    expect(seen).toEqual([1, 2, 3, 0])

    // "Confirmed" means the server really holds them: a fresh peer receives all of it.
    const other = new Y.Doc()
    const otherProvider = connectPeer(other, true)
    await until(() => otherProvider.synced, 'second peer sync')
    expect(readBoard(other).notes.map((n) => [n.id, n.x])).toEqual([
      ['n1', 5],
      ['n2', 0],
    ])
  })

  it('counts changes made while online until the probe after them is answered', async () => {
    const doc = new Y.Doc()
    const provider = connectPeer(doc, true)
    const pending = new PendingChanges(doc, provider, { probeDelayMs: 10 })
    cleanup.push(() => pending.destroy())
    await until(() => provider.synced, 'sync')
    createNote(doc, note('n1'), 'me')
    expect(pending.count).toBe(1)
    await until(() => pending.count === 0, 'confirmation')
  })

  it('ignores changes that arrive from others', async () => {
    const doc = new Y.Doc()
    const provider = connectPeer(doc, true)
    const pending = new PendingChanges(doc, provider, { probeDelayMs: 10 })
    cleanup.push(() => pending.destroy())
    const other = new Y.Doc()
    const otherProvider = connectPeer(other, true)
    await until(() => provider.synced && otherProvider.synced, 'sync')
    createNote(other, note('theirs'), 'them')
    await until(() => readBoard(doc).notes.length === 1, 'remote note')
    expect(pending.count).toBe(0)
  })

  it('carries a count over from an earlier page load until the server confirms', async () => {
    const doc = new Y.Doc()
    const provider = connectPeer(doc, false)
    const pending = new PendingChanges(doc, provider, { initial: 2, probeDelayMs: 10 })
    cleanup.push(() => pending.destroy())
    expect(pending.count).toBe(2)
    provider.connect()
    await until(() => pending.count === 0, 'confirmation')
  })

  it('restores the provider when destroyed', () => {
    const doc = new Y.Doc()
    const provider = connectPeer(doc, false)
    const original = provider.messageHandlers[0]
    const pending = new PendingChanges(doc, provider)
    expect(provider.messageHandlers[0]).not.toBe(original)
    pending.destroy()
    expect(provider.messageHandlers[0]).toBe(original)
    createNote(doc, note('n1'), 'me')
    expect(pending.count).toBe(0)
  })
})

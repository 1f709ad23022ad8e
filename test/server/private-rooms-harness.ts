/**
 * A board for the private-room tests: a real server, a facilitator (stock provider, facilitate
 * link), an observer on the board with an edit link whose every received frame is kept, and
 * members' private rooms opened the way our client opens them (`<boardId>/private` with
 * token, personal key and member).
 */
import { randomBytes } from 'node:crypto'
import { WebsocketProvider } from 'y-websocket'
import { WebSocket, type RawData } from 'ws'
import * as Y from 'yjs'
import { createGroup } from '../../core/board/commands/index'
import { migrate } from '../../core/board/migrate'
import { synced } from '../helpers/clients'
import {
  startTestServer,
  type CreatedBoard,
  type TestServer,
  type TestServerOptions,
} from '../helpers/server'

export const ORIGIN = { user: 'private-test' }

type Cleanups = { push(cleanup: () => unknown): unknown }

export function personalKey(): string {
  return randomBytes(32).toString('base64url')
}

/** A provider whose socket keeps every frame the relay sent it. */
export function recordingProvider(
  server: TestServer,
  room: string,
  params: Record<string, string>,
  cleanups: Cleanups,
): WebsocketProvider & { readonly frames: Buffer[] } {
  const frames: Buffer[] = []
  class Recording extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.on('message', (data: RawData) => {
        frames.push(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer))
      })
    }
  }
  const provider = new WebsocketProvider(server.wsUrl, room, new Y.Doc(), {
    params,
    WebSocketPolyfill: Recording as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  cleanups.push(() => provider.destroy())
  return Object.assign(provider, { frames })
}

export interface PrivateBoard {
  readonly server: TestServer
  readonly board: CreatedBoard
  readonly facilitator: WebsocketProvider & { readonly frames: Buffer[] }
  readonly observer: WebsocketProvider & { readonly frames: Buffer[] }
}

export async function openPrivateBoard(
  cleanups: Cleanups,
  options: TestServerOptions = {},
): Promise<PrivateBoard> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  const board = await server.createBoard('Private')
  const facilitator = recordingProvider(
    server,
    board.id,
    { token: board.facilitatorToken, member: 'fac' },
    cleanups,
  )
  await synced(facilitator)
  migrate(facilitator.doc, ORIGIN)
  createGroup(facilitator.doc, { id: 'g1', x: 0, y: 0, title: 'Growth' }, ORIGIN)
  const observer = recordingProvider(
    server,
    board.id,
    { token: board.editToken, member: 'bob' },
    cleanups,
  )
  await synced(observer)
  return { server, board, facilitator, observer }
}

/** A member's private room, as our client opens it. */
export function openPrivate(
  room: PrivateBoard,
  key: string,
  member: string,
  cleanups: Cleanups,
  token = room.board.editToken,
): WebsocketProvider & { readonly frames: Buffer[] } {
  return recordingProvider(
    room.server,
    `${room.board.id}/private`,
    { token, key, member },
    cleanups,
  )
}

/** The HTTP status the relay answers an upgrade to `<boardId>/private` with. */
export function upgradeStatus(server: TestServer, query: string, boardId: string): Promise<number> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(`${server.wsUrl}/${boardId}/private?${query}`)
    ws.on('error', () => undefined)
    ws.once('open', () => {
      ws.close()
      done(101)
    })
    ws.once('unexpected-response', (_request, response) => done(response.statusCode ?? 0))
    setTimeout(() => fail(new Error('no answer')), 5000).unref()
  })
}

/** A raw socket on a member's private room, once open, and how it closes. */
export async function rawPrivate(
  server: TestServer,
  boardId: string,
  query: string,
): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${server.wsUrl}/${boardId}/private?${query}`)
  ws.on('error', () => undefined)
  const closed = new Promise<{ code: number; reason: string }>((done) =>
    ws.once('close', (code, reason) => done({ code, reason: reason.toString() })),
  )
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done())
    ws.once('unexpected-response', () => fail(new Error('upgrade refused')))
  })
  return { ws, closed }
}

/** What the store holds under an id, merged into a doc. */
export async function storedDoc(server: TestServer, id: string): Promise<Y.Doc> {
  const stored = await server.store.loadDoc(id)
  const doc = new Y.Doc()
  if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/** Every row the store holds for an id, as one buffer to search for words in. */
export async function storedBytes(server: TestServer, id: string): Promise<Buffer> {
  const stored = await server.store.loadDoc(id)
  return Buffer.concat([...(stored.snapshot === null ? [] : [stored.snapshot]), ...stored.updates])
}

export function holds(frames: readonly Buffer[], words: string): boolean {
  return frames.some((frame) => frame.includes(Buffer.from(words, 'utf8')))
}

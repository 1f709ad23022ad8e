/**
 * A board for the role tests: a real server, a facilitator who set it up (a voted group with a
 * note by ann and one by bob, an objective, the board's cycle), and an observer (bob, an edit
 * link) whose copy shows what the relay broadcast. Stock y-websocket providers throughout,
 * with `member` beside the token as our client sends it.
 */
import { WebsocketProvider } from 'y-websocket'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import {
  castVote,
  createGroup,
  createNote,
  createObjective,
  setPhase,
  updateBoardSettings,
} from '../../core/board/commands/index'
import { migrate } from '../../core/board/migrate'
import type { Phase } from '../../core/board/board-model'
import { quarterTimeframe } from '../../core/okr/timeframe'
import type { EpochMs } from '../../core/okr/okr-model'
import { synced } from '../helpers/clients'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../helpers/server'

export const Q4 = quarterTimeframe(2026, 4)
export const ORIGIN = { user: 'role-test' }
const ROOTS = ['meta', 'notes', 'groups', 'votes', 'objectives', 'keyResults', 'sealed']

type Cleanups = { push(cleanup: () => unknown): unknown }

export interface RoleBoard {
  readonly server: TestServer
  readonly board: CreatedBoard
  readonly facilitator: WebsocketProvider
  readonly observer: WebsocketProvider
}

export interface Closes {
  readonly list: { code: number; reason: string }[]
}

/** A stock provider with `member` beside the token; its server closes are recorded. */
export function join(
  server: TestServer,
  board: CreatedBoard,
  token: string,
  member: string,
  cleanups: Cleanups,
): WebsocketProvider & Closes {
  const provider = new WebsocketProvider(server.wsUrl, board.id, new Y.Doc(), {
    params: { token, member },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  cleanups.push(() => provider.destroy())
  const list: { code: number; reason: string }[] = []
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) list.push({ code: event.code, reason: event.reason })
  })
  return Object.assign(provider, { list })
}

export async function openRoleBoard(
  cleanups: Cleanups,
  phase: Phase = 'brainstorm',
): Promise<RoleBoard> {
  const server = await startTestServer()
  cleanups.push(() => server.close())
  const board = await server.createBoard('Roles')
  const facilitator = join(server, board, board.facilitatorToken, 'fac', cleanups)
  await synced(facilitator)
  const doc = facilitator.doc
  migrate(doc, ORIGIN)
  updateBoardSettings(doc, { timeframe: Q4 }, ORIGIN)
  createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Growth' }, ORIGIN)
  for (const [id, author] of [
    ['n-ann', 'ann'],
    ['n-bob', 'bob'],
  ] as const) {
    const note = { id, x: 0, y: 0, author, text: 'grow 10%', groupId: 'g1' }
    createNote(doc, { ...note, createdAt: 1 as EpochMs }, ORIGIN)
  }
  castVote(doc, { voterId: 'bob', targetId: 'g1' }, ORIGIN)
  createObjective(doc, { id: 'o1', title: 'Grow', timeframe: Q4 }, ORIGIN)
  setPhase(doc, { phase }, ORIGIN)
  const observer = join(server, board, board.editToken, 'bob', cleanups)
  await synced(observer)
  await sameBoard(facilitator.doc, observer.doc, 'the observer has the setup')
  return { server, board, facilitator, observer }
}

/** The board's roots as JSON with sorted keys (copies differ in key order), for comparing. */
export function boardJson(doc: Y.Doc): string {
  return JSON.stringify(
    ROOTS.map((name) => doc.getMap(name).toJSON()),
    (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
        : value,
  )
}

export function sameBoard(a: Y.Doc, b: Y.Doc, what: string): Promise<true> {
  return waitFor(() => boardJson(a) === boardJson(b), { what })
}

/** What the store holds for the board, merged into a doc. */
export async function storedDoc(server: TestServer, boardId: string): Promise<Y.Doc> {
  const stored = await server.store.loadDoc(boardId)
  const doc = new Y.Doc()
  if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/**
 * The observer's copy and the stored board once a facilitator's later marker note has reached
 * both (the relay sends and stores in order), without the marker: equal to the board before a
 * refused change, nothing of it was broadcast or stored.
 */
export async function afterMarker(
  room: RoleBoard,
  marker: string,
): Promise<{ broadcast: string; stored: string }> {
  createNote(
    room.facilitator.doc,
    { id: marker, x: 0, y: 0, author: 'fac', createdAt: 2 as EpochMs },
    ORIGIN,
  )
  await waitFor(() => room.observer.doc.getMap('notes').has(marker), { what: 'the marker' })
  const stored = await waitFor(
    async () => {
      const doc = await storedDoc(room.server, room.board.id)
      return doc.getMap('notes').has(marker) && doc
    },
    { what: 'the marker stored' },
  )
  const without = (doc: Y.Doc) => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    copy.getMap('notes').delete(marker)
    return boardJson(copy)
  }
  return { broadcast: without(room.observer.doc), stored: without(stored) }
}

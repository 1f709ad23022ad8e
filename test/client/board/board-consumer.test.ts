/**
 * BoardConsumer (client/board/board-consumer.ts) without a browser: the host is an EventTarget
 * standing in for a Lit element, and the page's context provider is a listener answering the
 * `context-request` event the way @lit/context's ContextProvider does.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import type { ReactiveController } from 'lit'
import { boardControllerContext, type BoardSession } from '../../../client/board/board-context'
import { BoardConsumer } from '../../../client/board/board-consumer'
import { BoardController } from '../../../client/board/board-controller'
import { setPhase } from '../../../core/board/commands/facilitation'
import { createNote } from '../../../core/board/commands/notes'
import { ROOTS } from '../../../core/board/schema'
import type { EpochMs } from '../../../core/okr/okr-model'

/** What @lit/context's `context-request` event carries (the protocol, not the class). */
interface ContextRequest extends Event {
  readonly context: unknown
  readonly callback: (board: BoardController, unsubscribe: () => void) => void
  readonly subscribe?: boolean
}

const T0 = Date.UTC(2026, 0, 5, 9) as EpochMs
const boards: BoardController[] = []

afterEach(() => {
  for (const board of boards.splice(0)) {
    board.disconnect()
    board.session.undoManager.destroy()
    board.session.awareness.destroy()
    board.session.doc.destroy()
  }
})

function openBoard(): BoardController {
  const doc = new Y.Doc()
  const origin = {}
  const session: BoardSession = {
    boardId: 'b1',
    doc,
    awareness: new Awareness(doc),
    undoManager: new Y.UndoManager(
      ROOTS.map((name) => doc.getMap(name)),
      { trackedOrigins: new Set([origin]) },
    ),
    identity: { id: 'ann', name: 'Ann', color: '#112233' },
    role: 'edit',
    origin,
  }
  const board = new BoardController(session, { now: () => T0 })
  board.connect()
  boards.push(board)
  return board
}

/** A Lit element's controller hooks, its update requests, and the page providing the board. */
class FakeHost extends EventTarget {
  readonly controllers: ReactiveController[] = []
  updates = 0
  #provided: BoardController | undefined
  readonly #subscribers = new Set<(board: BoardController, unsubscribe: () => void) => void>()

  constructor(provided?: BoardController) {
    super()
    this.#provided = provided
    this.addEventListener('context-request', (event) => {
      const request = event as ContextRequest
      if (request.context !== boardControllerContext || this.#provided === undefined) return
      const callback = request.callback
      if (request.subscribe) this.#subscribers.add(callback)
      callback(this.#provided, () => this.#subscribers.delete(callback))
    })
  }

  addController(controller: ReactiveController): void {
    this.controllers.push(controller)
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true)
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.()
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.()
  }
  /** The page opened another board (recovery): every subscriber gets it. */
  provide(board: BoardController): void {
    this.#provided = board
    for (const subscriber of [...this.#subscribers]) {
      subscriber(board, () => this.#subscribers.delete(subscriber))
    }
  }
}

function consumer<T>(host: FakeHost, select?: (board: BoardController) => T): BoardConsumer<T> {
  return new BoardConsumer(
    host as unknown as ConstructorParameters<typeof BoardConsumer>[0],
    select,
  )
}

describe('BoardConsumer', () => {
  it('finds the board through context once connected, and re-renders on every change', () => {
    const board = openBoard()
    const host = new FakeHost(board)
    const view = consumer(host)
    expect(view.board).toBeUndefined()
    host.connect()
    expect(view.board).toBe(board)
    const updates = host.updates
    board.run(createNote, { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: T0 })
    expect(host.updates).toBe(updates + 1)
    board.notify('hello')
    expect(host.updates).toBe(updates + 2)
  })

  it('with a selector, re-renders only when the selected value changes', () => {
    const board = openBoard()
    const host = new FakeHost(board)
    consumer(host, (b) => b.meta.phase)
    host.connect()
    const updates = host.updates
    board.run(createNote, { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: T0 })
    board.notify('not about the phase')
    expect(host.updates).toBe(updates)
    board.run(setPhase, { phase: 'vote' })
    expect(host.updates).toBe(updates + 1)
    board.run(setPhase, { phase: 'vote' })
    expect(host.updates).toBe(updates + 1)
  })

  it('stops listening when the host disconnects and listens once again on reconnect', () => {
    const board = openBoard()
    const host = new FakeHost(board)
    consumer(host)
    host.connect()
    host.disconnect()
    const updates = host.updates
    board.notify('while away')
    expect(host.updates).toBe(updates)
    host.connect()
    host.connect()
    const back = host.updates
    board.notify('back')
    expect(host.updates).toBe(back + 1)
  })

  it('moves to a board the page provides later, leaving the old one', () => {
    const first = openBoard()
    const second = openBoard()
    const host = new FakeHost(first)
    const view = consumer(host, (b) => b.boardId + String(b.notice?.seq ?? 0))
    host.connect()
    host.provide(second)
    expect(view.board).toBe(second)
    const updates = host.updates
    first.notify('old board')
    expect(host.updates).toBe(updates)
    second.notify('new board')
    expect(host.updates).toBe(updates + 1)
  })

  it('without a provider it has no board and asks for nothing', () => {
    const host = new FakeHost()
    const view = consumer(host, (b) => b.version)
    host.connect()
    expect(view.board).toBeUndefined()
  })
})

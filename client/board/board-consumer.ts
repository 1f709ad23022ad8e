/**
 * How a Lit element reaches the board: consumes the `BoardController` from context and
 * re-renders its host when the part of the board it selected changed. A view that shows only
 * the phase does not repaint for every keystroke in a note.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardControllerContext } from './board-context'
import type { BoardController } from './board-controller'

type Host = ReactiveControllerHost & HTMLElement

export class BoardConsumer<T = BoardController> implements ReactiveController {
  readonly #consumer: ContextConsumer<typeof boardControllerContext, Host>
  #board: BoardController | undefined
  #selected: T | undefined
  #connected = false

  /**
   * @param select What the host shows; it re-renders when this changes (`Object.is`). Without
   *   it the host re-renders on every change of the board.
   */
  constructor(
    private readonly host: Host,
    private readonly select?: (board: BoardController) => T,
  ) {
    host.addController(this)
    this.#consumer = new ContextConsumer(host, {
      context: boardControllerContext,
      subscribe: true,
      callback: (board) => this.#attach(board),
    })
  }

  /** The board, once the page has opened it. */
  get board(): BoardController | undefined {
    return this.#board
  }

  hostConnected(): void {
    this.#connected = true
    this.#attach(this.#consumer.value)
  }

  hostDisconnected(): void {
    this.#connected = false
    this.#board?.removeEventListener('change', this.#onChange)
  }

  #attach(board: BoardController | undefined): void {
    if (board === this.#board && this.#connected) {
      board?.removeEventListener('change', this.#onChange)
      board?.addEventListener('change', this.#onChange)
      return
    }
    this.#board?.removeEventListener('change', this.#onChange)
    this.#board = board
    if (this.#connected) board?.addEventListener('change', this.#onChange)
    this.#selected = board && this.select ? this.select(board) : undefined
    this.host.requestUpdate()
  }

  readonly #onChange = (): void => {
    const board = this.#board
    if (board === undefined) return
    if (this.select !== undefined) {
      const next = this.select(board)
      if (Object.is(next, this.#selected)) return
      this.#selected = next
    }
    this.host.requestUpdate()
  }
}

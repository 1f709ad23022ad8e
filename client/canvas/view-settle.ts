/**
 * Ends the canvas's "frame the board once its content arrives" when the board has arrived:
 * once the server's copy is here, the view is framed (if it was not already) and from then on
 * only the person moves it. Without this, a participant who opened an empty board had their
 * view jump to the first note someone else added. Where no connection is provided (the
 * benchmark page, tests) the canvas keeps framing on first content.
 */
import { ContextConsumer } from '@lit/context'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { ConnectionSource } from '../board/board-context'
import { boardConnectionContext } from '../board/board-context'
import type { CanvasViewport } from './canvas-viewport'

export class ViewSettle implements ReactiveController {
  #source: ConnectionSource | null = null

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly view: () => CanvasViewport,
  ) {
    host.addController(this)
    new ContextConsumer(host, {
      context: boardConnectionContext,
      subscribe: true,
      callback: (source) => this.#watch(source ?? null),
    })
  }

  hostDisconnected(): void {
    this.#watch(null)
  }

  /** After each render: a board attached meanwhile starts unframed and may already be here. */
  hostUpdated(): void {
    this.#check()
  }

  #watch(source: ConnectionSource | null): void {
    this.#source?.removeEventListener('change', this.#check)
    this.#source = source
    source?.addEventListener('change', this.#check)
    this.#check()
  }

  readonly #check = (): void => {
    if (this.#source?.snapshot.serverSynced === true) this.view().settle()
  }
}

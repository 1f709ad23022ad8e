/** The board connection's status for one host (the status chip, the offline banner). */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { ConnectionInfo, ConnectionSource } from '../board/board-context'

const UNKNOWN: ConnectionInfo = {
  status: 'offline',
  pending: 0,
  localLoaded: false,
  serverSynced: false,
  refused: null,
}

export class ConnectionController implements ReactiveController {
  #source: ConnectionSource | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => ConnectionSource | null,
  ) {
    host.addController(this)
  }

  get value(): ConnectionInfo {
    return this.#source?.snapshot ?? UNKNOWN
  }

  hostConnected(): void {
    this.#attach(this.source())
  }

  hostDisconnected(): void {
    this.#attach(null)
  }

  hostUpdate(): void {
    const next = this.source()
    if (next !== this.#source) this.#attach(next)
  }

  #attach(next: ConnectionSource | null): void {
    this.#source?.removeEventListener('change', this.#onChange)
    this.#source = next
    next?.addEventListener('change', this.#onChange)
  }

  readonly #onChange = (): void => this.host.requestUpdate()
}

/**
 * The status chip's one source for a board and this person's private room: the board's
 * connection as it is, with the private room's unconfirmed changes added to the count, so hidden
 * notes typed offline show as "not sent yet" like every other change (docs/client.md).
 */
import type { ConnectionInfo, ConnectionSource } from '../board/board-context'

/** What the chip needs of the private room: its unconfirmed changes, and when they change. */
export interface PendingSource extends EventTarget {
  readonly pending: number
}

export class CombinedStatus extends EventTarget implements ConnectionSource {
  readonly #board: ConnectionSource
  readonly #room: PendingSource

  constructor(board: ConnectionSource, room: PendingSource) {
    super()
    this.#board = board
    this.#room = room
    board.addEventListener('change', this.#changed)
    room.addEventListener('change', this.#changed)
  }

  get snapshot(): ConnectionInfo {
    const board = this.#board.snapshot
    const extra = this.#room.pending
    if (extra === 0) return board
    // Connected with something unconfirmed is "syncing", as the board's own count makes it.
    const status = board.status === 'online' ? 'syncing' : board.status
    return { ...board, status, pending: board.pending + extra }
  }

  /** The board's own way out of a role refusal; the private room keeps its hidden notes. */
  discardUnsent(): Promise<void> {
    return this.#board.discardUnsent?.() ?? Promise.resolve()
  }

  destroy(): void {
    this.#board.removeEventListener('change', this.#changed)
    this.#room.removeEventListener('change', this.#changed)
  }

  readonly #changed = (): void => {
    this.dispatchEvent(new Event('change'))
  }
}

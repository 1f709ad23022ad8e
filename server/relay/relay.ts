/**
 * The live relay without any socket library: accepts authenticated sockets onto boards, runs the
 * keepalive, revokes sockets on token rotation and drains everything on shutdown. upgrade.ts
 * feeds it `ws` sockets; tests can feed it plain objects.
 */
import { Connection, type RelaySocket, type Role } from './connection'
import type { FlowLimits } from './inbound-flow'
import type { RoomOptions } from './room-contract'
import { BoardTooLargeError } from './board-size'
import { CloseCode } from './protocol'
import { Rooms } from './rooms'
import { PrivateRooms, type RoomPlace } from './private-rooms'
import { InThreadLoader, readMerged } from '../storage/off-thread-load'

/** Everything a room takes (room-contract.ts), plus what the sockets and their keepalive need. */
export interface RelayOptions extends Omit<RoomOptions, 'onUnsafe'> {
  readonly now: () => number
  readonly newId: () => string
  readonly maxBufferedBytes: number
  /** Per-socket work and sync-request budgets (inbound-flow.ts); defaults when absent. */
  readonly flow?: FlowLimits | undefined
  readonly pingIntervalMs: number
  readonly idleTimeoutMs: number
}

export class Relay {
  readonly rooms: Rooms
  /** Each member's private room of a board, and the reveals (private-rooms.ts). */
  readonly privateRooms: PrivateRooms
  readonly connections = new Set<Connection>()
  #heartbeat: ReturnType<typeof setInterval> | null = null
  #accepting = true

  constructor(private readonly options: RelayOptions) {
    this.rooms = new Rooms(options, (room) => this.privateRooms.boardLoaded(room))
    this.privateRooms = new PrivateRooms(options, this.rooms)
  }

  get accepting(): boolean {
    return this.#accepting
  }

  /** Starts the keepalive timer (kept out of the constructor so tests can run without it). */
  startHeartbeat(): void {
    if (this.#heartbeat !== null || this.options.pingIntervalMs <= 0) return
    this.#heartbeat = setInterval(() => {
      for (const connection of [...this.connections]) {
        connection.heartbeat(this.options.idleTimeoutMs)
      }
    }, this.options.pingIntervalMs)
    this.#heartbeat.unref()
  }

  /**
   * Puts an authenticated socket on its board, or on `place` (a private room of the board:
   * PrivateRooms.place). The returned connection must be told about inbound frames
   * (`receive`), pongs (`alive = true`) and the socket closing (`detach`).
   */
  accept(
    socket: RelaySocket,
    boardId: string,
    role: Role,
    place: RoomPlace = this.#boardPlace(boardId),
  ): Connection {
    const connection = new Connection(this.options.newId(), boardId, role, socket, {
      metrics: this.options.metrics,
      logger: this.options.logger,
      maxBufferedBytes: this.options.maxBufferedBytes,
      now: this.options.now,
      flow: this.options.flow,
      onDetach: (gone, room) => {
        this.connections.delete(gone)
        if (room !== null) place.release(room)
      },
    })
    this.connections.add(connection)
    this.options.metrics.connectionsOpened++
    const loading = place.acquire()
    place.onStoredState((reply) => connection.offerStoredState(reply))
    loading.then(
      (room) => {
        if (connection.closed) place.release(room)
        else connection.attach(room)
      },
      (error: unknown) => {
        if (error instanceof BoardTooLargeError) {
          this.options.metrics.reject('board-too-large')
          this.options.logger.warn(
            { boardId, connId: connection.id, bytes: error.bytes, limit: error.limit },
            'board too large to open',
          )
          connection.close(CloseCode.boardTooLarge, error.message)
          return
        }
        this.options.logger.error(
          { err: error, boardId, connId: connection.id },
          'board load failed',
        )
        connection.close(CloseCode.tryAgainLater, 'board unavailable')
      },
    )
    return connection
  }

  #boardPlace(boardId: string): RoomPlace {
    return {
      acquire: () => this.rooms.acquire(boardId),
      release: (room) => this.rooms.release(boardId, room),
      onStoredState: (listener) => this.rooms.onStoredState(boardId, listener),
    }
  }

  /**
   * Closes every socket on a board (token rotation): the old tokens no longer open it. Other
   * relay nodes are told to do the same, unless the rotation was announced by one of them.
   */
  revoke(boardId: string, announcedByOtherNode = false): number {
    if (!announcedByOtherNode) this.options.fanout?.revoked?.(boardId)
    let closed = 0
    for (const connection of [...this.connections]) {
      if (connection.boardId !== boardId) continue
      connection.close(CloseCode.tokenRevoked, 'token rotated')
      closed++
    }
    return closed
  }

  /**
   * What storage holds for a board, as one update (the backup download). A big board is read
   * and merged by the load worker (on a connection of its own on SQLite) so other boards keep
   * their event loop: merging 10 MB of rows here took turns of 0.5–1.7 s.
   */
  readStored(boardId: string): Promise<Uint8Array> {
    return readMerged(
      this.options.store,
      this.options.loader ?? new InThreadLoader(),
      boardId,
      null,
    )
  }

  /**
   * Stops accepting, flushes every board (bounded by `timeoutMs`), closes the sockets with 1012
   * and releases every room. Returns how many updates could not be saved.
   */
  async shutdown(timeoutMs: number): Promise<number> {
    this.#accepting = false
    if (this.#heartbeat !== null) clearInterval(this.#heartbeat)
    this.#heartbeat = null
    for (const connection of this.connections) connection.freeze()
    // Private rooms too: a hidden note is stored like any other edit.
    const loaded = () => [...this.rooms.loaded(), ...this.privateRooms.rooms.loaded()]
    await Promise.all(loaded().map((room) => room.flush(timeoutMs)))
    for (const connection of [...this.connections]) {
      connection.close(CloseCode.serviceRestart, 'server restarting')
    }
    let lost = 0
    for (const room of loaded()) {
      const dropped = room.abandon()
      if (dropped > 0) {
        lost += dropped
        this.options.logger.error({ boardId: room.boardId, lost: dropped }, 'updates not saved')
      }
    }
    this.rooms.destroyAll()
    this.privateRooms.rooms.destroyAll()
    return lost
  }
}

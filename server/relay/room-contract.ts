/**
 * What a room is given (RoomOptions), what it asks of the connections it serves (Peer), and
 * the errors it reports. Kept apart from room.ts so the relay's other modules can name them
 * without importing the room itself.
 */
import type { RoomFanout } from '../cluster/fanout'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { CompactionPolicy } from '../storage/compaction'
import type { StateLoader } from '../storage/off-thread-load'
import type { BoardStore } from '../storage/store'
import type { Role } from './connection'
import type { GateLimits } from './update-gate'

/** What a room needs from the connection it serves (connection.ts implements it). */
export interface Peer {
  readonly id: string
  /** Awareness client ids this peer introduced; removed from awareness when it leaves. */
  readonly awarenessIds: Set<number>
  /** Stamped on its presence states (presence-claims.ts); absent counts as 'view'. */
  readonly role?: Role
  /** The member id the socket claims (`?member=`): whose notes are "your own" (permissions.ts). */
  readonly member?: string | null
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  /**
   * The peer's update (`update`, when it got as far as the gate) was refused
   * (UpdateRejectedError, BoardFullError, …): tell it why, or hold it (connection.ts).
   */
  rejectUpdate(error: unknown, update?: Uint8Array): void
  /** The work (structs and delete ranges) the peer's admitted update costs (flow-budget.ts). */
  spend?(units: number): void
}

export interface RoomOptions {
  readonly store: BoardStore
  readonly metrics: Metrics
  readonly logger: Logger
  readonly maxAwarenessBytes: number
  readonly maxAwarenessClientsPerConnection: number
  /** All presence states of the room together (room-presence.ts); its default when absent. */
  readonly maxRoomAwarenessBytes?: number | undefined
  /** Presence bytes one socket may publish per second; faster updates are coalesced. */
  readonly maxAwarenessBytesPerSecond?: number | undefined
  readonly compaction: CompactionPolicy
  readonly storageRetryMaxMs: number
  /** Largest board opened or grown (board-size.ts); DEFAULT_MAX_BOARD_BYTES when absent. */
  readonly maxBoardBytes?: number | undefined
  /** Bounds on one update (update-gate.ts); DEFAULT_GATE_LIMITS when absent. */
  readonly updateLimits?: GateLimits | undefined
  /** Cross-node fan-out (server/cluster/); absent on a single node. */
  readonly fanout?: RoomFanout | undefined
  /**
   * Loads and compacts big boards off the event loop (storage/off-thread-load.ts); without
   * it both run in this thread.
   */
  readonly loader?: StateLoader | undefined
  /**
   * False for a private room (private-rooms.ts): it belongs to the one member holding its key,
   * so the board's role policy is not judged there; the shape and size gate still is.
   */
  readonly judgeRoles?: boolean | undefined
  /** Told when a throw inside Yjs made the room unsafe (rooms.ts reloads the board). */
  readonly onUnsafe?: ((room: { readonly boardId: string }) => void) | undefined
}

/** Thrown for a client message that does not decode; the caller closes that socket (1007). */
export class MalformedUpdateError extends Error {
  override name = 'MalformedUpdateError'
}

/** The room was closed for a reload (a throw inside Yjs); try again on the reloaded board. */
export class RoomUnsafeError extends Error {
  override name = 'RoomUnsafeError'
  constructor() {
    super('the board is reloading after a failed update; try again')
  }
}

/**
 * A socket asked for a big board's whole state more often than a client ever needs to (once
 * at join, once more after a lost reply): each answer is megabytes out. Closed with 1008.
 */
export class SyncFloodError extends Error {
  override name = 'SyncFloodError'
  constructor() {
    super('too many sync requests')
  }
}

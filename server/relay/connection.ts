/**
 * One client socket on one board: reads y-websocket messages (untrusted) and hands the valid
 * ones to its room. Anything that does not decode closes this socket with 1007 and touches
 * nothing else; view-only sockets may read and use awareness but never write.
 */
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import type { Logger } from '../log'
import type { Metrics, RejectReason } from '../metrics'
import { UpdateRejectedError } from '../../core/sync/index'
import { MalformedAwarenessError } from './awareness-guard'
import { BoardFullError, BoardReadOnlyError } from './board-size'
import { ROLE_REFUSED_CLOSE, RoleRefusedError } from './update-gate'
import { DEFAULT_FLOW_LIMITS, InboundFlow, type FlowLimits } from './inbound-flow'
import {
  CloseCode,
  messageAuth,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
} from './protocol'
import type { StoredReply } from './load-board'
import {
  LaneFullError,
  MalformedUpdateError,
  RoomUnsafeError,
  SyncFloodError,
  type Peer,
  type Room,
} from './room'

/** What a board link grants; 'facilitate' can do all 'edit' can, plus the facilitator-only actions. */
export type Role = 'facilitate' | 'edit' | 'view'

/** Whether a role may send document updates at all (what it may change is the room's policy). */
export function canWrite(role: Role): boolean {
  return role !== 'view'
}

/** The part of a `ws` WebSocket the relay uses; tests drive it with a plain object. */
export interface RelaySocket {
  readonly readyState: number
  readonly bufferedAmount: number
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  terminate(): void
  ping(): void
  /** Stops reading frames (ws WebSocket.pause); absent on test doubles. */
  pause?(): void
  resume?(): void
}

const OPEN = 1
/** What is held while the board is still loading; a flood before that is refused. */
const MAX_EARLY_MESSAGES = 256
const MAX_EARLY_BYTES = 32 * 1024 * 1024

export interface ConnectionDeps {
  readonly metrics: Metrics
  readonly logger: Logger
  readonly maxBufferedBytes: number
  readonly now: () => number
  /** DEFAULT_FLOW_LIMITS when absent. */
  readonly flow?: FlowLimits | undefined
  /** Lets the relay forget the connection and release its hold on the room. */
  readonly onDetach: (connection: Connection, room: Room | null) => void
}

export class Connection implements Peer {
  readonly awarenessIds = new Set<number>()
  /** The member id the socket claims (upgrade.ts, `?member=`), set before any message. */
  member: string | null = null
  lastMessageAt: number
  /** Cleared by each heartbeat, set again by the pong. */
  alive = true
  #room: Room | null = null
  #early: { data: Uint8Array; isBinary: boolean }[] = []
  #earlyBytes = 0
  #closed = false
  #frozen = false
  /** The board's stored state while it loads (Rooms.onStoredState), and whether we sent it. */
  #storedState: StoredReply | null = null
  /** Bytes sent during the current turn of the event loop (`sendEpoch`). */
  #burstBytes = 0
  #burstEpoch = -1
  #answeredFromStore = false
  readonly #flow: InboundFlow
  readonly #log: Logger

  constructor(
    readonly id: string,
    readonly boardId: string,
    readonly role: Role,
    private readonly socket: RelaySocket,
    private readonly deps: ConnectionDeps,
  ) {
    this.lastMessageAt = deps.now()
    this.#log = deps.logger.child({ boardId, connId: id, role })
    this.#flow = new InboundFlow(socket, deps.now, deps.flow ?? DEFAULT_FLOW_LIMITS)
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Joins the loaded room and replays what arrived while it loaded. */
  attach(room: Room): void {
    this.#room = room
    this.#storedState = null
    room.join(this, this.#answeredFromStore)
    this.#log.info({ peers: room.peers.size }, 'connected')
    const early = this.#early
    this.#early = []
    for (const message of early) {
      if (this.#closed) break
      this.receive(message.data, message.isBinary)
    }
  }

  /** Leaves the room once, whichever comes first: our close, or the socket's 'close' event. */
  detach(): void {
    if (this.#closed) return
    this.#closed = true
    this.#early = []
    this.#flow.stop()
    const room = this.#room
    this.#room = null
    room?.leave(this)
    this.#log.info('disconnected')
    this.deps.onDetach(this, room)
  }

  /**
   * Shutdown: ignore whatever the client still sends so the flush can finish. Nothing is lost:
   * the client keeps its edits and the sync on reconnect delivers them to the next server.
   */
  freeze(): void {
    this.#frozen = true
  }

  receive(data: Uint8Array, isBinary: boolean): void {
    if (this.#closed || this.#frozen) return
    this.deps.metrics.messagesIn++
    this.deps.metrics.bytesIn += data.byteLength
    this.lastMessageAt = this.deps.now()
    if (!isBinary) {
      this.#refuse('text-frame', CloseCode.unsupportedData, 'binary y-websocket frames only')
      return
    }
    const room = this.#room
    if (room === null) {
      if (this.#storedState !== null && isFirstSyncStep1(data)) {
        this.#answerFromStore(this.#storedState)
        return
      }
      this.#earlyBytes += data.byteLength
      if (this.#early.length >= MAX_EARLY_MESSAGES || this.#earlyBytes > MAX_EARLY_BYTES) {
        this.#refuse('malformed', CloseCode.tryAgainLater, 'too many messages before sync')
      } else {
        this.#early.push({ data, isBinary })
      }
      return
    }
    try {
      this.#dispatch(room, data)
    } catch (error) {
      this.rejectUpdate(error)
    }
  }

  /** Closes the socket with the code and reason that say why its message was refused. */
  rejectUpdate(error: unknown, update?: Uint8Array): void {
    if (this.#closed) return
    if (update !== undefined && this.#flow.hold(error, update)) return
    const room = this.#room
    if (error instanceof BoardFullError || error instanceof BoardReadOnlyError) {
      // Nothing is lost: the client keeps the edit (IndexedDB) and 44xx stops its retries.
      this.#log.warn({ size: room?.sizeBytes, reason: error.message }, 'update refused: board size')
      const reason = error instanceof BoardFullError ? 'board-full' : 'board-read-only'
      this.#refuse(reason, CloseCode.boardTooLarge, error.message)
      return
    }
    if (error instanceof SyncFloodError) {
      this.#refuse('sync-flood', CloseCode.policyViolation, error.message)
      return
    }
    if (error instanceof LaneFullError) {
      this.#refuse('board-busy', CloseCode.tryAgainLater, error.message)
      return
    }
    if (error instanceof RoomUnsafeError) {
      this.close(CloseCode.internalError, error.message)
      return
    }
    if (error instanceof RoleRefusedError) {
      // Nothing of it was stored or sent on; the app shows the reason (4403 stops retries).
      this.#log.warn({ member: this.member, reason: error.message }, 'update refused: role')
      this.#refuse('update-refused', ROLE_REFUSED_CLOSE, error.closeReason)
      return
    }
    if (error instanceof UpdateRejectedError) {
      this.#log.warn({ problem: error.problem, reason: error.message }, 'update refused')
      this.#refuse('update-refused', CloseCode.invalidPayload, closeReason(error.message))
      return
    }
    const known = error instanceof MalformedUpdateError || error instanceof MalformedAwarenessError
    this.#log.warn({ err: known ? String(error) : error }, 'malformed message')
    this.#refuse('malformed', CloseCode.invalidPayload, 'malformed message')
  }

  /** Charges admitted work; past the budget the socket stops being read until it refills. */
  spend(units: number): void {
    if (!this.#closed) this.#flow.spend(units)
  }

  /**
   * A first-time joiner (sync step 1 with an empty state vector) waiting for a big board to
   * load gets the stored state now instead of after the doc is built (10k notes: ≈300 ms).
   */
  offerStoredState(reply: StoredReply): void {
    if (this.#room !== null || this.#closed || this.#answeredFromStore) return
    this.#storedState = reply
    const index = this.#early.findIndex((early) => isFirstSyncStep1(early.data))
    if (index === -1) return
    const [early] = this.#early.splice(index, 1)
    this.#earlyBytes -= early?.data.byteLength ?? 0
    this.#answerFromStore(reply)
  }

  #answerFromStore(reply: StoredReply): void {
    this.#answeredFromStore = true
    this.#storedState = null
    for (const message of reply()) this.send(message)
  }

  #answerStep1(room: Room, stateVector: Uint8Array): void {
    try {
      room.replyToSyncStep1(this, stateVector)
    } catch (error) {
      this.rejectUpdate(error)
    }
  }

  #dispatch(room: Room, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case messageSync: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        endOfMessage(decoder)
        if (step === syncProtocol.messageYjsSyncStep1) {
          // Over the budget, requests wait and are answered in order as it refills (our
          // client probes after each burst of edits); past the queue's bound, it is a flood.
          const verdict = this.#flow.syncRequest(payload, (waited) => {
            if (!this.#closed) this.#answerStep1(room, waited)
          })
          if (verdict === 'flood') {
            this.#refuse('sync-flood', CloseCode.policyViolation, 'too many sync requests')
          } else if (verdict === 'now') {
            this.#answerStep1(room, payload)
          }
        } else if (
          step === syncProtocol.messageYjsSyncStep2 ||
          step === syncProtocol.messageYjsUpdate
        ) {
          if (!canWrite(this.role)) {
            // A stock provider always answers our step 1 with a step 2, even when view-only:
            // drop it quietly rather than closing, and count it.
            this.deps.metrics.reject('read-only')
            return
          }
          room.receiveUpdate(this, payload)
          if (step === syncProtocol.messageYjsSyncStep2 && this.#flow.firstStep2()) {
            // Held updates go again once the step 2 they build on has been applied.
            room.afterUpdates(() => {
              for (const held of this.#flow.takeHeld()) {
                if (!this.#closed) room.receiveUpdate(this, held)
              }
            })
          }
        } else {
          throw new MalformedUpdateError(`unknown sync step ${step}`)
        }
        return
      }
      case messageAwareness: {
        const payload = decoding.readVarUint8Array(decoder)
        endOfMessage(decoder)
        const verdict = room.applyClientAwareness(this, payload)
        if (!verdict.ok) {
          this.deps.metrics.reject(verdict.reason)
          this.#log.warn({ reason: verdict.reason }, verdict.message)
        }
        return
      }
      case messageQueryAwareness:
        room.sendAwarenessTo(this)
        return
      case messageAuth:
        // Clients have nothing to say on the auth channel; ignore like the stock server does.
        return
      default:
        throw new MalformedUpdateError(`unknown message type ${type}`)
    }
  }

  send(message: Uint8Array): void {
    if (this.#closed || this.socket.readyState !== OPEN) return
    // What this turn of the event loop sent cannot have drained yet: only what was still
    // buffered from earlier turns says the peer is not reading. Otherwise one reply larger than
    // the cap (a big board's step 2, then the updates that follow it) would cut its own socket.
    const epoch = sendEpoch()
    if (epoch !== this.#burstEpoch) {
      this.#burstEpoch = epoch
      this.#burstBytes = 0
    }
    if (this.socket.bufferedAmount - this.#burstBytes > this.deps.maxBufferedBytes) {
      // The peer is not reading. Buffering without bound would let one tab exhaust our memory,
      // and a close frame would queue behind the same backlog: cut the TCP connection instead.
      this.deps.metrics.reject('slow-reader')
      this.#log.warn({ buffered: this.socket.bufferedAmount }, 'slow reader cut off')
      this.terminate()
      return
    }
    this.#burstBytes += message.byteLength
    this.deps.metrics.messagesOut++
    this.deps.metrics.bytesOut += message.byteLength
    this.socket.send(message)
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === OPEN) this.socket.close(code, reason)
    this.detach()
  }

  terminate(): void {
    this.socket.terminate()
    this.detach()
  }

  /** One keepalive tick: drop the socket if it missed the last pong or has been idle too long. */
  heartbeat(idleTimeoutMs: number): void {
    if (this.#closed) return
    if (!this.alive) {
      this.#log.info('no pong since the last ping; terminating')
      this.terminate()
      return
    }
    if (this.deps.now() - this.lastMessageAt > idleTimeoutMs) {
      this.#log.info('idle timeout')
      this.close(CloseCode.normal, 'idle timeout')
      return
    }
    this.alive = false
    this.socket.ping()
  }

  #refuse(reason: RejectReason, code: number, message: string): void {
    this.deps.metrics.reject(reason)
    this.close(code, message)
  }
}

let epoch = 0
let epochTicking = false

/**
 * A number that changes once per turn of the event loop in which anything was sent: one
 * setImmediate for the whole relay, not one per socket.
 */
function sendEpoch(): number {
  if (!epochTicking) {
    epochTicking = true
    setImmediate(() => {
      epoch++
      epochTicking = false
    })
  }
  return epoch
}

/** `[messageSync, step 1, length 1, empty state vector]`: a client that has nothing yet. */
function isFirstSyncStep1(data: Uint8Array): boolean {
  return data.byteLength === 4 && data[0] === 0 && data[1] === 0 && data[2] === 1 && data[3] === 0
}

/** Close reasons are at most 123 bytes of UTF-8; the gate's messages are ASCII. */
function closeReason(message: string): string {
  return message.length > 120 ? `${message.slice(0, 117)}...` : message
}

function endOfMessage(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedUpdateError('trailing bytes after message')
}

/**
 * The contract between a room (server/relay/room.ts) and cross-node fan-out, plus the wire format
 * of a fanned-out message. Kept free of any Redis code and of relay imports, so the relay depends
 * on this small file only and tests can drive a room with an in-memory fan-out.
 */
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'

/**
 * Origin of changes that came from another relay node. A room broadcasts such doc updates to its
 * own peers but never appends them to the store again: the node that made them already did.
 */
export const REMOTE_ORIGIN = 'remote-node'

/** What fan-out needs to see of a loaded room. */
export interface FanoutRoom {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly awareness: Awareness
  /** This node's connections; their awareness ids are republished after a gap is healed. */
  readonly peers: ReadonlySet<{ readonly awarenessIds: ReadonlySet<number> }>
}

/**
 * Hooks a room calls. `open` is awaited before the board is read from storage, so every update
 * published after that read began reaches this node (buffered until `attach`); `durable` gets
 * each batch of this node's own updates once it is stored and sent to the local peers.
 */
export interface RoomFanout {
  open(boardId: string): Promise<void>
  attach(room: FanoutRoom): void
  durable(room: FanoutRoom, update: Uint8Array): void
  detach(boardId: string): void
  /** Tokens of a board were rotated here: the other nodes close their sockets on it too. */
  revoked?(boardId: string): void
}

export const MessageKind = { update: 1, awareness: 2, revoke: 3 } as const
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind]

export interface FanoutMessage {
  readonly kind: MessageKind
  /** The node that published it: a node skips its own messages coming back. */
  readonly origin: string
  readonly payload: Uint8Array
}

/**
 * `[kind: u8][origin length: u8][origin: utf-8][payload]`. Binary, so a Yjs update travels
 * without base64's third more bytes.
 *
 * @example
 * decodeMessage(encodeMessage({ kind: MessageKind.update, origin: 'n1', payload })) // same
 */
export function encodeMessage(message: FanoutMessage): Uint8Array {
  const origin = new TextEncoder().encode(message.origin)
  if (origin.length > 255) throw new RangeError('node id longer than 255 bytes')
  const out = new Uint8Array(2 + origin.length + message.payload.length)
  out[0] = message.kind
  out[1] = origin.length
  out.set(origin, 2)
  out.set(message.payload, 2 + origin.length)
  return out
}

/** Null for anything malformed: whatever comes out of Redis is checked like a client frame. */
export function decodeMessage(bytes: Uint8Array): FanoutMessage | null {
  if (bytes.length < 2) return null
  const kind = bytes[0]
  const length = bytes[1] ?? 0
  if (
    kind !== MessageKind.update &&
    kind !== MessageKind.awareness &&
    kind !== MessageKind.revoke
  ) {
    return null
  }
  if (bytes.length < 2 + length + 1) return null
  const origin = new TextDecoder().decode(bytes.subarray(2, 2 + length))
  return { kind, origin, payload: bytes.subarray(2 + length) }
}

/**
 * One room's presence (y-protocols Awareness) and what it may cost. Presence is echoed to every
 * peer, so each byte a socket publishes is sent N times: the bounds here are what keep that
 * echo, and the snapshot every joiner receives, proportional to the room rather than to what a
 * client chooses to send.
 *
 * - each state: at most MAX_AWARENESS_BYTES of UTF-8 (awareness-guard.ts);
 * - the room: all states together at most MAX_ROOM_AWARENESS_BYTES. A state that would grow
 *   the room past it is refused; one that shrinks or keeps the size of the one it replaces
 *   always passes, so a full room still lets people clear a selection or leave;
 * - each socket: at most MAX_AWARENESS_BYTES_PER_SECOND of states (a token bucket holding a
 *   second's worth, or one full-size state if that is more). Faster updates are coalesced, not
 *   dropped: the latest state per client id is applied once the bucket has refilled, so a
 *   final cursor position or a removal is never lost.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Metrics } from '../metrics'
import {
  checkAwarenessUpdate,
  encodeEntries,
  type AwarenessEntry,
  type AwarenessVerdict,
} from './awareness-guard'
import { stampPresence } from './presence-claims'
import { encodeAwareness } from './protocol'

/** The part of a room's peer that presence uses (room.ts' Peer). */
export interface PresencePeer {
  /** Stamped on every accepted state; absent (a peer that proved nothing) counts as 'view'. */
  readonly role?: string | undefined
  /** Awareness client ids this peer introduced; removed from awareness when it leaves. */
  readonly awarenessIds: Set<number>
  send(message: Uint8Array): void
}

/** The room's settings presence reads (RoomOptions has them under the same names). */
export interface PresenceOptions {
  readonly metrics: Metrics
  /** Largest state of one client, in UTF-8 bytes. */
  readonly maxAwarenessBytes: number
  readonly maxAwarenessClientsPerConnection: number
  /** All states of the room together; DEFAULT_MAX_ROOM_AWARENESS_BYTES when absent. */
  readonly maxRoomAwarenessBytes?: number | undefined
  /** What one socket may publish per second; DEFAULT_AWARENESS_BYTES_PER_SECOND when absent. */
  readonly maxAwarenessBytesPerSecond?: number | undefined
}

/** A team of 100 with cursor + selection states (≈0.2–2 KB each) stays far below it. */
export const DEFAULT_MAX_ROOM_AWARENESS_BYTES = 1024 * 1024
/**
 * Our client sends ≤ 30 cursor moves/s of ≈ 150 B + 25 B per selected note: up to ≈ 20 selected
 * notes pass uncoalesced, a larger selection's cursor is shown less often while it moves.
 */
export const DEFAULT_AWARENESS_BYTES_PER_SECOND = 16 * 1024
/**
 * What the smallest update costs against the rate: frames carry fixed costs (a send to every
 * peer) that their size does not show, so tiny updates are bounded in number too.
 */
const MIN_UPDATE_COST = 256

interface Pace {
  /** Bytes the socket may still send now. */
  tokens: number
  at: number
  /** Latest coalesced entry per client id, applied when the socket is back in credit. */
  pending: Map<number, AwarenessEntry> | null
  timer: ReturnType<typeof setTimeout> | null
}

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  /** Bytes of each client's current state, and their sum (what maxRoomBytes bounds). */
  readonly #sizes = new Map<number, number>()
  #total = 0
  readonly #paces = new Map<PresencePeer, Pace>()
  /** Sizes of the entries being applied right now, so the update handler need not re-measure. */
  #incoming: Map<number, number> | null = null

  readonly #maxRoomBytes: number
  readonly #bytesPerSecond: number
  /** A second's worth, but at least one full-size state, which could never pass otherwise. */
  readonly #bucketBytes: number

  constructor(
    doc: Y.Doc,
    private readonly peers: ReadonlySet<PresencePeer>,
    private readonly options: PresenceOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#maxRoomBytes = options.maxRoomAwarenessBytes ?? DEFAULT_MAX_ROOM_AWARENESS_BYTES
    this.#bytesPerSecond = options.maxAwarenessBytesPerSecond ?? DEFAULT_AWARENESS_BYTES_PER_SECOND
    this.#bucketBytes = Math.max(this.#bytesPerSecond, options.maxAwarenessBytes)
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant: it keeps no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.#onUpdate)
  }

  /** UTF-8 bytes of all states in the room (local peers and, in a cluster, other nodes'). */
  get totalBytes(): number {
    return this.#total
  }

  /** Everyone's current presence, for a peer that just joined; nothing when nobody is here. */
  welcome(peer: PresencePeer): void {
    if (this.awareness.getStates().size > 0) this.sendTo(peer)
  }

  /** Everyone's current presence, for a peer that asked (query awareness). */
  sendTo(peer: PresencePeer): void {
    peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
  }

  /**
   * Checks a peer's awareness update (awareness-guard.ts), stamps its role, and applies it now
   * or, when the peer is over its rate, once it is back in credit. A refusal is returned for the
   * caller to count; the socket stays open.
   */
  apply(peer: PresencePeer, bytes: Uint8Array): AwarenessVerdict {
    const role = peer.role ?? 'view'
    const verdict = checkAwarenessUpdate(bytes, {
      owned: peer.awarenessIds,
      ownedElsewhere: (id) => this.#ownedElsewhere(peer, id),
      maxStateBytes: this.options.maxAwarenessBytes,
      maxClients: this.options.maxAwarenessClientsPerConnection,
      rewrite: (state) => stampPresence(state, role),
    })
    if (!verdict.ok) return verdict
    // Owned from now on, even while coalesced: no other socket may take the id meanwhile.
    for (const id of verdict.introduced) peer.awarenessIds.add(id)
    const pace = this.#pace(peer)
    const price = cost(verdict.entries)
    if (pace.pending === null && pace.tokens >= this.#needed(price)) {
      pace.tokens -= price
      return this.#commit(peer, verdict.entries) ?? verdict
    }
    pace.pending ??= new Map()
    for (const entry of verdict.entries) pace.pending.set(entry.clientId, entry)
    this.#schedule(peer, pace)
    return verdict
  }

  /** Removes the peer's states (everyone is told) and forgets its pace. */
  leave(peer: PresencePeer): void {
    const pace = this.#paces.get(peer)
    if (pace?.timer != null) clearTimeout(pace.timer)
    this.#paces.delete(peer)
    const ids = [...peer.awarenessIds]
    peer.awarenessIds.clear()
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, peer)
  }

  destroy(): void {
    for (const pace of this.#paces.values()) if (pace.timer !== null) clearTimeout(pace.timer)
    this.#paces.clear()
    this.awareness.off('update', this.#onUpdate)
    this.awareness.destroy()
  }

  /** Applies entries unless they would grow the room past its cap; returns the refusal. */
  #commit(peer: PresencePeer, entries: Iterable<AwarenessEntry>): AwarenessVerdict | null {
    const latest = new Map<number, AwarenessEntry>()
    for (const entry of entries) latest.set(entry.clientId, entry)
    const incoming = new Map<number, number>()
    let growth = 0
    for (const [id, entry] of latest) {
      const size = entry.removal ? 0 : entry.json.byteLength
      incoming.set(id, size)
      growth += size - (this.#sizes.get(id) ?? 0)
    }
    if (growth > 0 && this.#total + growth > this.#maxRoomBytes) {
      return {
        ok: false,
        reason: 'awareness-room-full',
        message: `room presence would reach ${this.#total + growth} bytes`,
      }
    }
    this.#incoming = incoming
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(latest.values()), peer)
    } finally {
      this.#incoming = null
    }
    return null
  }

  /** The bucket an update needs: its cost, or a full bucket for an update larger than that. */
  #needed(price: number): number {
    return Math.min(price, this.#bucketBytes)
  }

  #pace(peer: PresencePeer): Pace {
    const now = this.now()
    let pace = this.#paces.get(peer)
    if (pace === undefined) {
      pace = { tokens: this.#bucketBytes, at: now, pending: null, timer: null }
      this.#paces.set(peer, pace)
      return pace
    }
    const refill = ((now - pace.at) / 1000) * this.#bytesPerSecond
    pace.tokens = Math.min(this.#bucketBytes, pace.tokens + refill)
    pace.at = now
    return pace
  }

  #schedule(peer: PresencePeer, pace: Pace): void {
    if (pace.timer !== null || pace.pending === null) return
    const price = cost(pace.pending.values())
    const missing = this.#needed(price) - pace.tokens
    const wait = Math.max(1, Math.ceil((missing / this.#bytesPerSecond) * 1000))
    pace.timer = setTimeout(() => {
      pace.timer = null
      if (this.#paces.get(peer) !== pace || pace.pending === null) return
      this.#pace(peer)
      const due = cost(pace.pending.values())
      if (pace.tokens < this.#needed(due)) {
        this.#schedule(peer, pace)
        return
      }
      const pending = pace.pending
      pace.pending = null
      pace.tokens -= due
      const refused = this.#commit(peer, pending.values())
      if (refused && !refused.ok) this.options.metrics.reject(refused.reason)
    }, wait)
  }

  #ownedElsewhere(peer: PresencePeer, clientId: number): boolean {
    if (clientId === this.awareness.clientID) return true
    for (const other of this.peers) {
      if (other !== peer && other.awarenessIds.has(clientId)) return true
    }
    return false
  }

  readonly #onUpdate = (change: { added: number[]; updated: number[]; removed: number[] }) => {
    for (const id of change.removed) this.#resize(id, 0)
    const states = this.awareness.getStates()
    for (const id of [...change.added, ...change.updated]) {
      // States from other nodes (cluster fan-out) were checked there; measured here so the
      // room total counts them as well.
      this.#resize(id, this.#incoming?.get(id) ?? measure(states.get(id)))
    }
    const changed = [...change.added, ...change.updated, ...change.removed]
    if (changed.length === 0) return
    // Sent to the origin too, as the stock server does: a lone client's own renewal coming back
    // every 15 s is what keeps the stock provider's 30 s "no message received" watchdog quiet.
    const message = encodeAwareness(this.awareness, changed)
    for (const peer of this.peers) peer.send(message)
  }

  #resize(clientId: number, bytes: number): void {
    this.#total += bytes - (this.#sizes.get(clientId) ?? 0)
    if (bytes === 0) this.#sizes.delete(clientId)
    else this.#sizes.set(clientId, bytes)
  }
}

function cost(entries: Iterable<AwarenessEntry>): number {
  let bytes = 0
  for (const entry of entries) bytes += entry.json.byteLength
  return Math.max(MIN_UPDATE_COST, bytes)
}

function measure(state: unknown): number {
  return state === undefined ? 0 : Buffer.byteLength(JSON.stringify(state))
}

/**
 * A seeded in-memory network of Yjs peers for convergence tests (after yjs's own
 * tests/testHelper.js). Every local update is broadcast to the online peers' inboxes; delivery
 * picks a random inbox and a random message in it, so updates arrive out of order. Offline
 * peers neither send nor receive; reconnecting exchanges state diffs, like a provider's sync
 * step. Everything random comes from one seed, so a failing run replays exactly.
 */
import * as prng from 'lib0/prng'
import * as Y from 'yjs'

/** The origin of updates applied by the network, so they are not broadcast again. */
export const NETWORK = Symbol('network')

export interface Peer {
  readonly index: number
  readonly doc: Y.Doc
  /** The origin this peer's commands pass, as a client session would. */
  readonly origin: { readonly peer: number }
  readonly online: boolean
}

export interface Network {
  readonly peers: readonly Peer[]
  /** The network's random generator; tests draw their commands from it too. */
  readonly gen: prng.PRNG
  /** Messages waiting in inboxes. */
  pending(): number
  /** Delivers one random pending message to an online peer; false when there was none. */
  deliverOne(): boolean
  /** Delivers up to `max` random messages. */
  deliverSome(max: number): void
  disconnect(peer: Peer): void
  /** Brings the peer back and queues the state diffs it and each online peer are missing. */
  reconnect(peer: Peer): void
  /** Brings everyone online and delivers every message, in random order. */
  syncAll(): void
  destroy(): void
}

export interface NetworkOptions {
  readonly peers: number
  readonly seed: number
  /** Yjs garbage collection (default true, as in production docs). */
  readonly gc?: boolean
}

interface PeerState {
  readonly index: number
  readonly doc: Y.Doc
  readonly origin: { readonly peer: number }
  online: boolean
  readonly inbox: Uint8Array[]
}

/**
 * @example
 * const net = createNetwork({ peers: 3, seed: 42 })
 * createNote(net.peers[0].doc, {...}, net.peers[0].origin)
 * net.syncAll()
 */
export function createNetwork(options: NetworkOptions): Network {
  const gen = prng.create(options.seed)
  const states: PeerState[] = []
  const usedIds = new Set<number>()
  for (let index = 0; index < options.peers; index++) {
    const doc = new Y.Doc({ gc: options.gc ?? true })
    // Seeded, distinct client ids: Yjs breaks concurrent-write ties by client id.
    let clientID = prng.uint32(gen, 1, 0x7fffffff)
    while (usedIds.has(clientID)) clientID = prng.uint32(gen, 1, 0x7fffffff)
    usedIds.add(clientID)
    doc.clientID = clientID
    const state: PeerState = { index, doc, origin: { peer: index }, online: true, inbox: [] }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NETWORK || !state.online) return
      for (const other of states) if (other !== state && other.online) other.inbox.push(update)
    })
    states.push(state)
  }

  const deliverOne = (): boolean => {
    const ready = states.filter((s) => s.online && s.inbox.length > 0)
    if (ready.length === 0) return false
    const target = prng.oneOf(gen, ready)
    const [message] = target.inbox.splice(prng.uint32(gen, 0, target.inbox.length - 1), 1)
    if (message) Y.applyUpdate(target.doc, message, NETWORK)
    return true
  }

  const reconnect = (peer: Peer): void => {
    const state = states[peer.index]
    if (!state || state.online) return
    state.online = true
    for (const other of states) {
      if (other === state || !other.online) continue
      other.inbox.push(Y.encodeStateAsUpdate(state.doc, Y.encodeStateVector(other.doc)))
      state.inbox.push(Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(state.doc)))
    }
  }

  return {
    peers: states,
    gen,
    pending: () => states.reduce((n, s) => n + s.inbox.length, 0),
    deliverOne,
    deliverSome: (max) => {
      for (let i = 0; i < max && deliverOne(); i++);
    },
    disconnect: (peer) => {
      const state = states[peer.index]
      if (!state) return
      state.online = false
      // What was in flight to it is lost; the sync on reconnect makes up for it.
      state.inbox.length = 0
    },
    reconnect,
    syncAll: () => {
      for (const state of states) reconnect(state)
      while (deliverOne());
    },
    destroy: () => {
      for (const state of states) state.doc.destroy()
    },
  }
}

/** The JSON of every named root, for comparing documents across peers. */
export function docJson(doc: Y.Doc, roots: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(roots.map((name) => [name, doc.getMap(name).toJSON()]))
}

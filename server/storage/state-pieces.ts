/**
 * Cuts a document's state into a sequence of small V1 updates that apply in order, each one
 * only depending on those before it. Applying one 10 MB update blocks the event loop for as
 * long as Yjs takes to integrate all of it (≈21 µs per note); applying bounded pieces with a
 * yield between them lets every other board on the node keep running (server/storage/
 * off-thread-load.ts does the cutting in a worker thread).
 *
 * Yjs writes a full state as one update, client by client, and integrates cross-client
 * references with a stack inside that one call; cut naively, a later client's items would be
 * missing when an earlier piece needs them and Yjs would park whole pieces as pending. So the
 * structs are emitted in a causal order: a struct goes out once the structs its origin, right
 * origin and parent live in are out. Every client's structs stay in clock order, so each piece
 * holds, per client, one contiguous clock range — the shape any Yjs update has.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

type Struct = Y.Item | Y.GC

/** Structs per piece: ≈ 500 notes, 10–20 ms of integration on the reference machine. */
export const DEFAULT_PIECE_STRUCTS = 5_000

function dependencies(struct: Struct): (Y.ID | null)[] {
  if (!(struct instanceof Y.Item)) return []
  const parent = struct.parent instanceof Y.AbstractType ? struct.parent._item?.id : undefined
  return [struct.origin, struct.rightOrigin, parent ?? null]
}

/** One V1 update holding, per client, one contiguous clock range of structs and no deletions. */
export function encodePiece(groups: Map<number, Struct[]>): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, groups.size)
  for (const [client, structs] of groups) {
    const [first] = structs
    if (first === undefined) continue
    encoding.writeVarUint(encoder.restEncoder, structs.length)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, first.id.clock)
    for (const struct of structs) struct.write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, 0) // no deletions: the last piece carries them
  return encoder.toUint8Array()
}

/**
 * The pieces of `doc`'s state, in the order they must be applied. The last piece holds the
 * delete set (and anything Yjs itself still had pending). Applying all of them to an empty
 * doc gives the same state as `Y.encodeStateAsUpdate(doc)`.
 */
export function splitState(doc: Y.Doc, maxStructs = DEFAULT_PIECE_STRUCTS): Uint8Array[] {
  const clients = [...doc.store.clients.entries()]
  const position = new Map<number, number>(clients.map(([client]) => [client, 0]))
  // Clock up to which each client's structs have been emitted (exclusive).
  const emitted = new Map<number, number>()
  const isOut = (id: Y.ID | null) => id === null || (emitted.get(id.client) ?? 0) > id.clock
  const pieces: Uint8Array[] = []
  let groups = new Map<number, Struct[]>()
  let inPiece = 0
  const emit = (client: number, struct: Struct) => {
    let group = groups.get(client)
    if (group === undefined) groups.set(client, (group = []))
    group.push(struct)
    emitted.set(client, struct.id.clock + struct.length)
    if (++inPiece >= maxStructs) {
      pieces.push(encodePiece(groups))
      groups = new Map()
      inPiece = 0
    }
  }
  let remaining = clients.reduce((n, [, structs]) => n + structs.length, 0)
  while (remaining > 0) {
    let progressed = false
    for (const [client, structs] of clients) {
      let at = position.get(client) ?? 0
      while (at < structs.length) {
        const struct = structs[at]
        if (struct === undefined || !dependencies(struct).every(isOut)) break
        emit(client, struct)
        at++
        remaining--
        progressed = true
      }
      position.set(client, at)
    }
    if (!progressed) {
      // Unreachable for a document Yjs integrated (its references are acyclic); if it ever
      // happens, emit the rest in clock order and let Yjs resolve it, losing nothing.
      for (const [client, structs] of clients) {
        for (let at = position.get(client) ?? 0; at < structs.length; at++) {
          const struct = structs[at]
          if (struct !== undefined) emit(client, struct)
        }
        position.set(client, structs.length)
      }
      remaining = 0
    }
  }
  if (inPiece > 0) pieces.push(encodePiece(groups))
  // No structs (the target state vector is the doc's own), the whole delete set, and any
  // pending structs or deletions Yjs could not integrate yet.
  pieces.push(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))
  return pieces
}

/**
 * Cuts an admitted update into pieces that apply one after another, each small enough not to
 * hold the event loop (Yjs integrates an update in one synchronous call: 100k one-character
 * items took 0.3–0.6 s here, during which every other board on the node waited). The pieces
 * follow checkUpdate's causal placement, so none of them leaves anything pending; deletions
 * come last, in their own bounded pieces.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { DeleteRange, ScannedUpdate, UpdateVerdict } from '../../core/sync/index'
import { encodePiece } from '../storage/state-pieces'

/** Structs or delete ranges per piece: ≈ 10–20 ms of integration on the reference machine. */
export const SLICE_SIZE = 5_000

/** Whether the update is worth slicing at all (most are a handful of structs). */
export function needsSlicing(shape: ScannedUpdate, verdict: UpdateVerdict): boolean {
  return verdict.newStructs > SLICE_SIZE || shape.deletes.length > SLICE_SIZE
}

export function sliceUpdate(
  update: Uint8Array,
  shape: ScannedUpdate,
  verdict: UpdateVerdict,
  size = SLICE_SIZE,
): Uint8Array[] {
  // Decoded once, only for updates this big: encodePiece writes Yjs' own struct objects.
  const { structs } = Y.decodeUpdate(update)
  const pieces: Uint8Array[] = []
  let groups = new Map<number, (Y.Item | Y.GC)[]>()
  let inPiece = 0
  for (const placed of verdict.placement) {
    const struct = structs[placed.index]
    if (!(struct instanceof Y.Item || struct instanceof Y.GC)) continue
    let group = groups.get(placed.client)
    if (group === undefined) groups.set(placed.client, (group = []))
    group.push(struct)
    if (++inPiece >= size) {
      pieces.push(encodePiece(groups))
      groups = new Map()
      inPiece = 0
    }
  }
  if (inPiece > 0) pieces.push(encodePiece(groups))
  for (let at = 0; at < shape.deletes.length; at += size) {
    pieces.push(encodeDeletes(shape.deletes.slice(at, at + size)))
  }
  return pieces
}

/** A V1 update with no structs and these delete ranges (yjs: DeleteSet.js writeDeleteSet). */
function encodeDeletes(ranges: readonly DeleteRange[]): Uint8Array {
  const byClient = new Map<number, DeleteRange[]>()
  for (const range of ranges) {
    const list = byClient.get(range.client)
    if (list === undefined) byClient.set(range.client, [range])
    else list.push(range)
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, list.length)
    for (const range of list) {
      encoding.writeVarUint(encoder, range.clock)
      encoding.writeVarUint(encoder, range.len)
    }
  }
  return encoding.toUint8Array(encoder)
}

/**
 * Cuts an admitted update into pieces that apply one after another, each small enough not to
 * hold the event loop. Yjs integrates an update in one synchronous call: 100k one-character
 * items took 0.3–0.6 s here, and a delete-only frame cutting 40k items took seconds on a
 * fragmented text (each cut is an insertion into the client's struct array), during which
 * every other board on the node waited.
 *
 * The pieces follow checkUpdate's causal placement, so none of them leaves anything pending,
 * and are assembled from the update's own struct bytes (scan-update.ts records where each one
 * lies), so slicing decodes nothing twice. Deletions come last, in pieces sized by the items
 * they cut.
 */
import * as encoding from 'lib0/encoding'
import type {
  DeleteRange,
  ScannedStruct,
  ScannedUpdate,
  UpdateVerdict,
} from '../../core/sync/index'

/** Structs per piece at most; the applier sizes pieces by how long the last one took. */
export const SLICE_STRUCTS = 2_000
/** Updates with more new structs than this are applied in pieces (an edit is a handful). */
export const SLICE_FROM_STRUCTS = 256
/** Item cuts per delete piece (each cut moves a struct array): ≈ 10–40 ms each here. */
export const SLICE_CUTS = 250
/** Delete ranges per piece when they cut nothing. */
export const SLICE_DELETES = 5_000

/** Whether the update is worth slicing at all (most are a handful of structs). */
export function needsSlicing(shape: ScannedUpdate, verdict: UpdateVerdict): boolean {
  return (
    verdict.newStructs > SLICE_FROM_STRUCTS ||
    shape.deletes.length > SLICE_DELETES ||
    verdict.splits > SLICE_CUTS
  )
}

/**
 * Hands out the update's pieces one at a time, each as large as the caller asks: integration
 * cost per struct is not fixed (an item among thousands of concurrent siblings at one position
 * makes Yjs scan them all), so the applier asks for fewer structs after a slow piece.
 */
export class SliceCursor {
  #placed = 0
  #deleted = 0
  readonly #deletesPerPiece: number

  constructor(
    private readonly update: Uint8Array,
    private readonly shape: ScannedUpdate,
    private readonly verdict: UpdateVerdict,
  ) {
    // Cuts spread evenly enough over a frame's ranges for an average to size the pieces.
    const cutsPerRange = verdict.deletes === 0 ? 0 : verdict.splits / verdict.deletes
    this.#deletesPerPiece = Math.max(
      1,
      Math.min(SLICE_DELETES, Math.floor(SLICE_CUTS / Math.max(cutsPerRange, 1e-9))),
    )
  }

  /** The next piece with at most `maxStructs` structs (deletions after them), or null. */
  next(maxStructs = SLICE_STRUCTS): Uint8Array | null {
    const placement = this.verdict.placement
    if (this.#placed < placement.length) {
      const size = Math.max(1, Math.min(SLICE_STRUCTS, Math.floor(maxStructs)))
      const groups = new Map<number, ScannedStruct[]>()
      const end = Math.min(placement.length, this.#placed + size)
      for (; this.#placed < end; this.#placed++) {
        const struct = placement[this.#placed]!
        let group = groups.get(struct.client)
        if (group === undefined) groups.set(struct.client, (group = []))
        group.push(struct)
      }
      return encodeStructs(this.update, groups)
    }
    const deletes = this.shape.deletes
    if (this.#deleted < deletes.length) {
      const piece = deletes.slice(this.#deleted, this.#deleted + this.#deletesPerPiece)
      this.#deleted += piece.length
      return encodeDeletes(piece)
    }
    return null
  }
}

/** Every piece at the largest size (tests, and callers that need not share the loop). */
export function sliceUpdate(
  update: Uint8Array,
  shape: ScannedUpdate,
  verdict: UpdateVerdict,
): Uint8Array[] {
  const cursor = new SliceCursor(update, shape, verdict)
  const pieces: Uint8Array[] = []
  for (let piece = cursor.next(); piece !== null; piece = cursor.next()) pieces.push(piece)
  return pieces
}

/**
 * A V1 update holding, per client, one contiguous run of the given structs (placement keeps
 * each client's structs in clock order) and no deletions.
 */
function encodeStructs(update: Uint8Array, groups: Map<number, ScannedStruct[]>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, groups.size)
  for (const [client, structs] of groups) {
    encoding.writeVarUint(encoder, structs.length)
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, structs[0]!.clock)
    for (const struct of structs) {
      encoding.writeUint8Array(encoder, update.subarray(struct.start, struct.end))
    }
  }
  encoding.writeVarUint(encoder, 0)
  return encoding.toUint8Array(encoder)
}

/**
 * A V1 update with no structs and these delete ranges, in the order Yjs' writeDeleteSet writes
 * them (clients descending, each client's ranges by clock), so it is byte for byte what Yjs
 * would send (the hostile-frame tests build their delete sets with it).
 */
export function encodeDeletes(ranges: readonly DeleteRange[]): Uint8Array {
  const byClient = new Map<number, DeleteRange[]>()
  for (const range of ranges) {
    const list = byClient.get(range.client)
    if (list === undefined) byClient.set(range.client, [range])
    else list.push(range)
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, list] of [...byClient].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, list.length)
    for (const range of [...list].sort((a, b) => a.clock - b.clock)) {
      encoding.writeVarUint(encoder, range.clock)
      encoding.writeVarUint(encoder, range.len)
    }
  }
  return encoding.toUint8Array(encoder)
}

/**
 * A big board's delete set, encoded once and kept until something is deleted. Yjs writes the
 * whole delete set into every answer to sync step 1, however little the asker lacks, and
 * builds it by walking every struct of the board (`createDeleteSetFromStructStore`: 170 ms at
 * 1M structs, on the event loop every other board shares). Here it is built in slices with
 * the loop free between them, and reused until a transaction deletes something.
 *
 * The answer is byte for byte what `Y.encodeStateAsUpdate(doc, stateVector)` returns: the
 * structs the asker lacks (Yjs' own writer, on a view of the store holding only the clients
 * with something to send) followed by the cached delete set.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { runSteps, type Steps } from '../../core/sync/index'

/** Longest piece of the walk between two yields to the event loop. */
export const DELETE_SET_SLICE_MS = 8

type Structs = readonly (Y.Item | Y.GC)[]

export class DeleteSetCache {
  #encoded: Uint8Array | null = null
  /** Counts every transaction: a walk that saw one mid-way started over a changed store. */
  #transactions = 0

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.#onTransaction)
  }

  /** Whether the delete set is cached (the answer can be written at once). */
  get ready(): boolean {
    return this.#encoded !== null
  }

  /** Builds the delete set in slices, with the event loop free between them. */
  async build(): Promise<void> {
    if (this.#encoded === null) await this.#build()
  }

  /**
   * `Y.encodeStateAsUpdate(doc, stateVector)`, with the delete set from the cache (Yjs' own
   * walk when it is not built). `known` is the decoded `stateVector`.
   */
  stateAsUpdate(stateVector: Uint8Array, known: Map<number, number>): Uint8Array {
    const deletes = this.#encoded
    const store = this.doc.store
    if (deletes === null || store.pendingStructs !== null || store.pendingDs !== null) {
      return Y.encodeStateAsUpdate(this.doc, stateVector)
    }
    const lacking = new Map<number, Structs>()
    for (const [client, structs] of store.clients) {
      if (Y.getState(store, client) > (known.get(client) ?? 0)) lacking.set(client, structs)
    }
    // Yjs reads nothing of a doc here but its store's clients and pending fields.
    const view = { store: { clients: lacking, pendingStructs: null, pendingDs: null } }
    const partial = Y.encodeStateAsUpdate(view as unknown as Y.Doc, stateVector)
    const partialDeletes = encodeDeleteSet(lacking)
    const structsEnd = partial.byteLength - partialDeletes.byteLength
    if (!endsWith(partial, partialDeletes)) return Y.encodeStateAsUpdate(this.doc, stateVector)
    const update = new Uint8Array(structsEnd + deletes.byteLength)
    update.set(partial.subarray(0, structsEnd))
    update.set(deletes, structsEnd)
    return update
  }

  /** Walks the store in slices; null when it kept changing under the walk. */
  async #build(): Promise<Uint8Array | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const seen = this.#transactions
      const encoded = await encodeDeleteSetInSlices(
        this.doc.store.clients,
        () => this.#transactions === seen,
      )
      if (encoded !== null) return (this.#encoded = encoded)
    }
    return null
  }

  readonly #onTransaction = (transaction: Y.Transaction) => {
    this.#transactions++
    if (this.#encoded !== null && deletesSomething(transaction)) this.#encoded = null
  }
}

/** Whether the delete set may differ after `transaction`: it deleted, or took in GC structs. */
function deletesSomething(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  const clients = transaction.doc.store.clients
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = clients.get(client)
    if (after <= before || structs === undefined) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      if (structs[i]!.deleted) return true
    }
  }
  return false
}

function endsWith(bytes: Uint8Array, tail: Uint8Array): boolean {
  if (tail.byteLength > bytes.byteLength) return false
  const offset = bytes.byteLength - tail.byteLength
  for (let i = 0; i < tail.byteLength; i++) if (bytes[offset + i] !== tail[i]) return false
  return true
}

/** One client's deleted ranges as Yjs' V1 writer puts them, consecutive deleted structs merged. */
class ClientRanges {
  readonly body = encoding.createEncoder()
  ranges = 0
  #clock = -1
  #len = 0

  add(struct: Y.Item | Y.GC): void {
    if (!struct.deleted) return this.end()
    if (this.#clock < 0) this.#clock = struct.id.clock
    this.#len += struct.length
  }

  end(): void {
    if (this.#clock < 0) return
    encoding.writeVarUint(this.body, this.#clock)
    encoding.writeVarUint(this.body, this.#len)
    this.ranges++
    this.#clock = -1
    this.#len = 0
  }
}

function writeClients(sections: { client: number; ranges: ClientRanges }[]): Uint8Array {
  const out = encoding.createEncoder()
  encoding.writeVarUint(out, sections.length)
  for (const { client, ranges } of sections) {
    encoding.writeVarUint(out, client)
    encoding.writeVarUint(out, ranges.ranges)
    encoding.writeUint8Array(out, encoding.toUint8Array(ranges.body))
  }
  return encoding.toUint8Array(out)
}

/**
 * `writeDeleteSet(createDeleteSetFromStructStore(store))` in V1, yielding every 1,024 structs;
 * null when a client's structs are gone after a yield (the store changed meanwhile).
 */
function* deleteSetSteps(clients: Map<number, Structs>): Steps<Uint8Array | null> {
  const sections = []
  for (const client of [...clients.keys()].sort((a, b) => b - a)) {
    const structs = clients.get(client)
    if (structs === undefined) return null
    const ranges = new ClientRanges()
    for (let i = 0; i < structs.length; i++) {
      if ((i & 1023) === 1023) yield
      ranges.add(structs[i]!)
    }
    ranges.end()
    if (ranges.ranges > 0) sections.push({ client, ranges })
  }
  return writeClients(sections)
}

/** The delete set of `clients` in one go (nothing can change it meanwhile). */
export function encodeDeleteSet(clients: Map<number, Structs>): Uint8Array {
  return runSteps(deleteSetSteps(clients))!
}

/**
 * The same bytes, yielding to the event loop every DELETE_SET_SLICE_MS; null as soon as
 * `unchanged()` turns false after a yield (the struct arrays may have been split meanwhile).
 */
export async function encodeDeleteSetInSlices(
  clients: Map<number, Structs>,
  unchanged: () => boolean,
  sliceMs = DELETE_SET_SLICE_MS,
): Promise<Uint8Array | null> {
  const steps = deleteSetSteps(clients)
  let sliceStart = performance.now()
  for (;;) {
    const next = steps.next()
    if (next.done === true) return next.value
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve))
      if (!unchanged()) return null
      sliceStart = performance.now()
    }
  }
}

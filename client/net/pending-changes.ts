/**
 * Counts local changes the server has not confirmed yet.
 *
 * The y-websocket protocol has no acknowledgements, so confirmation is a round trip: after a
 * burst of local changes (and after every reconnection) the client sends one extra sync step 1
 * on the same socket. The server answers each step 1 with a step 2, in order, after it has
 * handled every message sent before it; so when the answer to a probe arrives, every local
 * change made before that probe has reached the server. The count persists across reloads
 * through `onChange`, so changes made offline before a reload are still counted after it.
 */
import type * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { messageSync, type WebsocketProvider } from 'y-websocket'

export interface PendingChangesOptions {
  /** Unconfirmed changes carried over from an earlier page load. */
  readonly initial?: number
  /** Quiet time after a local change before the confirmation probe is sent. */
  readonly probeDelayMs?: number
  readonly onChange?: (pending: number) => void
}

type SyncHandler = WebsocketProvider['messageHandlers'][number]

export class PendingChanges {
  /** Local updates counted so far (including those carried over); only grows. */
  #localSeq: number
  /** Every local update up to this sequence number has reached the server. */
  #confirmedSeq = 0
  /** The local sequence at each probe still awaiting its answer, oldest first. */
  #probes: number[] = []
  #timer: ReturnType<typeof setTimeout> | null = null
  readonly #doc: Y.Doc
  readonly #provider: WebsocketProvider
  readonly #original: SyncHandler | undefined
  readonly #delay: number
  readonly #onChange: (pending: number) => void

  constructor(doc: Y.Doc, provider: WebsocketProvider, options: PendingChangesOptions = {}) {
    this.#doc = doc
    this.#provider = provider
    this.#localSeq = Math.max(0, Math.floor(options.initial ?? 0))
    this.#delay = options.probeDelayMs ?? 300
    this.#onChange = options.onChange ?? (() => {})
    this.#original = provider.messageHandlers[messageSync]
    provider.messageHandlers[messageSync] = this.#onSyncMessage
    doc.on('update', this.#onUpdate)
    provider.on('status', this.#onStatus)
  }

  get count(): number {
    return this.#localSeq - this.#confirmedSeq
  }

  destroy(): void {
    this.#doc.off('update', this.#onUpdate)
    this.#provider.off('status', this.#onStatus)
    if (this.#original !== undefined) this.#provider.messageHandlers[messageSync] = this.#original
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }

  readonly #onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    // Updates applied from the network or from IndexedDB are not local changes.
    if (!tr.local) return
    this.#localSeq += 1
    this.#onChange(this.count)
    this.#scheduleProbe()
  }

  readonly #onStatus = ({ status }: { status: string }) => {
    // Answers to probes sent on a closed socket will never come.
    if (status !== 'connected') this.#probes = []
  }

  readonly #onSyncMessage: SyncHandler = (encoder, decoder, provider, emitSynced, type) => {
    const syncType = decoding.readVarUint(decoding.clone(decoder))
    const wasSynced = provider.synced
    this.#original?.(encoder, decoder, provider, emitSynced, type)
    if (syncType !== syncProtocol.messageYjsSyncStep2) return
    if (!wasSynced) {
      // The provider's own handshake: our answer to the server's step 1 carried the offline
      // changes, and a probe sent now is answered only after the server has handled it.
      if (this.count > 0) this.#scheduleProbe()
      return
    }
    const seq = this.#probes.shift()
    if (seq !== undefined && seq > this.#confirmedSeq) {
      this.#confirmedSeq = seq
      this.#onChange(this.count)
    }
  }

  #scheduleProbe(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#probe()
    }, this.#delay)
  }

  #probe(): void {
    const ws = this.#provider.ws
    // Offline or mid-handshake: the handshake's step 2 schedules the next probe.
    if (!this.#provider.wsconnected || !this.#provider.synced || ws === null) return
    if (ws.readyState !== ws.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeSyncStep1(encoder, this.#doc)
    ws.send(encoding.toUint8Array(encoder))
    this.#probes.push(this.#localSeq)
  }
}

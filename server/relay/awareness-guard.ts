/**
 * Checks one inbound awareness update before the room's Awareness sees it: every entry must be
 * well-formed JSON (an object or null) under the size cap, for a client id this connection owns
 * or may introduce. What passes is re-encoded from the parsed (and rewritten) values, so raw
 * client bytes never reach other peers.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { RejectReason } from '../metrics'

export interface AwarenessPolicy {
  /** Client ids this connection introduced earlier. */
  readonly owned: ReadonlySet<number>
  /** True when another connection (or the server itself) owns the id. */
  readonly ownedElsewhere: (clientId: number) => boolean
  /** Largest state in UTF-8 bytes, as it arrives on the wire. */
  readonly maxStateBytes: number
  readonly maxClients: number
  /** Rewrites each accepted object state before it is re-encoded (the relay's role stamp). */
  readonly rewrite?: ((state: Record<string, unknown>) => void) | undefined
}

/** One accepted entry, re-encoded: `json` is the UTF-8 of the state ('null' for a removal). */
export interface AwarenessEntry {
  readonly clientId: number
  readonly clock: number
  readonly json: Uint8Array
  readonly removal: boolean
}

export type AwarenessVerdict =
  | {
      readonly ok: true
      readonly entries: readonly AwarenessEntry[]
      readonly introduced: readonly number[]
    }
  | { readonly ok: false; readonly reason: RejectReason; readonly message: string }

/** Thrown for bytes that are not an awareness update at all (the caller closes with 1007). */
export class MalformedAwarenessError extends Error {
  override name = 'MalformedAwarenessError'
}

// Fatal: a stock client's TextEncoder never produces invalid UTF-8, so any is a forged frame.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true })
const utf8Encoder = new TextEncoder()

export function checkAwarenessUpdate(bytes: Uint8Array, policy: AwarenessPolicy): AwarenessVerdict {
  const decoder = decoding.createDecoder(bytes)
  const count = decoding.readVarUint(decoder)
  // Each entry takes at least three bytes, so a larger count is a lie told to make us loop.
  if (count > bytes.length) throw new MalformedAwarenessError(`entry count ${count} exceeds size`)
  const entries: AwarenessEntry[] = []
  const introduced: number[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    // The raw length is the UTF-8 size: an oversized state is refused before any of it is
    // decoded or parsed (a JS string's length counts UTF-16 units: '€' is 1 of them, 3 bytes).
    const raw = decoding.readVarUint8Array(decoder)
    if (raw.byteLength > policy.maxStateBytes) {
      return reject('awareness-too-large', `state of ${raw.byteLength} bytes exceeds the cap`)
    }
    let state: unknown
    try {
      state = JSON.parse(utf8Decoder.decode(raw))
    } catch {
      throw new MalformedAwarenessError('awareness state is not UTF-8 JSON')
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedAwarenessError('awareness state must be an object or null')
    }
    if (!policy.owned.has(clientId)) {
      if (policy.ownedElsewhere(clientId)) {
        return reject('awareness-foreign-client', `client ${clientId} belongs to another peer`)
      }
      if (!introduced.includes(clientId)) introduced.push(clientId)
      if (policy.owned.size + introduced.length > policy.maxClients) {
        return reject('awareness-too-many-clients', 'too many awareness client ids on one socket')
      }
    }
    if (state !== null) policy.rewrite?.(state as Record<string, unknown>)
    const json = utf8Encoder.encode(JSON.stringify(state))
    entries.push({ clientId, clock, json, removal: state === null })
  }
  if (decoding.hasContent(decoder)) throw new MalformedAwarenessError('trailing bytes')
  return { ok: true, entries, introduced }
}

/** The y-protocols awareness update for `entries`, in order. */
export function encodeEntries(entries: Iterable<AwarenessEntry>): Uint8Array {
  const list = [...entries]
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, list.length)
  for (const entry of list) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    // Already UTF-8: writeVarString's own encoding would produce these same bytes.
    encoding.writeVarUint8Array(encoder, entry.json)
  }
  return encoding.toUint8Array(encoder)
}

function reject(reason: RejectReason, message: string): AwarenessVerdict {
  return { ok: false, reason, message }
}

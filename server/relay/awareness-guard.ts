/**
 * Checks one inbound awareness update before the room's Awareness sees it: every entry must be
 * well-formed JSON (an object or null) under the size cap, for a client id this connection owns
 * or may introduce. What passes is re-encoded from the parsed values, so raw client bytes never
 * reach other peers.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { RejectReason } from '../metrics'

export interface AwarenessPolicy {
  /** Client ids this connection introduced earlier. */
  readonly owned: ReadonlySet<number>
  /** True when another connection (or the server itself) owns the id. */
  readonly ownedElsewhere: (clientId: number) => boolean
  readonly maxStateBytes: number
  readonly maxClients: number
}

export type AwarenessVerdict =
  | { readonly ok: true; readonly update: Uint8Array; readonly introduced: readonly number[] }
  | { readonly ok: false; readonly reason: RejectReason; readonly message: string }

/** Thrown for bytes that are not an awareness update at all (the caller closes with 1007). */
export class MalformedAwarenessError extends Error {
  override name = 'MalformedAwarenessError'
}

export function checkAwarenessUpdate(bytes: Uint8Array, policy: AwarenessPolicy): AwarenessVerdict {
  const decoder = decoding.createDecoder(bytes)
  const count = decoding.readVarUint(decoder)
  // Each entry takes at least three bytes, so a larger count is a lie told to make us loop.
  if (count > bytes.length) throw new MalformedAwarenessError(`entry count ${count} exceeds size`)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, count)
  const introduced: number[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    if (json.length > policy.maxStateBytes) {
      return reject('awareness-too-large', `state of ${json.length} bytes exceeds the cap`)
    }
    let state: unknown
    try {
      state = JSON.parse(json)
    } catch {
      throw new MalformedAwarenessError('awareness state is not JSON')
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
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  if (decoding.hasContent(decoder)) throw new MalformedAwarenessError('trailing bytes')
  return { ok: true, update: encoding.toUint8Array(encoder), introduced }
}

function reject(reason: RejectReason, message: string): AwarenessVerdict {
  return { ok: false, reason, message }
}

/** Hand-built awareness updates, so tests can send states a real Awareness would never encode. */
import * as encoding from 'lib0/encoding'

/** The y-protocols awareness wire format: count, then (clientID, clock, JSON state) per entry. */
export function awarenessUpdate(
  entries: { id: number; clock: number; json: string }[],
): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.id)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.json)
  }
  return encoding.toUint8Array(encoder)
}

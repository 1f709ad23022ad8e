/**
 * Bytes behind a header of varUints and their own varUint length: the shape of a y-protocols
 * sync message around an update. Written with one allocation and one copy, because the
 * payload can be a whole 10 MB board and lib0's growing encoder copies it twice.
 */
import * as encoding from 'lib0/encoding'

export function frameBytes(header: readonly number[], payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const n of header) encoding.writeVarUint(encoder, n)
  encoding.writeVarUint(encoder, payload.byteLength)
  const head = encoding.toUint8Array(encoder)
  const framed = new Uint8Array(head.byteLength + payload.byteLength)
  framed.set(head)
  framed.set(payload, head.byteLength)
  return framed
}

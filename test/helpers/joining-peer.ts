/**
 * A relay peer for in-process Room tests: records every sync step 2 it is sent (as sent, so
 * identity shows a shared encoding) and applies every sync message to a doc of its own.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { messageSync } from '../../server/relay/protocol'
import type { Peer } from '../../server/relay/room'

export class JoiningPeer implements Peer {
  readonly awarenessIds = new Set<number>()
  readonly doc = new Y.Doc()
  readonly steps2: Uint8Array[] = []
  readonly rejected: unknown[] = []
  constructor(readonly id: string) {}
  rejectUpdate(error: unknown): void {
    this.rejected.push(error)
  }
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== messageSync) return
    const step = decoding.readVarUint(decoder)
    if (step === 0) return
    if (step === 1) this.steps2.push(message)
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder))
  }
  close(): void {}
}

export const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

/** Appends `chars` characters to `doc`'s text `t` and returns that change as an update. */
export function textUpdate(doc: Y.Doc, chars: number): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(doc.getText('t').length, 'x'.repeat(chars))
  return Y.encodeStateAsUpdate(doc, before)
}

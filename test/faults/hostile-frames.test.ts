// The fast delete-set encoders of hostile-frames.ts write exactly what the shared builders
// (test/core/sync/hostile-updates.ts) write, at a size where the builders are quick.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { splitDeletes, unknownClientDeletes } from '../core/sync/hostile-updates'
import {
  clientsIn,
  deleteFrames,
  deleteOnlyUpdate,
  everyOtherCharacter,
  unknownClientDeleteRanges,
} from './hostile-frames'

describe('the fast encoders', () => {
  it('write the same delete sets as the shared builders', () => {
    const builder = unknownClientDeletes(40)
    const [client] = clientsIn(builder)
    expect(deleteOnlyUpdate(unknownClientDeleteRanges(client!, 40))).toEqual(builder)
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'x'.repeat(300))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    const mine = deleteOnlyUpdate(everyOtherCharacter([copy.getText('t')], 100))
    expect(mine).toEqual(splitDeletes(doc, doc.getText('t'), 100))
  })

  it('cuts delete ranges into frames of about the size asked for', () => {
    const ranges = unknownClientDeleteRanges(7, 30_000)
    const frames = deleteFrames(ranges, 20_000)
    expect(frames.length).toBeGreaterThan(1)
    for (const frame of frames.slice(0, -1)) {
      expect(frame.byteLength).toBeGreaterThan(19_000)
      expect(frame.byteLength).toBeLessThan(21_000)
    }
    const merged = Y.decodeUpdate(Y.mergeUpdates(frames)).ds.clients.get(7)
    expect(merged).toHaveLength(30_000)
  })
})

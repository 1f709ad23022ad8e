// splitState cuts a document into pieces that must each apply without anything pending and add
// up to exactly the original state, however the clients' edits interleave.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { splitState } from '../../../server/storage/state-pieces'

type Op =
  | { kind: 'text'; peer: number; at: number; text: string }
  | { kind: 'cut'; peer: number; at: number; len: number }
  | { kind: 'map'; peer: number; key: string; value: number }
  | { kind: 'nested'; peer: number; key: string; text: string }
  | { kind: 'list'; peer: number; at: number; value: string }
  | { kind: 'unlist'; peer: number; at: number }
  | { kind: 'sync'; from: number; to: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('text'),
    peer: fc.nat(3),
    at: fc.nat(40),
    text: fc.string({ maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('cut'), peer: fc.nat(3), at: fc.nat(40), len: fc.nat(5) }),
  fc.record({
    kind: fc.constant('map'),
    peer: fc.nat(3),
    key: fc.constantFrom('a', 'b', 'c'),
    value: fc.integer(),
  }),
  fc.record({
    kind: fc.constant('nested'),
    peer: fc.nat(3),
    key: fc.constantFrom('n1', 'n2'),
    text: fc.string({ maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('list'),
    peer: fc.nat(3),
    at: fc.nat(20),
    value: fc.string({ maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('unlist'), peer: fc.nat(3), at: fc.nat(20) }),
  fc.record({ kind: fc.constant('sync'), from: fc.nat(3), to: fc.nat(3) }),
)

function run(ops: Op[]): Y.Doc {
  const peers = [0, 1, 2, 3].map(() => new Y.Doc())
  const peer = (i: number) => peers[i] as Y.Doc
  for (const o of ops) {
    if (o.kind === 'sync') {
      const to = peer(o.to)
      Y.applyUpdate(to, Y.encodeStateAsUpdate(peer(o.from), Y.encodeStateVector(to)))
      continue
    }
    const doc = peer(o.peer)
    const text = doc.getText('t')
    const list = doc.getArray<string>('l')
    const map = doc.getMap<unknown>('m')
    switch (o.kind) {
      case 'text':
        text.insert(Math.min(o.at, text.length), o.text)
        break
      case 'cut':
        text.delete(Math.min(o.at, text.length), Math.min(o.len, Math.max(0, text.length - o.at)))
        break
      case 'map':
        map.set(o.key, o.value)
        break
      case 'nested': {
        let inner = map.get(o.key)
        if (!(inner instanceof Y.Text)) {
          inner = new Y.Text()
          map.set(o.key, inner)
        }
        ;(inner as Y.Text).insert(0, o.text)
        break
      }
      case 'list':
        list.insert(Math.min(o.at, list.length), [o.value])
        break
      case 'unlist':
        if (list.length > 0) list.delete(Math.min(o.at, list.length - 1), 1)
        break
    }
  }
  const merged = new Y.Doc()
  for (const doc of peers) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc))
  return merged
}

describe('splitState', () => {
  it('gives pieces that apply in order with nothing pending and rebuild the same state', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.integer({ min: 1, max: 12 }), (ops, max) => {
        const original = run(ops)
        const pieces = splitState(original, max)
        const rebuilt = new Y.Doc()
        for (const piece of pieces) {
          Y.applyUpdate(rebuilt, piece)
          expect(rebuilt.store.pendingStructs).toBeNull()
        }
        expect(rebuilt.toJSON()).toEqual(original.toJSON())
        expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(original))
        expect(Y.encodeStateAsUpdate(rebuilt)).toEqual(Y.encodeStateAsUpdate(original))
        // Every piece but the delete set holds at most `max` structs.
        for (const piece of pieces.slice(0, -1)) {
          expect(Y.decodeUpdate(piece).structs.length).toBeLessThanOrEqual(max)
        }
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it("puts a struct after the other client's struct it was typed next to", () => {
    // a's second insert sits after b's text: cut client by client, it would arrive first and
    // Yjs would have to park it as pending.
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.getText('t').insert(0, 'aaa')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    b.getText('t').insert(3, 'bbb')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    a.getText('t').insert(6, 'AAA')
    const original = new Y.Doc()
    Y.applyUpdate(original, Y.encodeStateAsUpdate(a))
    const rebuilt = new Y.Doc()
    for (const piece of splitState(original, 1)) {
      Y.applyUpdate(rebuilt, piece)
      expect(rebuilt.store.pendingStructs).toBeNull()
    }
    expect(rebuilt.getText('t').toString()).toBe('aaabbbAAA')
  })

  it('keeps an empty document to one (empty) piece', () => {
    const pieces = splitState(new Y.Doc())
    expect(pieces).toHaveLength(1)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, pieces[0] as Uint8Array)
    expect(doc.store.clients.size).toBe(0)
  })
})

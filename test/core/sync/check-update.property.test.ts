// The gate must never refuse what honest peers send: for random edits by several peers synced
// in random order, every diff one peer would send another passes checkUpdate, applies with
// nothing pending, and scanUpdate reads the same structs Yjs' own decoder does.
import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { checkUpdate, scanUpdate } from '../../../core/sync/index'

type Op =
  | { kind: 'type'; peer: number; at: number; text: string }
  | { kind: 'erase'; peer: number; at: number; len: number }
  | { kind: 'note'; peer: number; key: number; text: string }
  | { kind: 'drop'; peer: number; key: number }
  | { kind: 'sync'; from: number; to: number }

const PEERS = 3
const peer = fc.integer({ min: 0, max: PEERS - 1 })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('type' as const),
    peer,
    at: fc.nat(40),
    text: fc.string({ minLength: 1, maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant('erase' as const),
    peer,
    at: fc.nat(40),
    len: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('note' as const),
    peer,
    key: fc.nat(5),
    text: fc.string({ maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('drop' as const), peer, key: fc.nat(5) }),
  fc.record({ kind: fc.constant('sync' as const), from: peer, to: peer }),
)

function run(ops: readonly Op[]): Y.Doc[] {
  const docs = Array.from({ length: PEERS }, () => new Y.Doc())
  for (const o of ops) {
    if (o.kind === 'sync') {
      const from = docs[o.from]!
      const to = docs[o.to]!
      const diff = Y.encodeStateAsUpdate(from, Y.encodeStateVector(to))
      checkUpdate(to, scanUpdate(diff))
      Y.applyUpdate(to, diff)
      continue
    }
    const doc = docs[o.peer]!
    const text = doc.getText('t')
    const notes = doc.getMap<Y.Map<unknown>>('notes')
    if (o.kind === 'type') text.insert(Math.min(o.at, text.length), o.text)
    if (o.kind === 'erase' && text.length > 0) {
      const at = Math.min(o.at, text.length - 1)
      text.delete(at, Math.min(o.len, text.length - at))
    }
    if (o.kind === 'note') {
      const note = new Y.Map<unknown>()
      notes.set(`n${o.key}`, note)
      note.set('text', new Y.Text(o.text))
    }
    if (o.kind === 'drop') notes.delete(`n${o.key}`)
  }
  return docs
}

describe('checkUpdate on honest peers (property)', () => {
  it('accepts every diff between peers, which then applies with nothing pending', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const docs = run(ops)
        for (const from of docs) {
          for (const to of docs) {
            const diff = Y.encodeStateAsUpdate(from, Y.encodeStateVector(to))
            checkUpdate(to, scanUpdate(diff))
            const copy = new Y.Doc()
            Y.applyUpdate(copy, Y.encodeStateAsUpdate(to))
            Y.applyUpdate(copy, diff)
            expect(copy.store.pendingStructs).toBeNull()
            expect(copy.store.pendingDs).toBeNull()
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('reads the same structs and delete ranges as Yjs', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const update = Y.encodeStateAsUpdate(run(ops)[0]!)
        const ours = scanUpdate(update)
        const theirs = Y.decodeUpdate(update)
        expect(ours.structs.map((s) => [s.client, s.clock, s.length])).toEqual(
          theirs.structs.map((s) => [s.id.client, s.id.clock, s.length]),
        )
        const ranges: [number, number, number][] = []
        for (const [client, items] of theirs.ds.clients) {
          for (const item of items) ranges.push([client, item.clock, item.len])
        }
        expect(ours.deletes.map((d) => [d.client, d.clock, d.len])).toEqual(ranges)
      }),
      { numRuns: 150 },
    )
  })
})

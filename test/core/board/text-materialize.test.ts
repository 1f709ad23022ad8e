/**
 * materializeText / materializeMap: the conversion two peers make of the same stored value is
 * the same Yjs write, so it merges as one; anything that cannot be made the same falls back
 * to an ordinary write under the peer's own client id.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  conversionClient,
  materializeMap,
  materializeText,
} from '../../../core/board/text-materialize'

function twoPeers(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc()
  const entity = new Y.Map<unknown>()
  a.getMap('objectives').set('o1', entity)
  entity.set('description', 'Why: churn')
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  return [a, b]
}

const entityOf = (doc: Y.Doc) => doc.getMap('objectives').get('o1') as Y.Map<unknown>

describe('materializeText', () => {
  it('writes the same structs on two peers converting the same stored string', () => {
    const [a, b] = twoPeers()
    const vector = Y.encodeStateVector(a)
    const clientA = conversionClient(entityOf(a), 'description')
    expect(clientA).toBe(conversionClient(entityOf(b), 'description'))
    expect(clientA).toBeGreaterThanOrEqual(2 ** 32)
    const own = a.clientID
    a.transact(() => materializeText(entityOf(a), 'description'))
    b.transact(() => materializeText(entityOf(b), 'description'))
    expect(a.clientID).toBe(own)
    expect(Y.encodeStateAsUpdate(a, vector)).toEqual(Y.encodeStateAsUpdate(b, vector))
    expect(String(entityOf(a).get('description'))).toBe('Why: churn')
  })

  it('returns the Y.Text already there without writing', () => {
    const [a] = twoPeers()
    const text = materializeText(entityOf(a), 'description')
    let updates = 0
    a.on('update', () => updates++)
    expect(materializeText(entityOf(a), 'description')).toBe(text)
    expect(updates).toBe(0)
  })

  it('gives a different client to a different stored value of the same field', () => {
    const [a, b] = twoPeers()
    entityOf(b).set('description', 'Rewritten')
    expect(conversionClient(entityOf(a), 'description')).not.toBe(
      conversionClient(entityOf(b), 'description'),
    )
  })

  it('falls back to the own client id when the derived one is already in use', () => {
    const [a] = twoPeers()
    const derived = conversionClient(entityOf(a), 'description') as number
    // Someone already wrote under that id (a hash collision): reusing it would corrupt the doc.
    const own = a.clientID
    a.clientID = derived
    a.getMap('meta').set('x', 1)
    a.clientID = own
    const text = materializeText(entityOf(a), 'description')
    expect(text.toString()).toBe('Why: churn')
    expect(Y.getState(a.store, derived)).toBe(1)
    expect(Y.getState(a.store, own)).toBeGreaterThan(0)
  })

  it('converts a field of a map not in a document yet with an ordinary write', () => {
    const prelim = new Y.Map<unknown>()
    prelim.set('note', 'hello')
    expect(conversionClient(prelim, 'note')).toBeNull()
    const doc = new Y.Doc()
    doc.getMap('checkIns').set('c1', prelim)
    expect(materializeText(prelim, 'note').toString()).toBe('hello')
  })
})

describe('materializeMap', () => {
  it('creates the same map under a root on two peers, so both first writes land in it', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.transact(() =>
      materializeText(materializeMap(a.getMap('meta'), 'retrospective'), 'x').insert(0, 'A'),
    )
    b.transact(() =>
      materializeText(materializeMap(b.getMap('meta'), 'retrospective'), 'x').insert(0, 'B'),
    )
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const text = (doc: Y.Doc) =>
      String((doc.getMap('meta').get('retrospective') as Y.Map<unknown>).get('x'))
    expect(text(a)).toBe(text(b))
    expect(text(a).split('').sort().join('')).toBe('AB')
  })
})

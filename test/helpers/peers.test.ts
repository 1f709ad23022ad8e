import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNetwork } from './peers'

function edit(doc: Y.Doc, key: string, value: string): void {
  doc.getMap('m').set(key, value)
}

/** A fixed script of edits and deliveries; returns each peer's final encoded state. */
function script(seed: number): Uint8Array[] {
  const net = createNetwork({ peers: 3, seed })
  const [a, b, c] = net.peers
  if (!a || !b || !c) throw new Error('three peers expected')
  for (let i = 0; i < 20; i++) {
    edit(net.peers[i % 3]?.doc ?? a.doc, `k${i % 4}`, `v${i}`)
    net.deliverSome(2)
  }
  net.syncAll()
  const states = net.peers.map((p) => Y.encodeStateAsUpdate(p.doc))
  net.destroy()
  return states
}

describe('createNetwork', () => {
  it('delivers to online peers only; reconnecting catches up both ways', () => {
    const net = createNetwork({ peers: 2, seed: 1 })
    const [a, b] = net.peers
    if (!a || !b) throw new Error('two peers expected')
    net.disconnect(b)
    edit(a.doc, 'x', 'from a')
    edit(b.doc, 'y', 'from b')
    net.deliverSome(10)
    expect(b.doc.getMap('m').get('x')).toBeUndefined()
    expect(a.doc.getMap('m').get('y')).toBeUndefined()
    net.reconnect(b)
    while (net.deliverOne());
    expect(a.doc.getMap('m').toJSON()).toEqual({ x: 'from a', y: 'from b' })
    expect(b.doc.getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON())
    net.destroy()
  })

  it('converges after out-of-order delivery of dependent updates', () => {
    const net = createNetwork({ peers: 2, seed: 3 })
    const [a, b] = net.peers
    if (!a || !b) throw new Error('two peers expected')
    const text = a.doc.getText('t')
    for (let i = 0; i < 30; i++) text.insert(i, String(i % 10))
    expect(net.pending()).toBe(30)
    net.syncAll()
    expect(b.doc.getText('t').toString()).toBe(text.toString())
  })

  it('replays exactly from the same seed, and every peer ends with the same map', () => {
    const first = script(11)
    expect(script(11)).toEqual(first)
    const json = first.map((state) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state)
      return doc.getMap('m').toJSON()
    })
    expect(Object.keys(json[0] ?? {})).toHaveLength(4)
    for (const other of json) expect(other).toEqual(json[0])
  })
})

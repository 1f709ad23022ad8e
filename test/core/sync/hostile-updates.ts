/**
 * Hostile update shapes, built with real Yjs docs so each is exactly what an attacker with an
 * edit link can send. Shared by the core tests, the relay tests and the protocol fuzz.
 */
import * as Y from 'yjs'

/** A note carrying a chain of `depth` nested Y.Maps (3,000 deep is 36 KB). */
export function deepNote(depth: number, doc = new Y.Doc()): Uint8Array {
  const root = new Y.Map()
  doc.getMap('notes').set('deep', root)
  doc.transact(() => {
    let current = root
    for (let i = 0; i < depth; i++) {
      const next = new Y.Map()
      current.set('x', next)
      current = next
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

/** An update whose first struct builds on history the receiver never got (pending structs). */
export function gapUpdate(base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc()
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  doc.getText('t').insert(0, 'first part')
  const sv = Y.encodeStateVector(doc)
  doc.getText('t').insert(0, 'second part')
  return Y.encodeStateAsUpdate(doc, sv)
}

/** A delete-only update for a client the receiver has never seen. */
export function unknownClientDeletes(ranges = 1): Uint8Array {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, 'x'.repeat(ranges * 2))
  const sv = Y.encodeStateVector(doc)
  doc.transact(() => {
    for (let i = 0; i < ranges; i++) text.delete(i, 1)
  })
  return Y.encodeStateAsUpdate(doc, sv)
}

/**
 * Deletes every other character of `text` (already on the receiver): a few bytes per range,
 * each cutting an item in two.
 */
export function splitDeletes(doc: Y.Doc, text: Y.Text, ranges: number): Uint8Array {
  const sv = Y.encodeStateVector(doc)
  doc.transact(() => {
    for (let i = 0; i < ranges && i < text.length; i++) text.delete(i, 1)
  })
  return Y.encodeStateAsUpdate(doc, sv)
}

/**
 * `count` one-character items that cannot merge (each has its own right origin), in the root
 * text `name`. Two such runs at the start of the same text cost Yjs O(n²) to integrate.
 */
/**
 * `n` one-character inserts at the start of text `t` by one client, in one update: two such
 * runs from different clients at one position are quadratic for Yjs to merge (reliability.md,
 * finding 1).
 */
export function insertRun(client: number, n: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = client
  doc.transact(() => {
    for (let i = 0; i < n; i++) doc.getText('t').insert(0, 'a')
  })
  return Y.encodeStateAsUpdate(doc)
}

export function tinyStructs(count: number, name = 't'): Uint8Array {
  const doc = new Y.Doc()
  const text = doc.getText(name)
  doc.transact(() => {
    text.insert(0, 'a')
    for (let i = 1; i < count; i++) text.insert(0, 'a')
  })
  return Y.encodeStateAsUpdate(doc)
}

import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { checkUpdate, scanUpdate } from '../../core/sync/index'
import { needsSlicing, SLICE_CUTS, sliceUpdate } from '../../server/relay/update-slices'
import { splitDeletes, tinyStructs } from '../core/sync/hostile-updates'

/** Applies the slices to `target` one by one; each must leave nothing pending. */
function applySlices(target: Y.Doc, update: Uint8Array): number {
  const shape = scanUpdate(update)
  const verdict = checkUpdate(target, shape)
  const slices = sliceUpdate(update, shape, verdict)
  for (const slice of slices) {
    Y.applyUpdate(target, slice)
    expect(target.store.pendingStructs).toBeNull()
    expect(target.store.pendingDs).toBeNull()
  }
  return slices.length
}

describe('sliceUpdate', () => {
  it('cuts 20k tiny structs into pieces that rebuild the same document', () => {
    const update = tinyStructs(20_000)
    const whole = new Y.Doc()
    Y.applyUpdate(whole, update)
    const sliced = new Y.Doc()
    expect(applySlices(sliced, update)).toBeGreaterThan(5)
    expect(sliced.getText('t').toString()).toBe(whole.getText('t').toString())
    expect(Y.encodeStateVector(sliced)).toEqual(Y.encodeStateVector(whole))
  })

  it('keeps causal order across clients that build on each other', () => {
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
    for (let round = 0; round < 300; round++) {
      const doc = docs[round % 3]!
      doc.getText('t').insert(round % (doc.getText('t').length + 1), `r${round} `)
      const map = new Y.Map<unknown>()
      doc.getMap('notes').set(`n${round}`, map)
      map.set('text', new Y.Text(`note ${round}`))
      // Everyone sees everything before the next round: references cross clients.
      const state = Y.encodeStateAsUpdate(doc)
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, state)
    }
    const update = Y.encodeStateAsUpdate(docs[0]!)
    const sliced = new Y.Doc()
    applySlices(sliced, update)
    expect(sliced.getText('t').toString()).toBe(docs[0]!.getText('t').toString())
    expect(sliced.getMap('notes').size).toBe(300)
  })

  it('cuts a delete-only update by the items it splits, and the result matches', () => {
    const author = new Y.Doc()
    const text = author.getText('t')
    text.insert(0, 'x'.repeat(6_000))
    const base = Y.encodeStateAsUpdate(author)
    const update = splitDeletes(author, text, 2_000)
    const target = new Y.Doc()
    Y.applyUpdate(target, base)
    const shape = scanUpdate(update)
    const verdict = checkUpdate(target, shape)
    expect(verdict.splits).toBeGreaterThan(3_000)
    expect(needsSlicing(shape, verdict)).toBe(true)
    const pieces = sliceUpdate(update, shape, verdict)
    expect(pieces.length).toBeGreaterThanOrEqual(Math.floor(verdict.splits / SLICE_CUTS))
    for (const piece of pieces) Y.applyUpdate(target, piece)
    expect(target.getText('t').toString()).toBe(text.toString())
  })
})

// The relay's cached delete set answers a sync step 1 with exactly the bytes Yjs would write,
// after inserts, deletes, deletes that arrive as GC structs and item splits, for askers that
// know nothing, part or all of the board; a walk that sees the doc change gives up.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  DeleteSetCache,
  encodeDeleteSet,
  encodeDeleteSetInSlices,
} from '../../server/relay/delete-set-cache'
import { encodeDeletes } from '../../server/relay/update-slices'
import * as prng from 'lib0/prng'

function peer(client: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = client
  return doc
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

async function expectYjsBytes(cache: DeleteSetCache, doc: Y.Doc, askers: Y.Doc[]) {
  for (const asker of askers) {
    const vector = Y.encodeStateVector(asker)
    await cache.build()
    expect(cache.ready).toBe(true)
    const ours = cache.stateAsUpdate(vector, Y.decodeStateVector(vector))
    expect(ours).toEqual(Y.encodeStateAsUpdate(doc, vector))
  }
}

describe('DeleteSetCache', () => {
  it('writes what Yjs writes while the board changes under it', async () => {
    const gen = prng.create(12)
    const random = () => prng.real53(gen)
    const board = peer(1)
    const cache = new DeleteSetCache(board)
    const editors = [peer(7), peer(300), peer(2 ** 31 - 5)]
    const stale = peer(99)
    for (let round = 0; round < 40; round++) {
      for (const editor of editors) {
        const text = editor.getText('t')
        editor.transact(() => {
          for (let k = 0; k < 5; k++) {
            const at = Math.floor(random() * (text.length + 1))
            if (random() < 0.4 && text.length > 2)
              text.delete(at > 0 ? at - 1 : 0, 1 + Math.floor(random() * 2))
            else text.insert(at, 'abc'.slice(0, 1 + Math.floor(random() * 3)))
          }
          if (random() < 0.3) editor.getMap('m').set(`k${round % 4}`, round)
        })
        sync(editor, board)
        sync(board, editor)
      }
      if (round === 10) sync(board, stale)
      await expectYjsBytes(cache, board, [peer(5), stale, ...editors])
    }
  })

  it('notices deletes that arrive as GC structs, without a delete set', async () => {
    const board = peer(1)
    const cache = new DeleteSetCache(board)
    const other = peer(2)
    const inner = new Y.Map<unknown>()
    other.getMap('m').set('x', inner)
    sync(other, board)
    inner.set('a', 'collected with its parent')
    other.getMap('m').delete('x')
    // The board learns of the deletion alone first…
    Y.applyUpdate(board, encodeDeletes([{ client: 2, clock: 0, len: 1 }]))
    await expectYjsBytes(cache, board, [peer(5)])
    // … then of the child, which the other peer collected: a GC struct and nothing to delete.
    let deleted = -1
    board.once('afterTransaction', (tr: Y.Transaction) => (deleted = tr.deleteSet.clients.size))
    sync(other, board)
    expect(deleted).toBe(0)
    await expectYjsBytes(cache, board, [peer(5), other])
  })

  it('walks in slices and gives up when the doc changes mid-walk', async () => {
    const doc = peer(1)
    const text = doc.getText('t')
    for (let i = 0; i < 4_000; i++) text.insert(i, 'x')
    for (let i = 0; i < 2_000; i++) text.delete(i, 1)
    const whole = encodeDeleteSet(doc.store.clients)
    // A zero budget yields every 1,024 structs.
    let yields = 0
    const sliced = await encodeDeleteSetInSlices(doc.store.clients, () => ++yields > 0, 0)
    expect(sliced).toEqual(whole)
    expect(yields).toBeGreaterThan(0)
    expect(await encodeDeleteSetInSlices(doc.store.clients, () => false, 0)).toBeNull()
  })
})

// updatePlaces must say where an update writes and deletes before Yjs applies it, exactly as
// Yjs resolves it: each case compares with the paths the applied doc shows afterwards.
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { updatePlaces, updatePlacesSteps, type Place } from '../../../core/sync/update-places'
import { checkUpdate, scanUpdate } from '../../../core/sync/index'

/** A doc and a second peer that has synced it, so the peer's edits make a diff. */
function pair(build: (doc: Y.Doc) => void): { base: Y.Doc; peer: Y.Doc } {
  const base = new Y.Doc()
  build(base)
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(base))
  return { base, peer }
}

function diffOf(base: Y.Doc, peer: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(peer, Y.encodeStateVector(base))
}

function show(places: readonly Place[]): string[] {
  return places.map((p) => `${p.kind} ${p.path.join('.')}${p.isType ? ' (type)' : ''}`).sort()
}

function board(doc: Y.Doc): void {
  doc.getMap('meta').set('phase', 'brainstorm')
  const note = new Y.Map<unknown>()
  doc.getMap('notes').set('n1', note)
  note.set('text', new Y.Text('hello'))
  note.set('author', 'ann')
  note.set('x', 10)
}

describe('updatePlaces', () => {
  it('names the meta key a set writes and the old value it deletes', () => {
    const { base, peer } = pair(board)
    peer.getMap('meta').set('phase', 'vote')
    expect(show(updatePlaces(base, diffOf(base, peer)).places)).toEqual([
      'delete meta.phase',
      'write meta.phase',
    ])
  })

  it('puts typed characters at the text they go into, once however many there are', () => {
    const { base, peer } = pair(board)
    const text = (peer.getMap('notes').get('n1') as Y.Map<unknown>).get('text') as Y.Text
    for (let i = 0; i < 50; i++) text.insert(i, 'x')
    text.delete(51, 2) // two of the doc's own characters
    expect(show(updatePlaces(base, diffOf(base, peer)).places)).toEqual([
      'delete notes.n1.text',
      'write notes.n1.text',
    ])
  })

  it('lists a deleted note and every field deleted with it', () => {
    const { base, peer } = pair(board)
    peer.getMap('notes').delete('n1')
    expect(show(updatePlaces(base, diffOf(base, peer)).places)).toEqual([
      'delete notes.n1 (type)',
      'delete notes.n1.author',
      'delete notes.n1.text',
      'delete notes.n1.text (type)',
      'delete notes.n1.x',
    ])
  })

  it('resolves structs nested in types the same update creates (a vote map)', () => {
    const { base, peer } = pair(board)
    const dots = new Y.Map<unknown>()
    peer.getMap('votes').set('bob', dots)
    dots.set('n1', 2)
    expect(show(updatePlaces(base, diffOf(base, peer)).places)).toEqual([
      'write votes.bob (type)',
      'write votes.bob.n1',
    ])
  })

  it('finds nothing in an update the doc already has (a reconnecting client resends)', () => {
    const { base, peer } = pair(board)
    peer.getMap('meta').set('phase', 'vote')
    Y.applyUpdate(base, Y.encodeStateAsUpdate(peer))
    const again = updatePlaces(base, Y.encodeStateAsUpdate(peer))
    expect(again.places).toEqual([])
  })

  it('counts as discarded what is written into a note the doc has deleted and collected', () => {
    const { base, peer } = pair(board)
    base.getMap('notes').delete('n1')
    const text = (peer.getMap('notes').get('n1') as Y.Map<unknown>).get('text') as Y.Text
    text.insert(5, ' world')
    const result = updatePlaces(base, diffOf(base, peer))
    expect(result.discarded).toBeGreaterThan(0)
    expect(show(result.places)).toEqual([])
    Y.applyUpdate(base, diffOf(base, peer))
    expect(base.getMap('notes').has('n1')).toBe(false)
  })

  it('discards a struct whose explicit parent is an item that holds no type', () => {
    const base = new Y.Doc()
    base.clientID = 1
    base.getMap('meta').set('phase', 'brainstorm')
    const update = itemUpdate({ client: 9, parent: { client: 1, clock: 0 }, key: 'x' })
    const result = updatePlaces(base, update)
    expect(result).toMatchObject({ places: [], discarded: 1 })
    Y.applyUpdate(base, update)
    expect(base.getMap('meta').toJSON()).toEqual({ phase: 'brainstorm' })
  })

  it('merges delete ranges a hostile update repeats, visiting each item once', () => {
    const { base } = pair(board)
    const id = (base.getMap('notes').get('n1') as Y.Map<unknown>)._item!.id
    const has = Y.getState(base.store, id.client)
    const update = deleteUpdate(
      id.client,
      Array.from({ length: 1000 }, () => [0, has]),
    )
    expect(show(updatePlaces(base, update).places)).toEqual([
      'delete meta.phase',
      'delete notes.n1 (type)',
      'delete notes.n1.author',
      'delete notes.n1.text',
      'delete notes.n1.text (type)',
      'delete notes.n1.x',
    ])
  })

  it('reads an untyped root (the relay’s doc), even when it is typed between two steps', () => {
    const { base: typed, peer } = pair(board)
    const relay = new Y.Doc()
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(typed))
    const text = (peer.getMap('notes').get('n1') as Y.Map<unknown>).get('text') as Y.Text
    for (let i = 0; i < 5000; i++) text.insert(0, 'x') // one struct per insert: several steps
    peer.getMap('meta').set('phase', 'vote')
    const update = diffOf(relay, peer)
    const shape = scanUpdate(update)
    const steps = updatePlacesSteps(relay, update, shape, checkUpdate(relay, shape).placement)
    expect(steps.next().done).toBe(false)
    relay.getMap('meta') // replaces the untyped root with a Y.Map mid-judgement
    relay.getMap('notes')
    let next = steps.next()
    while (next.done !== true) next = steps.next()
    expect(next.value.unresolved).toEqual([])
    expect(show(next.value.places)).toEqual([
      'delete meta.phase',
      'write meta.phase',
      'write notes.n1.text',
    ])
  })

  it('lists a delete range spanning several roots by each root', () => {
    const base = new Y.Doc()
    base.clientID = 5
    base.getMap('meta').set('phase', 'brainstorm')
    base.getMap('sealed').set('ann', { notes: 1, dots: 0 })
    base.getMap('members').set('ann', { name: 'Ann' })
    const update = deleteUpdate(5, [[0, 3]])
    expect(show(updatePlaces(base, update).places)).toEqual([
      'delete members.ann',
      'delete meta.phase',
      'delete sealed.ann',
    ])
  })
})

/** One item with an explicit parent id and key, holding the number 1 (ContentAny). */
function itemUpdate(spec: {
  client: number
  parent: { client: number; clock: number }
  key: string
}): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // one client
  encoding.writeVarUint(e, 1) // one struct
  encoding.writeVarUint(e, spec.client)
  encoding.writeVarUint(e, 0) // clock
  encoding.writeUint8(e, 8 | 32) // ContentAny, has parentSub, no origins
  encoding.writeVarUint(e, 0) // parent is an id
  encoding.writeVarUint(e, spec.parent.client)
  encoding.writeVarUint(e, spec.parent.clock)
  encoding.writeVarString(e, spec.key)
  encoding.writeVarUint(e, 1) // one value
  encoding.writeAny(e, 1)
  encoding.writeVarUint(e, 0) // no deletes
  return encoding.toUint8Array(e)
}

function deleteUpdate(client: number, ranges: readonly (readonly [number, number])[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0) // no structs
  encoding.writeVarUint(e, 1) // one client's deletes
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, ranges.length)
  for (const [clock, len] of ranges) {
    encoding.writeVarUint(e, clock)
    encoding.writeVarUint(e, len)
  }
  return encoding.toUint8Array(e)
}

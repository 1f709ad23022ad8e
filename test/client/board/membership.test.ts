import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { describe, expect, it } from 'vitest'
import { readMembers } from '../../../core/board/members'
import { keepMembership, type SyncSource } from '../../../client/board/membership'

/** A provider stand-in that syncs when told to. */
function fakeProvider() {
  const listeners = new Set<(synced: boolean) => void>()
  const source: SyncSource = {
    on: (_event, listener) => void listeners.add(listener),
    off: (_event, listener) => void listeners.delete(listener),
  }
  return { source, sync: () => listeners.forEach((l) => l(true)), count: () => listeners.size }
}

function setup(name: string) {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  awareness.setLocalState({ user: { id: 'u1', name, color: '#e11d48' }, cursor: null })
  const provider = fakeProvider()
  const stop = keepMembership(doc, 'u1', awareness, provider.source)
  let updates = 0
  doc.on('update', () => updates++)
  return { doc, awareness, provider, stop, updates: () => updates }
}

describe('keepMembership', () => {
  it('joins only once the server copy is here, and a rename updates the entry', () => {
    const t = setup('Ana')
    expect(readMembers(t.doc)).toEqual([])
    t.provider.sync()
    expect(readMembers(t.doc)).toEqual([{ id: 'u1', name: 'Ana', color: '#e11d48' }])
    t.awareness.setLocalStateField('user', { id: 'u1', name: 'Ana Ruiz', color: '#e11d48' })
    expect(readMembers(t.doc).map((m) => m.name)).toEqual(['Ana Ruiz'])
  })

  it('writes nothing for cursor moves, or before a name is chosen', () => {
    const t = setup('')
    t.provider.sync()
    expect(readMembers(t.doc)).toEqual([])
    t.awareness.setLocalStateField('user', { id: 'u1', name: 'Bo', color: '#e11d48' })
    const after = t.updates()
    for (let x = 0; x < 20; x++) t.awareness.setLocalStateField('cursor', { x, y: 0 })
    expect(t.updates()).toBe(after)
    expect(readMembers(t.doc).map((m) => m.name)).toEqual(['Bo'])
  })

  it('stops listening when the board closes', () => {
    const t = setup('Ana')
    t.stop()
    expect(t.provider.count()).toBe(0)
    t.provider.sync()
    expect(readMembers(t.doc)).toEqual([])
  })
})

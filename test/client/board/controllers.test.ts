import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { YObserveController } from '../../../client/board/y-observe-controller'
import { AwarenessController, readPeers } from '../../../client/board/awareness-controller'

/** A stand-in for a Lit element: records update requests and drives the controller hooks. */
class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = []
  updates = 0
  addController(controller: ReactiveController): void {
    this.controllers.push(controller)
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true)
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.()
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.()
  }
}

describe('YObserveController', () => {
  it('re-renders on deep changes while connected, derives lazily, and stops when disconnected', () => {
    const doc = new Y.Doc()
    const notes = doc.getMap<Y.Map<unknown>>('notes')
    const host = new FakeHost()
    let derivations = 0
    const controller = new YObserveController(
      host,
      () => [notes],
      () => {
        derivations++
        return notes.size
      },
    )
    host.connect()
    expect(controller.value).toBe(0)
    const note = new Y.Map<unknown>()
    notes.set('n1', note)
    note.set('x', 4) // deep: a field of a note
    const before = host.updates
    note.set('x', 5)
    expect(host.updates).toBe(before + 1)
    expect(controller.value).toBe(1)
    expect(controller.value).toBe(1)
    expect(derivations).toBe(2)

    host.disconnect()
    const after = host.updates
    note.set('x', 6)
    expect(host.updates).toBe(after)
  })
})

describe('awareness', () => {
  it('keeps only well-formed peers and bounds what they publish', () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    awareness.setLocalState({ user: { id: 'me', name: 'Ada', color: '#112233' }, cursor: null })
    const states = awareness.getStates()
    states.set(101, { user: { id: 'x', name: 'N'.repeat(500), color: 'javascript:alert(1)' } })
    states.set(102, { user: 'not an object' })
    states.set(103, { user: { id: 7, name: 'Bad', color: '#000000' } })
    states.set(104, { user: { id: 'b', name: 'Ben', color: '#abcdef' }, cursor: { x: 1, y: 2 } })
    const peers = readPeers(awareness)
    expect(peers.map((p) => p.clientId)).toEqual([awareness.clientID, 104, 101])
    expect(peers[0]).toMatchObject({ isSelf: true, pointing: false })
    expect(peers[1]).toMatchObject({ pointing: true, user: { name: 'Ben', color: '#abcdef' } })
    expect(peers[2]?.user.name).toHaveLength(40)
    expect(peers[2]?.user.color).toBe('#6b7280')
  })

  it("takes each peer's role from the relay's stamp, not from the name", () => {
    const awareness = new Awareness(new Y.Doc())
    awareness.setLocalState({ user: { id: 'me', name: 'Ada', color: '#112233' }, cursor: null })
    const states = awareness.getStates()
    states.set(201, {
      user: { id: 'a', name: 'Ann (facilitator)', color: '#abcdef', role: 'view' },
    })
    states.set(202, { user: { id: 'b', name: 'Ben', color: '#abcdef', role: 'edit' } })
    states.set(203, { user: { id: 'c', name: 'Cy (host)', color: '#abcdef', role: 'host' } })
    const roles = Object.fromEntries(readPeers(awareness).map((p) => [p.user.name, p.role]))
    expect(roles).toEqual({
      Ada: null,
      'Ann (facilitator)': 'view',
      Ben: 'edit',
      'Cy (host)': null,
    })
    awareness.destroy()
  })

  it('re-renders only when the selected value changes', () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    awareness.setLocalState({ user: { id: 'me', name: 'Ada', color: '#112233' }, cursor: null })
    const host = new FakeHost()
    const names = new AwarenessController(
      host,
      () => awareness,
      (a) =>
        readPeers(a)
          .map((p) => p.user.name)
          .join(','),
      (a, b) => a === b,
      '',
    )
    host.connect()
    expect(names.value).toBe('Ada')
    const before = host.updates
    awareness.setLocalStateField('cursor', { x: 1, y: 1 })
    awareness.setLocalStateField('cursor', { x: 2, y: 3 })
    expect(host.updates).toBe(before)
    awareness.setLocalStateField('user', { id: 'me', name: 'Ada L', color: '#112233' })
    expect(host.updates).toBe(before + 1)
    expect(names.value).toBe('Ada L')
    host.disconnect()
    awareness.setLocalStateField('user', { id: 'me', name: 'Ada', color: '#112233' })
    expect(host.updates).toBe(before + 1)
    awareness.destroy()
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { readPeers } from '../../../client/board/peers'

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
})

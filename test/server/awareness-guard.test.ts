import { describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  checkAwarenessUpdate,
  MalformedAwarenessError,
  type AwarenessPolicy,
} from '../../server/relay/awareness-guard'
import { awarenessUpdate } from './awareness-frames'

const policy = (over: Partial<AwarenessPolicy> = {}): AwarenessPolicy => ({
  owned: new Set(),
  ownedElsewhere: (id) => id === 99,
  maxStateBytes: 100,
  maxClients: 2,
  ...over,
})

describe('checkAwarenessUpdate', () => {
  it('passes a well-formed update for new ids and re-encodes it faithfully', () => {
    const verdict = checkAwarenessUpdate(
      awarenessUpdate([{ id: 1, clock: 3, json: '{ "user": { "name": "ann" } }' }]),
      policy(),
    )
    expect(verdict.ok).toBe(true)
    if (!verdict.ok) return
    expect(verdict.introduced).toEqual([1])
    const awareness = new Awareness(new Y.Doc())
    applyAwarenessUpdate(awareness, verdict.update, null)
    expect(awareness.getStates().get(1)).toEqual({ user: { name: 'ann' } })
    awareness.destroy()
  })

  it('lets a connection update and remove the ids it owns', () => {
    const verdict = checkAwarenessUpdate(
      awarenessUpdate([{ id: 7, clock: 9, json: 'null' }]),
      policy({ owned: new Set([7]) }),
    )
    expect(verdict).toMatchObject({ ok: true, introduced: [] })
  })

  it('rejects ids owned elsewhere, oversized states and too many ids', () => {
    const foreign = checkAwarenessUpdate(
      awarenessUpdate([{ id: 99, clock: 1, json: '{}' }]),
      policy(),
    )
    expect(foreign).toMatchObject({ ok: false, reason: 'awareness-foreign-client' })
    const big = checkAwarenessUpdate(
      awarenessUpdate([{ id: 1, clock: 1, json: JSON.stringify({ s: 'x'.repeat(200) }) }]),
      policy(),
    )
    expect(big).toMatchObject({ ok: false, reason: 'awareness-too-large' })
    const many = checkAwarenessUpdate(
      awarenessUpdate([1, 2, 3].map((id) => ({ id, clock: 1, json: '{}' }))),
      policy(),
    )
    expect(many).toMatchObject({ ok: false, reason: 'awareness-too-many-clients' })
  })

  it('throws MalformedAwarenessError or a decoding error for bytes that are not an update', () => {
    const bad = [
      awarenessUpdate([{ id: 1, clock: 1, json: '{broken' }]),
      awarenessUpdate([{ id: 1, clock: 1, json: '"a string"' }]),
      new Uint8Array([200, 1]),
      new Uint8Array([2, 1, 1, 2, 0x7b, 0x7d]),
      new Uint8Array([...awarenessUpdate([{ id: 1, clock: 1, json: '{}' }]), 0]),
    ]
    for (const bytes of bad) expect(() => checkAwarenessUpdate(bytes, policy())).toThrow()
    expect(() => checkAwarenessUpdate(bad[0]!, policy())).toThrow(MalformedAwarenessError)
  })
})

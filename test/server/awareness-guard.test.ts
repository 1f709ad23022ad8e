import { describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  checkAwarenessUpdate,
  encodeEntries,
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
    applyAwarenessUpdate(awareness, encodeEntries(verdict.entries), null)
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

  it('counts UTF-8 bytes: 96 KB of "€" is refused under a 32 KiB cap', () => {
    // 32,000 characters, under 32,768 as a string's length, but 96,000 bytes on the wire.
    const json = JSON.stringify({ s: '€'.repeat(32_000) })
    expect(json.length).toBeLessThan(32 * 1024)
    const verdict = checkAwarenessUpdate(
      awarenessUpdate([{ id: 1, clock: 1, json }]),
      policy({ maxStateBytes: 32 * 1024 }),
    )
    expect(verdict).toMatchObject({ ok: false, reason: 'awareness-too-large' })
    if (verdict.ok) return
    expect(verdict.message).toContain('96008 bytes')
  })

  it('accepts ASCII at exactly the cap and refuses one byte more', () => {
    const atCap = (bytes: number) => JSON.stringify({ s: 'x'.repeat(bytes - 8) })
    expect(atCap(32 * 1024)).toHaveLength(32 * 1024)
    const exact = checkAwarenessUpdate(
      awarenessUpdate([{ id: 1, clock: 1, json: atCap(32 * 1024) }]),
      policy({ maxStateBytes: 32 * 1024 }),
    )
    expect(exact.ok).toBe(true)
    const over = checkAwarenessUpdate(
      awarenessUpdate([{ id: 1, clock: 1, json: atCap(32 * 1024 + 1) }]),
      policy({ maxStateBytes: 32 * 1024 }),
    )
    expect(over).toMatchObject({ ok: false, reason: 'awareness-too-large' })
  })

  it('re-encodes what `rewrite` made of each object state, and leaves removals alone', () => {
    const verdict = checkAwarenessUpdate(
      awarenessUpdate([
        { id: 1, clock: 2, json: '{"user":{"name":"ann","role":"facilitate"}}' },
        { id: 2, clock: 5, json: 'null' },
      ]),
      policy({
        rewrite: (state) => {
          ;(state['user'] as Record<string, unknown>)['role'] = 'view'
        },
      }),
    )
    expect(verdict.ok).toBe(true)
    if (!verdict.ok) return
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
    expect(verdict.entries.map((e) => [e.clientId, e.clock, decode(e.json), e.removal])).toEqual([
      [1, 2, '{"user":{"name":"ann","role":"view"}}', false],
      [2, 5, 'null', true],
    ])
  })

  it('throws MalformedAwarenessError or a decoding error for bytes that are not an update', () => {
    const bad = [
      awarenessUpdate([{ id: 1, clock: 1, json: '{broken' }]),
      awarenessUpdate([{ id: 1, clock: 1, json: '"a string"' }]),
      new Uint8Array([200, 1]),
      new Uint8Array([2, 1, 1, 2, 0x7b, 0x7d]),
      new Uint8Array([...awarenessUpdate([{ id: 1, clock: 1, json: '{}' }]), 0]),
      // A lone continuation byte inside the string: not UTF-8, which no stock client sends.
      new Uint8Array([1, 1, 1, 4, 0x7b, 0x22, 0x80, 0x7d]),
    ]
    for (const bytes of bad) expect(() => checkAwarenessUpdate(bytes, policy())).toThrow()
    expect(() => checkAwarenessUpdate(bad[0]!, policy())).toThrow(MalformedAwarenessError)
  })
})

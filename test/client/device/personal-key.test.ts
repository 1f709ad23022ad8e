import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../../client/device/key-value'
import {
  adoptPersonalKey,
  encodeKey,
  ensurePersonalKey,
  getPersonalKey,
  keyFromFragment,
  personalLink,
} from '../../../client/device/personal-key'

const bytes = (seed: number) => (n: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 256)

describe('personal key', () => {
  it('is made once per board, 32 bytes as base64url, and bound to the member', () => {
    const store = memoryStore()
    const first = ensurePersonalKey(store, 'b1', 'ann', bytes(1))
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(first.member).toBe('ann')
    expect(ensurePersonalKey(store, 'b1', 'someone-else', bytes(2))).toEqual(first)
    expect(ensurePersonalKey(store, 'b2', 'ann', bytes(2)).key).not.toBe(first.key)
  })

  it('encodes bytes that need the URL-safe alphabet', () => {
    expect(encodeKey(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-')
  })

  it('travels in the personal link and is adopted by the other device', () => {
    const home = memoryStore()
    const key = ensurePersonalKey(home, 'b1', 'ann', bytes(3))
    const link = personalLink('https://sb.example', 'b1', 'tok', key)
    const hash = new URL(link).hash
    expect(new URLSearchParams(hash.slice(1)).get('token')).toBe('tok')
    const laptop = memoryStore()
    ensurePersonalKey(laptop, 'b1', 'laptop-id', bytes(4))
    expect(adoptPersonalKey(laptop, 'b1', hash)).toBe(true)
    expect(getPersonalKey(laptop, 'b1')).toEqual(key)
  })

  it('ignores a malformed key or member in a link and keeps what it had', () => {
    const store = memoryStore()
    const own = ensurePersonalKey(store, 'b1', 'ann', bytes(5))
    expect(keyFromFragment('#token=t&key=short&member=ann')).toBeNull()
    expect(keyFromFragment(`#token=t&key=${own.key}&member=a%20b`)).toBeNull()
    expect(keyFromFragment('#token=t')).toBeNull()
    expect(adoptPersonalKey(store, 'b1', '#token=t&key=x')).toBe(false)
    expect(getPersonalKey(store, 'b1')).toEqual(own)
  })

  it('reads a damaged stored record as none', () => {
    const store = memoryStore()
    store.setItem('sb:private:b1', '{"key":1}')
    expect(getPersonalKey(store, 'b1')).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import {
  MAX_NAME_LENGTH,
  PRESENCE_COLORS,
  cleanName,
  loadIdentity,
  saveName,
} from '../../../client/device/identity'
import { memoryStore } from '../../../client/device/key-value'

const sources = (id: string, random: number) => ({ newId: () => id, random: () => random })

describe('identity', () => {
  it('is generated once, without a name, and then kept', () => {
    const store = memoryStore()
    const first = loadIdentity(store, sources('id-1', 0.99))
    expect(first).toEqual({ id: 'id-1', name: '', color: PRESENCE_COLORS.at(-1) })
    expect(loadIdentity(store, sources('id-2', 0))).toEqual(first)
  })

  it('keeps a chosen name, cleaned, and keeps id and colour when renamed', () => {
    const store = memoryStore()
    const identity = loadIdentity(store, sources('id-1', 0))
    const named = saveName(store, identity, '  Ada \n  Lovelace  ')
    expect(named).toEqual({ ...identity, name: 'Ada Lovelace' })
    expect(loadIdentity(store, sources('other', 0.5))).toEqual(named)
    expect(cleanName('x'.repeat(100))).toHaveLength(MAX_NAME_LENGTH)
  })

  it('starts over when what is stored is unreadable, rather than trusting it', () => {
    for (const raw of [
      '{not json',
      '[]',
      '{"id":"","color":"#123456"}',
      '{"id":"a","color":"red"}',
    ]) {
      const store = memoryStore()
      store.setItem('sb:identity', raw)
      expect(loadIdentity(store, sources('fresh', 0)).id).toBe('fresh')
    }
  })

  it('survives a store that refuses writes', () => {
    const store = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(loadIdentity(store, sources('id-1', 0)).id).toBe('id-1')
  })
})

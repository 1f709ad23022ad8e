import { describe, expect, it } from 'vitest'
import {
  currentOwner,
  matchingMembers,
  memberNamed,
  ownerFromText,
} from '../../../client/okr/owner-picker'

const members = [
  { id: 'u-ana', name: 'Ana Ruiz', color: '#e11d48' },
  { id: 'u-ben', name: 'Ben', color: '#0284c7' },
  { id: 'u-fi', name: 'Fiona (facilitator)', color: '#059669' },
]

describe('owner picker', () => {
  it('offers members whose name contains what is typed, any case', () => {
    expect(matchingMembers(members, '').map((m) => m.id)).toEqual(['u-ana', 'u-ben', 'u-fi'])
    expect(matchingMembers(members, ' RUIZ').map((m) => m.id)).toEqual(['u-ana'])
    expect(matchingMembers(members, 'zed')).toEqual([])
  })

  it('stores a member id for a name typed exactly, else the text', () => {
    expect(ownerFromText('ana ruiz', members)).toBe('u-ana')
    expect(ownerFromText('  Dana   from sales ', members)).toBe('Dana from sales')
    expect(ownerFromText('Ana', members)).toBe('Ana')
    expect(ownerFromText('   ', members)).toBeNull()
    expect(ownerFromText('x'.repeat(500), members)).toHaveLength(200)
  })

  it('a name two members share stays text rather than picking one of them', () => {
    const twins = [...members, { id: 'u-ben2', name: 'ben', color: '#000000' }]
    expect(memberNamed(twins, 'Ben')).toBeNull()
    expect(ownerFromText('Ben', twins)).toBe('Ben')
  })

  it('shows a member by current name and a typed owner as typed', () => {
    expect(currentOwner('u-fi', members)).toMatchObject({ name: 'Fiona (facilitator)' })
    expect(currentOwner('Dana', members)).toEqual({ key: 'Dana', name: 'Dana', member: null })
    expect(currentOwner(null, members)).toBeNull()
  })
})

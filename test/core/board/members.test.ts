import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createKeyResult,
  createObjective,
  joinBoard,
  renameMember,
} from '../../../core/board/commands/index'
import {
  getMembers,
  indexMembers,
  initials,
  MAX_MEMBER_NAME,
  MAX_MEMBERS,
  ownerName,
  readMembers,
  resolveOwner,
} from '../../../core/board/members'
import { readBoard } from '../../../core/board/read'
import { boardRoots } from '../../../core/board/schema'
import { codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

const ANA = { id: 'u-ana', name: 'Ana', color: '#e11d48' }
const BEN = { id: 'u-ben', name: 'Ben Okafor', color: '#0284c7' }

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

describe('joinBoard and renameMember', () => {
  it('records a member once: reopening the board writes nothing', () => {
    const doc = newBoard()
    const updates = recordUpdates(doc)
    expect(joinBoard(doc, ANA, ORIGIN)).toBe(true)
    expect(joinBoard(doc, ANA, ORIGIN)).toBe(false)
    expect(updates.count()).toBe(1)
    expect(readMembers(doc)).toEqual([ANA])
  })

  it('brings an entry up to date when the person renamed elsewhere', () => {
    const doc = newBoard()
    joinBoard(doc, ANA, ORIGIN)
    expect(joinBoard(doc, { ...ANA, name: 'Ana Ruiz' }, ORIGIN)).toBe(true)
    expect(readMembers(doc)).toEqual([{ ...ANA, name: 'Ana Ruiz' }])
  })

  it('renames a member and keeps their colour; an unknown id is not-found', () => {
    const doc = newBoard()
    joinBoard(doc, ANA, ORIGIN)
    renameMember(doc, { id: ANA.id, name: '  Ana   Ruiz ' }, ORIGIN)
    expect(readMembers(doc)).toEqual([{ ...ANA, name: 'Ana   Ruiz' }])
    expect(codeOf(() => renameMember(doc, { id: 'nobody', name: 'X' }, ORIGIN))).toBe(
      'not-found:id',
    )
  })

  it('refuses bad arguments before writing anything', () => {
    const doc = newBoard()
    const updates = recordUpdates(doc)
    expect(codeOf(() => joinBoard(doc, { ...ANA, name: '   ' }, ORIGIN))).toBe(
      'invalid-argument:name',
    )
    expect(
      codeOf(() => joinBoard(doc, { ...ANA, name: 'x'.repeat(MAX_MEMBER_NAME + 1) }, ORIGIN)),
    ).toBe('invalid-argument:name')
    expect(codeOf(() => joinBoard(doc, { ...ANA, color: 'url(x)' }, ORIGIN))).toBe(
      'invalid-argument:color',
    )
    expect(codeOf(() => joinBoard(doc, { ...ANA, id: '' }, ORIGIN))).toBe('invalid-argument:id')
    expect(codeOf(() => joinBoard(doc, null as never, ORIGIN))).toBe('invalid-argument:joinBoard')
    expect(updates.count()).toBe(0)
  })

  it('strips control characters and line breaks from names', () => {
    const doc = newBoard()
    joinBoard(doc, { ...ANA, name: 'Ana\u202e\nRuiz' }, ORIGIN)
    expect(readMembers(doc)[0]?.name).toBe('Ana Ruiz')
  })

  it('two peers joining offline both end up members on both', () => {
    const a = newBoard()
    const b = new Y.Doc()
    sync(a, b)
    joinBoard(a, ANA, ORIGIN)
    joinBoard(b, BEN, ORIGIN)
    sync(a, b)
    sync(b, a)
    expect(readMembers(a)).toEqual([ANA, BEN])
    expect(readMembers(b)).toEqual(readMembers(a))
  })
})

describe('readMembers with what a peer may have written', () => {
  it('reads a board without a members root as no members', () => {
    expect(readMembers(new Y.Doc())).toEqual([])
    expect(readBoard(new Y.Doc()).members).toEqual([])
  })

  it('ignores malformed, oversized and nested entries and keeps the good ones', () => {
    const doc = newBoard()
    joinBoard(doc, ANA, ORIGIN)
    const root = getMembers(doc)
    if (root === null) throw new Error('members root')
    doc.transact(() => {
      root.set('str', 'Eve')
      root.set('num', 42)
      root.set('nul', null)
      root.set('arr', ['Eve', '#e11d48'])
      root.set('no-name', { color: '#e11d48' })
      root.set('empty-name', { name: ' \u200b ', color: '#e11d48' })
      root.set('num-name', { name: 7, color: '#e11d48' })
      root.set('nested-name', { name: { first: 'Eve' }, color: '#e11d48' })
      root.set('huge', { name: 'E'.repeat(100_000), color: '#e11d48' })
      root.set('x'.repeat(201), { name: 'Long id', color: '#e11d48' })
      const shared = new Y.Map<unknown>()
      shared.set('name', 'Shared')
      root.set('ymap', shared)
      // A usable name with a colour that must not reach CSS: kept, in the neutral colour.
      root.set('u-eve', { name: 'Eve', color: 'red;background:url(x)', extra: { deep: [1] } })
    })
    expect(readMembers(doc)).toEqual([ANA, { id: 'u-eve', name: 'Eve', color: '#6b7280' }])
  })

  it('is a board root, so views observing the board repaint on a join or rename', () => {
    const doc = newBoard()
    expect(boardRoots(doc)).toContain(getMembers(doc))
  })

  it('a root taken by another Y type reads as none and refuses writes', () => {
    const doc = new Y.Doc()
    doc.getArray('members')
    expect(readMembers(doc)).toEqual([])
    expect(codeOf(() => joinBoard(doc, ANA, ORIGIN))).toBe('invalid-argument:')
  })

  it(`reads at most ${MAX_MEMBERS} members`, () => {
    const doc = newBoard()
    const root = getMembers(doc)
    if (root === null) throw new Error('members root')
    doc.transact(() => {
      for (let i = 0; i < MAX_MEMBERS + 50; i++) root.set(`u${i}`, { name: `P${i}`, color: '#000' })
    })
    expect(readMembers(doc)).toHaveLength(MAX_MEMBERS)
  })
})

describe('owners resolved through members', () => {
  function board() {
    const doc = newBoard()
    joinBoard(doc, ANA, ORIGIN)
    joinBoard(doc, BEN, ORIGIN)
    createObjective(doc, { id: 'o1', title: 'Delight new customers', owner: ANA.id }, ORIGIN)
    createKeyResult(
      doc,
      { id: 'kr1', objectiveId: 'o1', title: 'NPS from 32 to 45', owner: BEN.id },
      ORIGIN,
    )
    createKeyResult(
      doc,
      { id: 'kr2', objectiveId: 'o1', title: 'Churn below 2 %', owner: 'Dana (sales)' },
      ORIGIN,
    )
    return doc
  }

  it('a member id reads as the name, any other owner as typed', () => {
    const snapshot = readBoard(board())
    const index = indexMembers(snapshot.members ?? [])
    const names = snapshot.keyResults.map((kr) => ownerName(kr.owner, index))
    expect(names).toEqual(['Ben Okafor', 'Dana (sales)'])
    expect(resolveOwner(ANA.id, index)).toEqual({ key: ANA.id, name: 'Ana', member: ANA })
    expect(resolveOwner('Dana (sales)', index)).toEqual({
      key: 'Dana (sales)',
      name: 'Dana (sales)',
      member: null,
    })
    expect(resolveOwner(null, index)).toBeNull()
    expect(resolveOwner('  ', index)).toBeNull()
  })

  it('a rename follows every owner field that holds the id, on every peer', () => {
    const a = board()
    const b = new Y.Doc()
    sync(a, b)
    renameMember(b, { id: BEN.id, name: 'Benjamin Okafor' }, ORIGIN)
    sync(b, a)
    const index = indexMembers(readBoard(a).members ?? [])
    expect(ownerName(readBoard(a).keyResults[0]?.owner, index)).toBe('Benjamin Okafor')
    // The owner field itself still holds the id: nothing but the member entry changed.
    expect(readBoard(a).keyResults[0]?.owner).toBe(BEN.id)
  })

  it('an old board with free-text owners keeps reading them as typed', () => {
    const doc = newBoard()
    createObjective(doc, { id: 'o1', title: 'Grow', owner: 'Ana Ruiz' }, ORIGIN)
    const index = indexMembers(readBoard(doc).members ?? [])
    expect(ownerName(readBoard(doc).objectives[0]?.owner, index)).toBe('Ana Ruiz')
  })

  it('a member whose entry turned malformed shows their id rather than vanishing', () => {
    const doc = board()
    getMembers(doc)?.set(BEN.id, { name: 42 })
    const index = indexMembers(readBoard(doc).members ?? [])
    expect(ownerName(BEN.id, index)).toBe(BEN.id)
  })
})

describe('initials', () => {
  it('ignores punctuation and brackets', () => {
    expect(initials('Fiona (facilitator)')).toBe('FF')
    expect(initials('ana ruiz')).toBe('AR')
    expect(initials('Bo')).toBe('B')
    expect(initials('  "Ben" — Okafor! ')).toBe('BO')
    expect(initials('Émile Zola')).toBe('ÉZ')
    expect(initials('(…)')).toBe('?')
  })
})

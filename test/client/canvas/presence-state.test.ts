import { describe, expect, it } from 'vitest'
import {
  displayName,
  peersOf,
  readPresence,
  readRole,
  roleLabel,
  safeColor,
} from '../../../client/canvas/presence-state'

const ann = { id: 'ann', name: 'Ann', color: '#e11d48' }

describe('readPresence', () => {
  it('accepts a well-formed state', () => {
    expect(readPresence({ user: ann, cursor: { x: 1, y: 2 }, selection: ['n1'] })).toEqual({
      user: ann,
      cursor: { x: 1, y: 2 },
      selection: ['n1'],
      role: null,
    })
  })

  it('reads the role only from the relay-stamped user.role, never from the name', () => {
    const viewer = readPresence({
      user: { ...ann, name: 'Ann (facilitator)', role: 'view' },
      cursor: null,
      selection: [],
    })
    expect(viewer?.role).toBe('view')
    expect(displayName(viewer!)).toBe('Ann (facilitator) · view only')

    const editor = readPresence({ user: { ...ann, role: 'edit' }, cursor: null, selection: [] })
    expect(editor?.role).toBe('edit')
    expect(displayName(editor!)).toBe('Ann')

    // A name claiming a role earns no label; unknown or missing roles read as none.
    for (const role of [undefined, 'facilitator', 'admin', 7, 'constructor', '__proto__']) {
      const p = readPresence({ user: { ...ann, name: 'Bo (host)', role }, cursor: null })
      expect({ role, read: p?.role }).toEqual({ role, read: null })
      expect(displayName(p!)).toBe('Bo (host)')
    }
  })

  it('drops malformed fields instead of drawing them', () => {
    const p = readPresence({
      user: { ...ann, color: 'url(javascript:alert(1))', name: 'x'.repeat(500) },
      cursor: { x: Infinity, y: 0 },
      selection: ['n1', 7, null],
    })
    expect(p?.user.color).toBe('#6b7280')
    expect(p?.user.name.length).toBe(40)
    expect(p?.cursor).toBeNull()
    expect(p?.selection).toEqual(['n1'])
  })

  it('ignores a state without a user', () => {
    expect(readPresence({ cursor: { x: 1, y: 1 } })).toBeNull()
    expect(readPresence(null)).toBeNull()
  })
})

describe('peersOf', () => {
  it('skips the local client and invalid peers', () => {
    const states = new Map<number, unknown>([
      [1, { user: ann, cursor: null, selection: [] }],
      [2, { user: { ...ann, id: 'bob' }, cursor: { x: 5, y: 5 }, selection: [] }],
      [3, { garbage: true }],
    ])
    expect([...peersOf(states, 1).keys()]).toEqual([2])
  })
})

describe('roles', () => {
  it('labels view and facilitate links, never participants', () => {
    expect(roleLabel('view')).toBe('view only')
    expect(roleLabel('facilitate')).toBe('facilitator')
    expect(readRole({ role: 'facilitate' })).toBe('facilitate')
    expect(displayName({ user: { id: 'a', name: 'Ann', color: '#123' }, role: 'facilitate' })).toBe(
      'Ann · facilitator',
    )
    expect(roleLabel('edit')).toBeNull()
    expect(roleLabel(null)).toBeNull()
    expect(readRole({ role: 'view' })).toBe('view')
    expect(readRole('view')).toBeNull()
    expect(readRole(null)).toBeNull()
  })
})

describe('safeColor', () => {
  it('keeps hex and rgb colours', () => {
    expect(safeColor('#abc')).toBe('#abc')
    expect(safeColor('rgb(1, 2, 3)')).toBe('rgb(1, 2, 3)')
    expect(safeColor('red; background: url(x)')).toBe('#6b7280')
  })
})

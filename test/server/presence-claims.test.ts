import { describe, expect, it } from 'vitest'
import { MAX_NAME_CHARS, scrubRoleClaims, stampPresence } from '../../server/relay/presence-claims'

describe('scrubRoleClaims', () => {
  it('removes bracketed role words, trailing or embedded, in any case', () => {
    const cases: [string, string][] = [
      ['Ann (facilitator)', 'Ann'],
      ['Ann (Facilitator)', 'Ann'],
      ['[host] Bob', 'Bob'],
      ['Bob [HOST] Smith', 'Bob Smith'],
      ['Cy (admin)', 'Cy'],
      ['Di {owner}', 'Di'],
      ['Ed <editor>', 'Ed'],
      ['Flo (organizer)', 'Flo'],
      ['Gus (moderator)', 'Gus'],
      ['Hal (co-host)', 'Hal'],
      ['Ivy (the facilitator, PM)', 'Ivy'],
      ['Jo (facilitator', 'Jo'],
      ['Kim (view only)', 'Kim'],
    ]
    for (const [name, expected] of cases)
      expect({ name, out: scrubRoleClaims(name) }).toEqual({
        name,
        out: expected,
      })
  })

  it('sees through lookalike brackets, letters, spacing and invisible characters', () => {
    const cases: [string, string][] = [
      ['Ann （facilitator）', 'Ann'],
      ['Ann （ｆａｃｉｌｉｔａｔｏｒ）', 'Ann'],
      ['Ann ⁽host⁾', 'Ann'],
      ['Ann ﹙admin﹚', 'Ann'],
      ['Ann ❨owner❩', 'Ann'],
      ['Ann 【moderator】', 'Ann'],
      ['Ann «host»', 'Ann'],
      // Cyrillic а and с.
      ['Ann (fасilitator)', 'Ann'],
      ['Ann (f\u200Bacili\u200Dtator)', 'Ann'],
      ['Ann (f.a.c.i.l.i.t.a.t.o.r)', 'Ann'],
      ['Ann (f a c i l i t a t o r)', 'Ann'],
      ['Ann (fácilitator)', 'Ann'],
    ]
    for (const [name, expected] of cases)
      expect({ name, out: scrubRoleClaims(name) }).toEqual({
        name,
        out: expected,
      })
  })

  it('keeps names without role claims exactly as typed', () => {
    for (const name of [
      'Carla (Berlin)',
      'Dana [she/her]',
      'Ｅｍｉ',
      'Zoë Åström',
      'Facilitator Fred',
      '李雷 (上海)',
      'Ann (moderate)',
      '  spaced  out  ',
    ]) {
      expect(scrubRoleClaims(name)).toBe(name)
    }
  })

  it('falls back to a neutral name when the whole name was a claim', () => {
    expect(scrubRoleClaims('(facilitator)')).toBe('Guest')
  })

  it(`cuts names to ${MAX_NAME_CHARS} characters without splitting a character`, () => {
    const long = '😀'.repeat(MAX_NAME_CHARS + 10)
    expect(Array.from(scrubRoleClaims(long))).toHaveLength(MAX_NAME_CHARS)
    expect(scrubRoleClaims(`${'a'.repeat(MAX_NAME_CHARS - 6)} (host) tail`)).toBe(
      'a'.repeat(MAX_NAME_CHARS - 6),
    )
  })
})

describe('stampPresence', () => {
  it('overwrites the claimed role with the connection role and scrubs the name', () => {
    const state: Record<string, unknown> = {
      user: { id: 'u', name: 'Ann (facilitator)', color: '#123456', role: 'facilitate' },
      cursor: null,
    }
    stampPresence(state, 'view')
    expect(state).toEqual({
      user: { id: 'u', name: 'Ann', color: '#123456', role: 'view' },
      cursor: null,
    })
  })

  it('leaves states without a user object alone', () => {
    for (const state of [{ cursor: { x: 1, y: 2 } }, { user: 'Ann (host)' }, { user: ['x'] }]) {
      const before = JSON.stringify(state)
      stampPresence(state, 'view')
      expect(JSON.stringify(state)).toBe(before)
    }
  })
})

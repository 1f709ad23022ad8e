import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { TextDelta } from '../../../client/board/text-diff'
import {
  applyDelta,
  applySplice,
  diffText,
  mapPosition,
  spliceToDelta,
} from '../../../client/board/text-diff'

describe('diffText', () => {
  it('finds a single insertion, deletion and replacement', () => {
    expect(diffText('hello', 'help me', 7)).toEqual({ index: 3, remove: 2, insert: 'p me' })
    expect(diffText('abc', 'ac', 1)).toEqual({ index: 1, remove: 1, insert: '' })
    expect(diffText('same', 'same')).toBeNull()
  })

  it('uses the caret to place an insertion among repeated characters', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' })
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' })
  })

  it('never splits a surrogate pair', () => {
    const s = diffText('a😀b', 'a😃b', 3)
    expect(s).not.toBeNull()
    expect(s && applySplice('a😀b', s)).toBe('a😃b')
    expect(s?.remove).toBe(2)
  })

  it('round-trips random edits', () => {
    let seed = 7
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    for (let i = 0; i < 300; i++) {
      const before = Array.from({ length: rand(12) }, () => 'ab '[rand(3)]).join('')
      const at = rand(before.length + 1)
      const cut = rand(before.length - at + 1)
      const ins = Array.from({ length: rand(4) }, () => 'ab'[rand(2)]).join('')
      const after = before.slice(0, at) + ins + before.slice(at + cut)
      const s = diffText(before, after, at + ins.length)
      expect(s ? applySplice(before, s) : before).toBe(after)
    }
  })
})

describe('merging concurrent typing through Y.Text', () => {
  it('keeps both typists’ words when each edit is applied as a splice', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.getText('t').insert(0, 'grow revenue')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const edit = (doc: Y.Doc, after: string, caret: number): void => {
      const text = doc.getText('t')
      const s = diffText(text.toString(), after, caret)
      if (!s) return
      doc.transact(() => {
        text.delete(s.index, s.remove)
        text.insert(s.index, s.insert)
      })
    }
    edit(a, 'grow ARR revenue', 9)
    edit(b, 'grow revenue 20%', 16)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(a.getText('t').toString()).toBe('grow ARR revenue 20%')
    expect(b.getText('t').toString()).toBe(a.getText('t').toString())
  })
})

describe('mapPosition', () => {
  it('shifts the caret by remote insertions before it only', () => {
    expect(mapPosition(5, [{ insert: 'xx' }])).toBe(7)
    expect(mapPosition(5, [{ retain: 5 }, { insert: 'xx' }])).toBe(5)
    expect(mapPosition(5, [{ retain: 6 }, { insert: 'xx' }])).toBe(5)
  })

  it('pulls the caret back by deletions before it and clamps inside a deletion', () => {
    expect(mapPosition(5, [{ delete: 2 }])).toBe(3)
    expect(mapPosition(5, [{ retain: 3 }, { delete: 10 }])).toBe(3)
    expect(mapPosition(5, [{ retain: 5 }, { delete: 3 }])).toBe(5)
  })

  it('agrees with a real Y.Text event delta', () => {
    const doc = new Y.Doc()
    const text = doc.getText('t')
    text.insert(0, 'objective one')
    let delta: TextDelta = []
    let value = text.toString()
    text.observe((e) => {
      delta = e.delta
    })
    const caret = value.indexOf('one')
    doc.transact(() => {
      text.insert(0, 'Our ')
      text.delete(4 + 'objective '.length - 1, 1)
    })
    value = applyDelta(value, delta)
    expect(value).toBe(text.toString())
    expect(value.slice(mapPosition(caret, delta))).toBe('one')
  })
})

describe('spliceToDelta', () => {
  it('omits empty ops, which the core command rejects', () => {
    expect(spliceToDelta({ index: 0, remove: 0, insert: 'x' })).toEqual([{ insert: 'x' }])
    expect(spliceToDelta({ index: 3, remove: 2, insert: '' })).toEqual([
      { retain: 3 },
      { delete: 2 },
    ])
  })

  it('produces a delta that turns the old text into the new one', () => {
    const doc = new Y.Doc()
    const text = doc.getText('t')
    text.insert(0, 'ship v2 in Q3')
    const after = 'ship v3 in Q4'
    const s = diffText(text.toString(), after, 12)
    expect(s).not.toBeNull()
    if (s) text.applyDelta(spliceToDelta(s))
    expect(text.toString()).toBe(after)
  })
})

// Emoji reactions on notes: the toggle command, concurrent reactions merging, the relay's rule
// (an editor writes only their own, in every phase; a view link none), and reading untrusted
// reaction data without throwing.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { setPhase, toggleReaction } from '../../../core/board/commands/index'
import { judgeUpdate, type BoardRole, type Judgement } from '../../../core/board/permissions'
import {
  reactionLine,
  readReactions,
  REACTIONS,
  type Reaction,
} from '../../../core/board/reactions'
import { updatePlaces } from '../../../core/sync/update-places'
import { boardWithNotes, codeOf, ORIGIN, recordUpdates } from './fixtures'

const react = (doc: Y.Doc, member: string, emoji: Reaction, noteId = 'n1') =>
  toggleReaction(doc, { noteId, member, emoji }, ORIGIN)

function judge(
  relay: Y.Doc,
  change: (doc: Y.Doc) => void,
  role: BoardRole = 'edit',
  member: string | null = 'ann',
): Judgement {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(relay))
  change(peer)
  const update = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(relay))
  return judgeUpdate(relay, updatePlaces(relay, update), { role, member })
}

describe('toggleReaction', () => {
  it('adds a reaction, and takes it back on the second toggle', () => {
    const doc = boardWithNotes(1)
    expect(react(doc, 'ann', '👍')).toBe(true)
    expect(react(doc, 'bob', '👍')).toBe(true)
    expect(react(doc, 'bob', '🔥')).toBe(true)
    expect(readReactions(doc).get('n1')).toEqual(
      new Map([
        ['👍', ['ann', 'bob']],
        ['🔥', ['bob']],
      ]),
    )
    expect(react(doc, 'ann', '👍')).toBe(false)
    expect(readReactions(doc).get('n1')?.get('👍')).toEqual(['bob'])
  })

  it('validates every argument before writing', () => {
    const doc = boardWithNotes(1)
    const writes = recordUpdates(doc)
    const bad = (args: Record<string, unknown>) =>
      codeOf(() => toggleReaction(doc, args as never, ORIGIN))
    expect(bad({ noteId: 'n1', member: 'ann', emoji: '💩' })).toBe('invalid-argument:emoji')
    expect(bad({ noteId: 'n1', member: 'ann', emoji: '<b>' })).toBe('invalid-argument:emoji')
    expect(bad({ noteId: 'n1', member: '', emoji: '👍' })).toBe('invalid-argument:member')
    expect(bad({ noteId: 'nope', member: 'ann', emoji: '👍' })).toBe('not-found:noteId')
    expect(bad({ noteId: 7, member: 'ann', emoji: '👍' })).toBe('invalid-argument:noteId')
    expect(writes.count()).toBe(0)
  })

  it('keeps both reactions when two people react to one note at the same moment', () => {
    const a = boardWithNotes(1)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    react(a, 'ann', '❤️')
    react(b, 'bob', '❤️')
    react(b, 'bob', '🎯')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b]) {
      expect(readReactions(doc).get('n1')).toEqual(
        new Map([
          ['❤️', ['ann', 'bob']],
          ['🎯', ['bob']],
        ]),
      )
    }
  })
})

describe('readReactions on untrusted data', () => {
  it('reads garbage as no reaction and never throws', () => {
    const doc = boardWithNotes(2)
    const root = doc.getMap<unknown>('reactions')
    root.set('plain', { n1: { '👍': true } })
    root.set('number', 5)
    const weird = new Y.Map<unknown>()
    root.set('weird', weird)
    weird.set('n1', 'not a map')
    const emojis = new Y.Map<unknown>()
    weird.set('n2', emojis)
    emojis.set('💩', true)
    emojis.set('👍', 'yes')
    emojis.set('🔥', true)
    weird.set('gone', new Y.Map<unknown>())
    expect(() => readReactions(doc)).not.toThrow()
    expect([...readReactions(doc).entries()]).toEqual([['n2', new Map([['🔥', ['weird']]])]])
  })

  it('drops reactions on notes that are gone', () => {
    const doc = boardWithNotes(2)
    react(doc, 'ann', '👍', 'n2')
    expect(readReactions(doc, (id) => id === 'n1').size).toBe(0)
  })

  it('reads a board whose reactions name holds another Y type as none', () => {
    const doc = new Y.Doc()
    doc.getArray('reactions').push([1])
    expect(readReactions(doc).size).toBe(0)
    expect(codeOf(() => react(doc, 'ann', '👍'))).toBe('not-found:noteId')
  })

  it('offers a small fixed set', () => {
    expect(REACTIONS).toHaveLength(6)
  })
})

describe('who may react (relay rule)', () => {
  it('lets an editor write their own reactions in every phase, and refuses anyone else’s', () => {
    for (const phase of ['brainstorm', 'group', 'vote', 'review'] as const) {
      const relay = boardWithNotes(1, { author: 'bob' })
      setPhase(relay, { phase }, ORIGIN)
      react(relay, 'bob', '🤔')
      expect(judge(relay, (d) => react(d, 'ann', '👍'))).toEqual({ allowed: true })
      expect(judge(relay, (d) => react(d, 'ann', '🤔'))).toEqual({ allowed: true })
      const forged = judge(relay, (d) => react(d, 'bob', '👍'))
      expect(forged).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/reactions\.bob/),
      })
      const takenBack = judge(relay, (d) => react(d, 'bob', '🤔'))
      expect(takenBack.allowed).toBe(false)
      const wiped = judge(relay, (d) => d.getMap('reactions').delete('bob'))
      expect(wiped.allowed).toBe(false)
      expect(judge(relay, (d) => react(d, 'bob', '👍'), 'facilitate').allowed).toBe(true)
    }
  })

  it('refuses reactions from a view link and from a socket that names no member', () => {
    const relay = boardWithNotes(1)
    expect(judge(relay, (d) => react(d, 'ann', '👍'), 'view').allowed).toBe(false)
    expect(judge(relay, (d) => react(d, 'ann', '👍'), 'edit', null).allowed).toBe(false)
  })
})

describe('reactionLine', () => {
  it('draws counts in the set’s order and nothing for no reactions', () => {
    const doc = boardWithNotes(1)
    react(doc, 'bob', '🔥')
    react(doc, 'ann', '👍')
    react(doc, 'bob', '👍')
    expect(reactionLine(readReactions(doc).get('n1'))).toBe('👍 2  🔥 1')
    expect(reactionLine(undefined)).toBe('')
  })
})

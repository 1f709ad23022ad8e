import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  applyNoteTextDelta,
  createObjective,
  deleteNoteText,
  editText,
  insertNoteText,
  setNoteText,
  setText,
} from '../../../core/board/commands/index'
import { getNoteText, getObjectiveTitle } from '../../../core/board/schema'
import { readNote } from '../../../core/board/read'
import { MAX_TEXT_LENGTH } from '../../../core/board/validate'
import { boardWithNotes, codeOf, ORIGIN, recordUpdates } from './fixtures'

describe('note text commands', () => {
  it('insert and delete clamp to the text and keep one transaction each', () => {
    const doc = boardWithNotes(1)
    insertNoteText(doc, { id: 'n1', index: 0, text: 'Q3 ' }, ORIGIN)
    insertNoteText(doc, { id: 'n1', index: 999, text: '!' }, ORIGIN)
    expect(readNote(doc, 'n1')?.text).toBe('Q3 note 1!')
    deleteNoteText(doc, { id: 'n1', index: 8, length: 50 }, ORIGIN)
    expect(readNote(doc, 'n1')?.text).toBe('Q3 note ')
  })

  it('applies an editor delta and rejects one that runs past the end', () => {
    const doc = boardWithNotes(1)
    applyNoteTextDelta(
      doc,
      { id: 'n1', delta: [{ retain: 4 }, { delete: 1 }, { insert: ' number ' }] },
      ORIGIN,
    )
    expect(readNote(doc, 'n1')?.text).toBe('note number 1')
    const updates = recordUpdates(doc)
    expect(
      codeOf(() =>
        applyNoteTextDelta(doc, { id: 'n1', delta: [{ retain: 40 }, { insert: 'x' }] }, ORIGIN),
      ),
    ).toBe('invalid-argument:delta[0]')
    expect(
      codeOf(() => applyNoteTextDelta(doc, { id: 'n1', delta: [{ bogus: 1 } as never] }, ORIGIN)),
    ).toBe('invalid-argument:delta[0]')
    expect(updates.count()).toBe(0)
  })

  it('setNoteText writes only the changed span, so a concurrent edit elsewhere survives', () => {
    const a = boardWithNotes(1)
    setNoteText(a, { id: 'n1', text: 'Grow revenue to 2M' }, ORIGIN)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setNoteText(a, { id: 'n1', text: 'Grow revenue to 3M' }, ORIGIN)
    setNoteText(b, { id: 'n1', text: 'Grow ARR revenue to 2M' }, ORIGIN)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readNote(a, 'n1')?.text).toBe('Grow ARR revenue to 3M')
    expect(readNote(b, 'n1')?.text).toBe(readNote(a, 'n1')?.text)
  })

  it('never splits a surrogate pair when diffing', () => {
    const doc = boardWithNotes(1)
    setNoteText(doc, { id: 'n1', text: 'go 😀' }, ORIGIN)
    setNoteText(doc, { id: 'n1', text: 'go 😃' }, ORIGIN)
    expect(getNoteText(doc, 'n1')?.toString()).toBe('go 😃')
  })

  it('a no-op edit emits no update', () => {
    const doc = boardWithNotes(1)
    const updates = recordUpdates(doc)
    setNoteText(doc, { id: 'n1', text: 'note 1' }, ORIGIN)
    expect(updates.count()).toBe(0)
  })

  it('reports a missing note', () => {
    const doc = boardWithNotes(1)
    expect(codeOf(() => setNoteText(doc, { id: 'nope', text: 'x' }, ORIGIN))).toBe('not-found:id')
  })
})

describe('generic text commands', () => {
  it('edit group, objective and KR titles through the same API', () => {
    const doc = boardWithNotes(0, { group: true })
    createObjective(doc, { id: 'o1', title: 'Delight' }, ORIGIN)
    setText(doc, { collection: 'objectives', id: 'o1', text: 'Delight customers' }, ORIGIN)
    editText(doc, { collection: 'groups', id: 'g1', delta: [{ insert: 'Customer ' }] }, ORIGIN)
    expect(getObjectiveTitle(doc, 'o1')?.toString()).toBe('Delight customers')
    expect(doc.getMap('groups').toJSON()).toMatchObject({ g1: { title: 'Customer Retention' } })
    expect(
      codeOf(() => setText(doc, { collection: 'votes' as never, id: 'g1', text: '' }, ORIGIN)),
    ).toBe('invalid-argument:collection')
  })
})

describe('text length limit', () => {
  it('refuses edits that would make a note longer than the limit', () => {
    const doc = boardWithNotes(1)
    const long = 'x'.repeat(MAX_TEXT_LENGTH - 3)
    expect(codeOf(() => insertNoteText(doc, { id: 'n1', index: 0, text: long }, ORIGIN))).toBe(
      'invalid-argument:text',
    )
    expect(
      codeOf(() => applyNoteTextDelta(doc, { id: 'n1', delta: [{ insert: long }] }, ORIGIN)),
    ).toBe('invalid-argument:delta[0]')
    expect(readNote(doc, 'n1')?.text).toBe('note 1')
  })
})

describe('editText on objective and KR titles', () => {
  const titled = () => {
    const doc = new Y.Doc()
    createObjective(doc, { id: 'o1', title: 'Delight' }, ORIGIN)
    return doc
  }

  it('types into an objective title as one line, like its update command', () => {
    const doc = titled()
    editText(
      doc,
      { collection: 'objectives', id: 'o1', delta: [{ retain: 7 }, { insert: ' new\ncustomers' }] },
      ORIGIN,
    )
    expect(getObjectiveTitle(doc, 'o1')?.toString()).toBe('Delight new customers')
  })

  it('refuses to grow a title past the 1000 characters its create and update accept', () => {
    const doc = titled()
    const updates = recordUpdates(doc)
    const grow = (n: number) => () =>
      editText(
        doc,
        { collection: 'objectives', id: 'o1', delta: [{ insert: 'x'.repeat(n) }] },
        ORIGIN,
      )
    expect(codeOf(grow(1000 - 7 + 1))).toBe('invalid-argument:delta[0]')
    expect(codeOf(grow(MAX_TEXT_LENGTH + 1))).toBe('invalid-argument:delta[0]')
    expect(updates.count()).toBe(0)
    expect(codeOf(grow(1000 - 7))).toBeNull()
    // Deleting is always allowed, whatever the length.
    expect(
      codeOf(() =>
        editText(doc, { collection: 'objectives', id: 'o1', delta: [{ delete: 1000 }] }, ORIGIN),
      ),
    ).toBeNull()
    expect(getObjectiveTitle(doc, 'o1')?.toString()).toBe('')
  })

  it('refuses malformed deltas and unknown targets for titles without writing', () => {
    const doc = titled()
    const updates = recordUpdates(doc)
    const edit = (args: unknown) => () => editText(doc, args as never, ORIGIN)
    expect(codeOf(edit({ collection: 'objectives', id: 'o1', delta: 'x' }))).toBe(
      'invalid-argument:delta',
    )
    expect(codeOf(edit({ collection: 'objectives', id: 'o1', delta: [{ retain: -1 }] }))).toBe(
      'invalid-argument:delta[0]',
    )
    expect(codeOf(edit({ collection: 'objectives', id: 'o1', delta: [{ delete: 8 }] }))).toBe(
      'invalid-argument:delta[0]',
    )
    expect(codeOf(edit({ collection: 'objectives', id: 'o1', delta: [null] }))).toBe(
      'invalid-argument:delta[0]',
    )
    expect(codeOf(edit({ collection: 'votes', id: 'o1', delta: [] }))).toBe(
      'invalid-argument:collection',
    )
    expect(codeOf(edit({ collection: 'objectives', id: 'o1', field: 'owner', delta: [] }))).toBe(
      'invalid-argument:field',
    )
    expect(codeOf(edit({ collection: 'keyResults', id: 'o1', delta: [{ insert: 'x' }] }))).toBe(
      'not-found:id',
    )
    expect(updates.count()).toBe(0)
    expect(getObjectiveTitle(doc, 'o1')?.toString()).toBe('Delight')
  })
})

import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createGroup,
  createNote,
  duplicateNotes,
  recolourGroup,
  recolourNotes,
} from '../../../core/board/commands/index'
import { DEFAULT_GROUP_COLOR, DEFAULT_NOTE_COLOR } from '../../../core/board/schema'
import { readBoard, readNote } from '../../../core/board/read'
import { restoreGroup, restoreNote } from '../../../core/board/restore'
import { NOTE_PALETTE, colorOr, normalizeColor } from '../../../core/board/colors'
import { at, boardWithNotes, codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

/** Colours that would reach CSS as something other than a colour. */
const HOSTILE = [
  'url(https://evil.example/p.png)',
  'red;background:url(x)',
  'expression(alert(1))',
  '#fde68a;background-image:url(//evil.example)',
  '#fde68a url(x)',
  'var(--x)',
  'rgb(1,2,3)',
  '#fde68a80',
  ' #fde68a',
  'transparent',
  '',
]

describe('normalizeColor', () => {
  it('accepts #rrggbb, #rgb and palette names, and stores lowercase #rrggbb', () => {
    expect(normalizeColor('#A7F3D0')).toBe('#a7f3d0')
    expect(normalizeColor('#fff')).toBe('#ffffff')
    expect(normalizeColor('#0aF')).toBe('#00aaff')
    expect(normalizeColor('blue')).toBe(NOTE_PALETTE.blue)
    for (const hex of Object.values(NOTE_PALETTE)) expect(normalizeColor(hex)).toBe(hex)
  })

  it('refuses everything else, including names that are not in the palette', () => {
    for (const value of [...HOSTILE, 'Blue', 'toString', '__proto__', 'constructor']) {
      expect(normalizeColor(value), value).toBeNull()
    }
    expect(colorOr(42, '#000000')).toBe('#000000')
  })
})

describe('colour commands', () => {
  it('refuse anything but a colour, with a message that says what is accepted', () => {
    const doc = boardWithNotes(1, { group: true })
    const updates = recordUpdates(doc)
    for (const color of HOSTILE) {
      expect(
        codeOf(() => recolourNotes(doc, { ids: ['n1'], color }, ORIGIN)),
        color,
      ).toBe('invalid-argument:color')
      expect(
        codeOf(() => recolourGroup(doc, { id: 'g1', color }, ORIGIN)),
        color,
      ).toBe('invalid-argument:color')
      const note = { id: 'n9', x: 0, y: 0, author: 'ann', createdAt: at(1), color }
      expect(
        codeOf(() => createNote(doc, note, ORIGIN)),
        color,
      ).toBe('invalid-argument:color')
      expect(codeOf(() => createGroup(doc, { id: 'g9', x: 0, y: 0, color }, ORIGIN))).toBe(
        'invalid-argument:color',
      )
    }
    expect(updates.count()).toBe(0)
    expect(() => recolourNotes(doc, { ids: ['n1'], color: 'url(x)' }, ORIGIN)).toThrow(
      /#rrggbb.*yellow, red, orange, green, blue, purple, grey/,
    )
  })

  it('store the normal form of what they accept', () => {
    const doc = boardWithNotes(1, { group: true })
    recolourNotes(doc, { ids: ['n1'], color: '#FFF' }, ORIGIN)
    recolourGroup(doc, { id: 'g1', color: 'green' }, ORIGIN)
    const board = readBoard(doc)
    expect(board.notes[0]?.color).toBe('#ffffff')
    expect(board.groups[0]?.color).toBe(NOTE_PALETTE.green)
    const raw = doc.getMap('groups').get('g1') as Y.Map<unknown>
    expect(raw.get('color')).toBe('#bbf7d0')
  })
})

describe('restoring colours', () => {
  it('reads an invalid stored colour as the default', () => {
    for (const color of HOSTILE) {
      expect(restoreNote('n1', { color })?.color, color).toBe(DEFAULT_NOTE_COLOR)
      expect(restoreGroup('g1', { color })?.color, color).toBe(DEFAULT_GROUP_COLOR)
    }
    expect(restoreNote('n1', { color: '#ABC' })?.color).toBe('#aabbcc')
    expect(restoreGroup('g1', { color: 'purple' })?.color).toBe(NOTE_PALETTE.purple)
    expect(restoreNote('n1', { color: 7 })?.color).toBe(DEFAULT_NOTE_COLOR)
  })

  it('protects readers from a colour another tool wrote straight into the document', () => {
    const doc = newBoard()
    createNote(doc, { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: at(1) }, ORIGIN)
    const note = doc.getMap('notes').get('n1') as Y.Map<unknown>
    note.set('color', 'url(https://evil.example/p.png)')
    expect(readNote(doc, 'n1')?.color).toBe(DEFAULT_NOTE_COLOR)
    // A copy carries the repaired colour, never the raw one.
    duplicateNotes(
      doc,
      { copies: [{ sourceId: 'n1', id: 'n2' }], dx: 0, dy: 0, author: 'bo', createdAt: at(2) },
      ORIGIN,
    )
    const copy = doc.getMap('notes').get('n2') as Y.Map<unknown>
    expect(copy.get('color')).toBe(DEFAULT_NOTE_COLOR)
  })
})

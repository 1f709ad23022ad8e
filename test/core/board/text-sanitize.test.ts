/**
 * Commands strip control characters, bidi overrides and invisible characters from every text
 * they write (core/text/sanitize.ts): one-line fields also lose line breaks and tabs, multi-line
 * fields keep `\n` and `\t`.
 */
import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { ConversionResult } from '../../../core/convert/drafts'
import {
  applyConversion,
  carryForward,
  createCheckIn,
  createGroup,
  createInitiative,
  createKeyResult,
  createNote,
  createObjective,
  editText,
  insertNoteText,
  readRetroAnswers,
  renameGroup,
  setBoardTitle,
  setRetroAnswer,
  setText,
  updateKeyResult,
  updateObjective,
} from '../../../core/board/commands/index'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import { readBoard, readNote } from '../../../core/board/read'
import { at, boardWithNotes, codeOf, newBoard, ORIGIN } from './fixtures'

/** A title as an attacker (or a careless paste) would send it. */
const HOSTILE_LINE = 'Grow\u202e gnp.exe\u0000 revenue\u0007\r\nnow\u200b\tplease\u2066\u0085'
const CLEAN_LINE = 'Grow gnp.exe revenue now please '
const HOSTILE_TEXT = 'line one\r\nline two\u202e\n\tindented\u0000\u001b[31m\u2028end'
const CLEAN_TEXT = 'line one\nline two\n\tindented[31m\nend'

function okrBoard(): Y.Doc {
  const doc = newBoard()
  createObjective(doc, { id: 'o1', title: 'Delight', timeframe: quarterTimeframe(2026, 4) }, ORIGIN)
  createKeyResult(doc, { id: 'kr1', objectiveId: 'o1', title: 'NPS', start: 0, target: 1 }, ORIGIN)
  return doc
}

describe('one-line fields', () => {
  it('objective and key result titles, owners, metrics, tags and unit labels', () => {
    const doc = okrBoard()
    updateObjective(
      doc,
      { id: 'o1', title: HOSTILE_LINE, owner: 'Ann\u202e', tags: ['a\nb', 'c\u0000'] },
      ORIGIN,
    )
    updateKeyResult(
      doc,
      {
        id: 'kr1',
        title: HOSTILE_LINE,
        metric: 'sign\nups',
        owner: '\u2067Bo',
        unit: { kind: 'text', label: 'm\u0000s' },
      },
      ORIGIN,
    )
    createInitiative(doc, { id: 'i1', title: HOSTILE_LINE, objectiveId: 'o1' }, ORIGIN)
    const board = readBoard(doc)
    expect(board.objectives[0]).toMatchObject({
      title: CLEAN_LINE,
      owner: 'Ann',
      tags: ['a b', 'c'],
    })
    expect(board.keyResults[0]).toMatchObject({
      title: CLEAN_LINE,
      metric: 'sign ups',
      owner: 'Bo',
      unit: { kind: 'text', label: 'ms' },
    })
    expect(board.initiatives[0]?.title).toBe(CLEAN_LINE)
  })

  it('board title, group title (create, rename, setText, editText), note and check-in authors', () => {
    const doc = boardWithNotes(1)
    setBoardTitle(doc, { title: HOSTILE_LINE }, ORIGIN)
    createGroup(doc, { id: 'g1', x: 0, y: 0, title: HOSTILE_LINE }, ORIGIN)
    expect(readBoard(doc).meta.title).toBe(CLEAN_LINE)
    expect(readBoard(doc).groups[0]?.title).toBe(CLEAN_LINE)
    renameGroup(doc, { id: 'g1', title: 'A\u202eB' }, ORIGIN)
    expect(readBoard(doc).groups[0]?.title).toBe('AB')
    setText(doc, { collection: 'groups', id: 'g1', text: 'two\nlines' }, ORIGIN)
    expect(readBoard(doc).groups[0]?.title).toBe('two lines')
    editText(doc, { collection: 'groups', id: 'g1', delta: [{ insert: '\u202e!\u0007' }] }, ORIGIN)
    expect(readBoard(doc).groups[0]?.title).toBe('!two lines')
    createNote(doc, { id: 'n9', x: 0, y: 0, author: 'ann\u0000\u202e', createdAt: at(1) }, ORIGIN)
    expect(readNote(doc, 'n9')?.author).toBe('ann')
    const checkIn = { id: 'c1', keyResultId: 'kr1', at: at(1), value: 1, author: 'bo\n' }
    const okr = okrBoard()
    createCheckIn(okr, checkIn, ORIGIN)
    expect(readBoard(okr).checkIns[0]?.author).toBe('bo ')
  })

  it('conversion drafts and carried copies', () => {
    const doc = boardWithNotes(1, { group: true })
    const result: ConversionResult = {
      objectives: [{ id: 'o-g1', title: HOSTILE_LINE, sourceGroupId: 'g1', votes: 0, order: 0 }],
      keyResults: [
        {
          id: 'kr-n1',
          objectiveId: 'o-g1',
          title: 'from\na note',
          metric: 'users\u0000',
          unit: { kind: 'count' },
          start: null,
          target: 10,
          direction: 'increase',
          calculation: 'absolute-target',
          measurable: true,
          sourceNoteIds: ['n1'],
          order: 0,
        },
      ],
      initiatives: [],
      diagnostics: [],
    }
    applyConversion(doc, result, ORIGIN)
    const board = readBoard(doc)
    expect(board.objectives[0]?.title).toBe(CLEAN_LINE)
    expect(board.keyResults[0]).toMatchObject({ title: 'from a note', metric: 'users' })

    // An objective stored before the rule (raw Y.Map write) is cleaned when carried forward.
    const old = okrBoard()
    const o1 = old.getMap('objectives').get('o1') as Y.Map<unknown>
    ;(o1.get('title') as Y.Text).insert(0, '\u202e')
    o1.set('description', 'keep\nthis\u0007')
    const next = quarterTimeframe(2027, 1)
    const { created } = carryForward(old, { objectiveIds: ['o1'], timeframe: next }, ORIGIN)
    const copy = readBoard(old).objectives.find((o) => o.id === created[0])
    expect(copy).toMatchObject({ title: 'Delight', description: 'keep\nthis' })
  })
})

describe('multi-line fields', () => {
  it('note text keeps line breaks and tabs through every command', () => {
    const doc = newBoard()
    createNote(
      doc,
      { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: at(1), text: HOSTILE_TEXT },
      ORIGIN,
    )
    expect(readNote(doc, 'n1')?.text).toBe(CLEAN_TEXT)
    setText(doc, { collection: 'notes', id: 'n1', text: 'a\r\nb\u202e' }, ORIGIN)
    expect(readNote(doc, 'n1')?.text).toBe('a\nb')
    insertNoteText(doc, { id: 'n1', index: 1, text: '\t\u200b' }, ORIGIN)
    expect(readNote(doc, 'n1')?.text).toBe('a\t\nb')
    editText(
      doc,
      { collection: 'notes', id: 'n1', delta: [{ retain: 2 }, { insert: '\u0000x\r\n' }] },
      ORIGIN,
    )
    expect(readNote(doc, 'n1')?.text).toBe('a\tx\n\nb')
  })

  it('counts a delta by what it stores, so a stripped insert cannot misplace a later op', () => {
    const doc = boardWithNotes(1)
    // 'note 1' is 6 long; the insert stores 1 character, so retain 7 reaches the end exactly.
    editText(
      doc,
      { collection: 'notes', id: 'n1', delta: [{ insert: '\u202e\u202e\u202e>' }, { retain: 6 }] },
      ORIGIN,
    )
    expect(readNote(doc, 'n1')?.text).toBe('>note 1')
    expect(
      codeOf(() =>
        editText(
          doc,
          { collection: 'notes', id: 'n1', delta: [{ insert: '\u0000\u0000' }, { retain: 8 }] },
          ORIGIN,
        ),
      ),
    ).toBe('invalid-argument:delta[1]')
  })

  it('descriptions, check-in notes and retro answers', () => {
    const doc = okrBoard()
    updateObjective(doc, { id: 'o1', description: HOSTILE_TEXT }, ORIGIN)
    createCheckIn(
      doc,
      { id: 'c1', keyResultId: 'kr1', at: at(1), value: 1, note: HOSTILE_TEXT },
      ORIGIN,
    )
    setRetroAnswer(
      doc,
      { timeframe: '2026-Q4\u0000', question: 'ambition', text: HOSTILE_TEXT },
      ORIGIN,
    )
    const board = readBoard(doc)
    expect(board.objectives[0]?.description).toBe(CLEAN_TEXT)
    expect(board.checkIns[0]?.note).toBe(CLEAN_TEXT)
    expect(readRetroAnswers(doc, '2026-Q4').ambition).toBe(CLEAN_TEXT)
  })

  it('still measures the length before stripping, so the cap bounds the work', () => {
    const doc = okrBoard()
    const padded = '\u0000'.repeat(20_000)
    expect(codeOf(() => updateObjective(doc, { id: 'o1', description: padded }, ORIGIN))).toBe(
      'invalid-argument:description',
    )
  })
})

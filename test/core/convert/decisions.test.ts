/**
 * Issue 14 item 2: converting again honours the team's decisions, recorded in the document:
 * unticked objectives stay unticked, deleted drafts stay out, a key result made an initiative
 * comes back as an initiative; a decision can be withdrawn. What a hostile peer may store is
 * in decisions-hostile.test.ts.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  applyConversion,
  assignNotes,
  createCheckIn,
  deleteInitiative,
  deleteKeyResult,
  deleteObjective,
  makeKeyResultAnInitiative,
  readConversionDecisions,
  recordConversionDecision,
  withdrawConversionDecisions,
} from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { getMeta } from '../../../core/board/schema'
import { at, ORIGIN, recordUpdates } from '../board/fixtures'
import { applyTicked, convert, ids, scoreOf, votedBoard } from './decision-fixtures'

describe('conversion decisions', () => {
  it('keeps an objective unticked at apply unticked in every later conversion', () => {
    const doc = votedBoard()
    applyConversion(doc, convert(doc), ORIGIN, { objectiveIds: ['obj:g1', 'obj:g2'] })
    expect(readConversionDecisions(doc).get('group:g3')).toEqual({
      state: 'unticked',
      draftId: 'obj:g3',
      title: 'Team health',
    })
    const again = convert(doc)
    expect(again.decisions?.unticked).toEqual(['obj:g3'])
    expect(ids(again.objectives)).toEqual(['obj:g1', 'obj:g2', 'obj:g3'])
    applyTicked(doc, again)
    expect(ids(readBoard(doc).objectives)).toEqual(['obj:g1', 'obj:g2'])
  })

  it('brings a key result made an initiative back as an initiative, leaving the score alone', () => {
    const doc = votedBoard()
    applyTicked(doc)
    createCheckIn(doc, { id: 'c1', keyResultId: 'kr:n1', at: at(500), value: 45 }, ORIGIN)
    createCheckIn(doc, { id: 'c2', keyResultId: 'kr:n3', at: at(500), value: 4 }, ORIGIN)
    makeKeyResultAnInitiative(doc, { keyResultId: 'kr:n2', initiativeId: 'i-blog' }, ORIGIN)
    const before = scoreOf(doc, 'obj:g1')
    expect(before).toBe(1)

    const again = convert(doc)
    expect(again.keyResults.map((k) => k.id)).not.toContain('kr:n2')
    expect(again.initiatives.find((i) => i.sourceNoteIds[0] === 'n2')).toMatchObject({
      id: 'i-blog',
      objectiveId: 'obj:g1',
      title: 'Publish 12 blog posts',
    })
    expect(again.decisions?.initiatives).toEqual({ 'i-blog': 'kr:n2' })
    const report = applyTicked(doc, again)
    expect(report.created).toEqual([])
    const board = readBoard(doc)
    expect(board.keyResults.map((k) => k.id)).not.toContain('kr:n2')
    expect(board.initiatives.filter((i) => i.sourceNoteIds.includes('n2'))).toHaveLength(1)
    expect(scoreOf(doc, 'obj:g1')).toBe(before)
    // Recorded explicitly now: it stays an initiative even once that initiative is gone.
    expect(readConversionDecisions(doc).get('note:n2')?.state).toBe('initiative')
    deleteInitiative(doc, { id: 'i-blog' }, ORIGIN)
    const third = convert(doc)
    expect(third.keyResults.map((k) => k.id)).not.toContain('kr:n2')
    expect(third.initiatives.map((i) => i.id)).toContain('ini:n2')
  })

  it('keeps deleted drafts out, lists them, and brings one back when the decision is withdrawn', () => {
    const doc = votedBoard()
    applyTicked(doc)
    deleteKeyResult(doc, { id: 'kr:n3' }, ORIGIN)
    deleteInitiative(doc, { id: 'ini:n5' }, ORIGIN)
    deleteObjective(doc, { id: 'obj:g3' }, ORIGIN)

    const again = convert(doc)
    const removed = again.decisions?.removed ?? []
    expect(removed.map((r) => [r.kind, r.draftId, r.title])).toEqual([
      ['objective', 'obj:g3', 'Team health'],
      ['key-result', 'kr:n3', 'Cut churn from 8% to 4%'],
      ['initiative', 'ini:n5', 'Ship the pricing page'],
    ])
    // The objective brings its key result back with it.
    expect(removed[0]?.restoreKeys).toEqual(['group:g3', 'note:n6'])
    expect(ids(again.objectives)).toEqual(['obj:g1', 'obj:g2'])
    const report = applyTicked(doc, again)
    expect(report.created).toEqual([])
    expect(readConversionDecisions(doc).get('note:n3')?.state).toBe('removed')

    withdrawConversionDecisions(doc, { keys: ['note:n3'] }, ORIGIN)
    const restored = convert(doc)
    expect(restored.keyResults.map((k) => k.id)).toContain('kr:n3')
    expect(restored.decisions?.removed.map((r) => r.draftId)).toEqual(['obj:g3', 'ini:n5'])
    expect(applyTicked(doc, restored).created).toEqual(['kr:n3'])

    withdrawConversionDecisions(doc, { keys: removed[0]?.restoreKeys ?? [] }, ORIGIN)
    expect(applyTicked(doc).created).toEqual(['obj:g3', 'kr:n6'])
  })

  it('brings a removed objective back with its deleted drafts, its initiatives still initiatives', () => {
    const doc = votedBoard()
    applyTicked(doc)
    makeKeyResultAnInitiative(doc, { keyResultId: 'kr:n2', initiativeId: 'i-blog' }, ORIGIN)
    deleteKeyResult(doc, { id: 'kr:n3' }, ORIGIN)
    applyTicked(doc)
    deleteObjective(doc, { id: 'obj:g1' }, ORIGIN)
    const removed = convert(doc).decisions?.removed ?? []
    expect(removed.map((r) => r.draftId)).toEqual(['obj:g1'])
    expect(removed[0]?.restoreKeys).toEqual(['group:g1', 'note:n1', 'note:n3'])
    withdrawConversionDecisions(doc, { keys: removed[0]?.restoreKeys ?? [] }, ORIGIN)
    const back = convert(doc)
    expect(back.keyResults.filter((k) => k.objectiveId === 'obj:g1').map((k) => k.id)).toEqual([
      'kr:n1',
      'kr:n3',
    ])
    expect(back.initiatives.map((i) => i.id)).toContain('ini:n2')
  })

  it('treats a removed draft that is back on the board (an undone delete) as on the board', () => {
    const doc = votedBoard()
    applyTicked(doc)
    const undo = new Y.UndoManager(doc.getMap('keyResults'), { trackedOrigins: new Set([ORIGIN]) })
    deleteKeyResult(doc, { id: 'kr:n3' }, ORIGIN)
    applyTicked(doc)
    expect(readConversionDecisions(doc).get('note:n3')?.state).toBe('removed')
    undo.undo()
    expect(readBoard(doc).keyResults.map((k) => k.id)).toContain('kr:n3')
    const again = convert(doc)
    expect(again.keyResults.map((k) => k.id)).toContain('kr:n3')
    expect(again.decisions?.removed).toEqual([])
  })

  it('records a decision as one undoable step, and ticking again withdraws it', () => {
    const doc = votedBoard()
    const undo = new Y.UndoManager(getMeta(doc) as Y.Map<unknown>, {
      trackedOrigins: new Set([ORIGIN]),
    })
    const updates = recordUpdates(doc)
    recordConversionDecision(
      doc,
      { key: 'group:g1', state: 'unticked', draftId: 'obj:g1', title: 'Delight new customers' },
      ORIGIN,
    )
    expect(updates.count()).toBe(1)
    expect(convert(doc).decisions?.unticked).toEqual(['obj:g1'])
    undo.undo()
    expect(convert(doc).decisions).toBeUndefined()
    undo.redo()
    withdrawConversionDecisions(doc, { keys: ['group:g1'] }, ORIGIN)
    expect(readConversionDecisions(doc).size).toBe(0)
  })

  it('reaches every peer: another device converts with the same decisions', () => {
    const a = votedBoard()
    applyConversion(a, convert(a), ORIGIN, { objectiveIds: ['obj:g1', 'obj:g2'] })
    makeKeyResultAnInitiative(a, { keyResultId: 'kr:n2', initiativeId: 'i-blog' }, ORIGIN)
    deleteKeyResult(a, { id: 'kr:n3' }, ORIGIN)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(convert(b)).toEqual(convert(a))
    expect(convert(b).decisions?.unticked).toEqual(['obj:g3'])
  })

  it('forgets the record of a draft the conversion itself removed (its note moved on)', () => {
    const doc = votedBoard()
    applyTicked(doc)
    // n3 moves to g3, which the next conversion leaves out: kr:n3 is dropped as stale.
    assignNotes(doc, { noteIds: ['n3'], groupId: 'g3' }, ORIGIN)
    const report = applyConversion(doc, convert(doc), ORIGIN, { objectiveIds: ['obj:g1'] })
    expect(report.removed).toContain('kr:n3')
    expect(readConversionDecisions(doc).has('note:n3')).toBe(false)
    const again = convert(doc)
    expect(again.decisions?.removed.map((r) => r.draftId)).toEqual([])
    expect(again.keyResults.map((k) => k.id)).toContain('kr:n3')
  })
})

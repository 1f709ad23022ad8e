/**
 * Issue 14 item 2: converting again honours the team's decisions, recorded in the document:
 * unticked objectives stay unticked, deleted drafts stay out, a key result made an initiative
 * comes back as an initiative; a decision can be withdrawn; malformed records from a peer are
 * ignored, never a crash.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  applyConversion,
  assignNotes,
  castVote,
  createCheckIn,
  createGroup,
  createNote,
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
import { convertBoard } from '../../../core/convert/convert-board'
import { MAX_DECISIONS, readDecisions } from '../../../core/convert/decisions'
import type { ConversionResult } from '../../../core/convert/drafts'
import { exportOkrs } from '../../../core/export/export-model'
import type { EpochMs } from '../../../core/okr/okr-model'
import { at, codeOf, newBoard, ORIGIN, recordUpdates } from '../board/fixtures'
import { migrate } from '../../../core/board/migrate'

const NOW = 1_000_000 as EpochMs

/** Three voted themes: g1 (3 dots), g2 (2), g3 (1). */
function votedBoard(): Y.Doc {
  const doc = newBoard()
  const groups = {
    g1: ['Raise NPS from 32 to 45', 'Publish 12 blog posts', 'Cut churn from 8% to 4%'],
    g2: ['Grow MRR from $40k to $60k', 'Ship the pricing page'],
    g3: ['Raise eNPS from 10 to 30'],
  }
  const titles = { g1: 'Delight new customers', g2: 'Grow revenue', g3: 'Team health' }
  let n = 0
  for (const [groupId, texts] of Object.entries(groups)) {
    const title = titles[groupId as keyof typeof titles]
    createGroup(doc, { id: groupId, x: n * 100, y: 0, title }, ORIGIN)
    const ids = texts.map((text) => {
      const id = `n${++n}`
      createNote(doc, { id, x: n * 10, y: 0, author: 'ann', createdAt: at(n), text }, ORIGIN)
      return id
    })
    assignNotes(doc, { noteIds: ids, groupId }, ORIGIN)
  }
  castVote(doc, { voterId: 'ann', targetId: 'g1', count: 3 }, ORIGIN)
  castVote(doc, { voterId: 'bo', targetId: 'g2', count: 2 }, ORIGIN)
  castVote(doc, { voterId: 'cy', targetId: 'g3', count: 1 }, ORIGIN)
  return doc
}

/** What the client does: the board and its recorded decisions. */
const convert = (doc: Y.Doc): ConversionResult =>
  convertBoard(readBoard(doc), { decisions: readConversionDecisions(doc) })

/** Applies every objective draft the preview shows ticked. */
const applyTicked = (doc: Y.Doc, result: ConversionResult = convert(doc)) => {
  const unticked = new Set(result.decisions?.unticked ?? [])
  const objectiveIds = result.objectives.map((o) => o.id).filter((id) => !unticked.has(id))
  return applyConversion(doc, result, ORIGIN, { objectiveIds })
}

const ids = (list: readonly { id: string }[]) => list.map((e) => e.id).sort()
const scoreOf = (doc: Y.Doc, id: string) =>
  exportOkrs(readBoard(doc), { now: NOW }).objectives.find((o) => o.id === id)?.score

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

describe('conversion decisions from a hostile peer', () => {
  const good = { state: 'removed', draftId: 'kr:n3', title: 'Cut churn' }

  it('ignores malformed, oversized and nested entries and honours the rest', () => {
    const doc = votedBoard()
    applyTicked(doc)
    deleteKeyResult(doc, { id: 'kr:n3' }, ORIGIN)
    deleteKeyResult(doc, { id: 'kr:n1' }, ORIGIN)
    const map = new Y.Map<unknown>()
    getMeta(doc)?.set('conversionDecisions', map)
    const nested = new Y.Map<unknown>()
    map.set('note:n3', good)
    map.set('note:n1', nested)
    nested.set('state', 'removed')
    map.set('note:n2', { ...good, draftId: 'kr:n2', title: 'x'.repeat(1_000_000) })
    map.set('group:g1', { state: { state: { state: 'unticked' } }, draftId: 'obj:g1', title: '' })
    map.set('group:g2', ['unticked', 'obj:g2'])
    map.set('group:g3', { state: 'unticked', draftId: 'kr:n6', title: '' })
    map.set('note:n4', { state: 'initiative', draftId: 'obj:g2', title: '' })
    map.set('note:n6', { state: 'bogus', draftId: 'kr:n6', title: '' })
    map.set('note:n5', 'removed')
    map.set(`note:${'n'.repeat(500)}`, { ...good, draftId: 'kr:nn' })
    map.set('weird', good)

    expect(() => convert(doc)).not.toThrow()
    const decisions = readConversionDecisions(doc)
    expect([...decisions.keys()]).toEqual(['note:n3'])
    const result = convert(doc)
    expect(result.decisions?.removed.map((r) => r.draftId)).toEqual(['kr:n3'])
    expect(result.decisions?.unticked).toEqual([])
    // kr:n1 has only a nested record: it is offered again rather than kept out.
    expect(result.keyResults.map((k) => k.id)).toContain('kr:n1')
    expect(() => applyTicked(doc, result)).not.toThrow()
  })

  it('reads a plain object or junk under the key, and caps how many entries it reads', () => {
    const doc = votedBoard()
    getMeta(doc)?.set('conversionDecisions', 'not a map')
    expect(readConversionDecisions(doc).size).toBe(0)
    getMeta(doc)?.set('conversionDecisions', new Y.Array())
    expect(readConversionDecisions(doc).size).toBe(0)
    getMeta(doc)?.set('conversionDecisions', {
      'group:g3': { state: 'unticked', draftId: 'obj:g3', title: 'Team health' },
      'group:g2': { state: 'unticked', draftId: 'obj:g2', title: { toString: 'no' } },
    })
    expect(convert(doc).decisions?.unticked).toEqual(['obj:g3'])
    // The first decision this board writes turns it into a Y.Map, keeping the good entry.
    recordConversionDecision(
      doc,
      { key: 'group:g1', state: 'unticked', draftId: 'obj:g1', title: 'Delight' },
      ORIGIN,
    )
    expect(getMeta(doc)?.get('conversionDecisions')).toBeInstanceOf(Y.Map)
    expect(convert(doc).decisions?.unticked).toEqual(['obj:g1', 'obj:g3'])

    const many = Array.from({ length: MAX_DECISIONS + 10 }, (_, i): [string, unknown] => [
      `note:x${i}`,
      { state: 'removed', draftId: `kr:x${i}`, title: '' },
    ])
    expect(readDecisions(many).size).toBe(MAX_DECISIONS)
    // Junk does not count towards the limit: a peer flooding the map cannot push a real
    // decision out.
    const junk = Array.from({ length: MAX_DECISIONS + 10 }, (_, i): [string, unknown] => [
      `note:x${i}`,
      { state: { nested: [i] } },
    ])
    const real: [string, unknown] = [
      'group:g1',
      { state: 'unticked', draftId: 'obj:g1', title: '' },
    ]
    expect([...readDecisions([...junk, real]).keys()]).toEqual(['group:g1'])
    expect(convertBoard(readBoard(doc), { decisions: 'junk' as never }).decisions).toBeUndefined()
  })

  it('refuses a malformed decision command without writing', () => {
    const doc = votedBoard()
    const updates = recordUpdates(doc)
    const record = (args: unknown) => () => recordConversionDecision(doc, args as never, ORIGIN)
    expect(codeOf(record(null))).toBe('invalid-argument:recordConversionDecision')
    expect(
      codeOf(record({ key: 'group:g1', state: 'applied', draftId: 'obj:g1', title: '' })),
    ).toBe('invalid-argument:state')
    expect(codeOf(record({ key: 'note:n1', state: 'unticked', draftId: 'kr:n1', title: '' }))).toBe(
      'invalid-argument:key',
    )
    expect(codeOf(record({ key: 'group:g1', state: 'removed', draftId: 'obj:g1', title: 7 }))).toBe(
      'invalid-argument:title',
    )
    expect(
      codeOf(record({ key: 'group:g1', state: 'removed', draftId: { a: 1 }, title: '' })),
    ).toBe('invalid-argument:key')
    expect(
      codeOf(() => withdrawConversionDecisions(doc, { keys: 'group:g1' } as never, ORIGIN)),
    ).toBe('invalid-argument:keys')
    expect(updates.count()).toBe(0)
  })

  it('applies a result whose decision summary is junk without recording junk', () => {
    const doc = votedBoard()
    const result = convert(doc)
    const hostile = {
      ...result,
      decisions: {
        unticked: 'all',
        removed: [null, 7, { key: 'group:g9', draftId: 'kr:n1', title: {} }, { key: 'note:n9' }],
        initiatives: { 'ini:n1': 42, 'kr:n1': 'kr:n1' },
      },
    } as unknown as ConversionResult
    expect(codeOf(() => applyConversion(doc, hostile, ORIGIN))).toBeNull()
    const states = [...readConversionDecisions(doc).values()].map((r) => r.state)
    expect(new Set(states)).toEqual(new Set(['applied']))
  })

  it('never breaks a conversion or an apply, whatever a peer stored (property)', () => {
    const key = fc.oneof(
      fc.constantFrom('group:g1', 'group:g2', 'group:g3', 'note:n1', 'note:n2', 'note:n3'),
      fc.string(),
    )
    const value = fc.oneof(
      fc.record({
        state: fc.oneof(
          fc.constantFrom(...['applied', 'unticked', 'removed', 'initiative']),
          fc.anything(),
        ),
        draftId: fc.oneof(
          fc.constantFrom('obj:g1', 'obj:g2', 'obj:g3', 'kr:n1', 'kr:n2', 'kr:n3', 'ini:n5'),
          fc.anything(),
        ),
        title: fc.oneof(fc.string(), fc.anything()),
      }),
      fc.anything(),
    )
    const base = votedBoard()
    applyTicked(base)
    deleteKeyResult(base, { id: 'kr:n3' }, ORIGIN)
    const update = Y.encodeStateAsUpdate(base)
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 12 }), (entries) => {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, update)
        const map = new Y.Map<unknown>()
        getMeta(doc)?.set('conversionDecisions', map)
        for (const [k, v] of entries) {
          try {
            map.set(k, v)
          } catch (_error) {
            // Yjs refuses some values (functions, symbols): a peer could not store them either.
          }
        }
        const result = convert(doc)
        applyTicked(doc, result)
        for (const record of readConversionDecisions(doc).values()) {
          expect(record.title.length).toBeLessThanOrEqual(200)
        }
      }),
      { numRuns: 150 },
    )
  })
})

describe('the decisions map', () => {
  it('is made identically by two peers migrating offline, so both first decisions survive', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    migrate(a, 'setup')
    migrate(b, 'setup')
    recordConversionDecision(
      a,
      { key: 'group:g1', state: 'unticked', draftId: 'obj:g1', title: 'A' },
      'a',
    )
    recordConversionDecision(
      b,
      { key: 'group:g2', state: 'unticked', draftId: 'obj:g2', title: 'B' },
      'b',
    )
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b]) {
      expect([...readConversionDecisions(doc).keys()].sort()).toEqual(['group:g1', 'group:g2'])
    }
  })

  it('survives undoing the first decision, since migrate made it and not the person', () => {
    const doc = new Y.Doc()
    migrate(doc, 'setup')
    const person = { local: 'ada' }
    const undo = new Y.UndoManager(doc.getMap('meta'), { trackedOrigins: new Set([person]) })
    recordConversionDecision(
      doc,
      { key: 'group:g1', state: 'unticked', draftId: 'obj:g1', title: 'A' },
      person,
    )
    undo.undo()
    expect(doc.getMap('meta').get('conversionDecisions')).toBeInstanceOf(Y.Map)
    recordConversionDecision(
      doc,
      { key: 'group:g2', state: 'unticked', draftId: 'obj:g2', title: 'B' },
      person,
    )
    expect([...readConversionDecisions(doc).keys()]).toEqual(['group:g2'])
  })
})

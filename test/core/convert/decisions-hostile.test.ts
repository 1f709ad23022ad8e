/**
 * Issue 14 item 2, what a peer may store: malformed, oversized and nested decision records are
 * ignored, never a crash; and the decisions map itself is one map on every peer.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  applyConversion,
  deleteKeyResult,
  readConversionDecisions,
  recordConversionDecision,
  withdrawConversionDecisions,
} from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { getMeta } from '../../../core/board/schema'
import { convertBoard } from '../../../core/convert/convert-board'
import { MAX_DECISIONS, readDecisions } from '../../../core/convert/decisions'
import type { ConversionResult } from '../../../core/convert/drafts'
import { codeOf, ORIGIN, recordUpdates } from '../board/fixtures'
import { migrate } from '../../../core/board/migrate'
import { applyTicked, convert, votedBoard } from './decision-fixtures'

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

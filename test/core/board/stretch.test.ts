import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createKeyResult,
  createObjective,
  stretchKeyResult,
  updateKeyResult,
} from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

function board(fields: Record<string, unknown> = {}) {
  const doc = newBoard()
  createObjective(doc, { id: 'o1', title: 'Run lean' }, ORIGIN)
  createKeyResult(
    doc,
    {
      id: 'kr1',
      objectiveId: 'o1',
      title: 'Cloud cost below $40k',
      start: null,
      target: 40000,
      direction: 'decrease',
      unit: { kind: 'currency', code: 'USD' },
      ...fields,
    },
    ORIGIN,
  )
  return doc
}

const kr = (doc: Y.Doc) => readBoard(doc).keyResults.find((k) => k.id === 'kr1')

describe('stretchKeyResult', () => {
  it('lowers a decrease goal once, keeps the original target, in one update', () => {
    const doc = board()
    const updates = recordUpdates(doc)
    expect(stretchKeyResult(doc, { id: 'kr1' }, ORIGIN)).toEqual({
      originalTarget: 40000,
      target: 28000,
    })
    expect(updates.count()).toBe(1)
    expect(kr(doc)).toMatchObject({
      target: 28000,
      originalTarget: 40000,
      title: 'Cloud cost below $40k',
    })
    // A second click must not stack (5 → 4.1 → 2.93): refused, nothing written.
    expect(codeOf(() => stretchKeyResult(doc, { id: 'kr1' }, ORIGIN))).toBe('invalid-argument:id')
    expect(updates.count()).toBe(1)
    expect(kr(doc)?.target).toBe(28000)
  })

  it('writes the stretched target and the proposed title in one transaction, undone in one step', () => {
    const doc = board({
      title: 'Raise NPS from 32 to 45',
      start: 32,
      target: 45,
      direction: 'increase',
      unit: { kind: 'count' },
      metric: 'NPS',
    })
    const undo = new Y.UndoManager(doc.getMap('keyResults'), { trackedOrigins: new Set([ORIGIN]) })
    const updates = recordUpdates(doc)
    stretchKeyResult(doc, { id: 'kr1', title: 'Raise NPS from 32 to 48.9' }, ORIGIN)
    expect(updates.count()).toBe(1)
    expect(kr(doc)).toMatchObject({
      title: 'Raise NPS from 32 to 48.9',
      target: 48.9,
      originalTarget: 45,
    })
    undo.undo()
    const back = kr(doc)
    expect(back).toMatchObject({ title: 'Raise NPS from 32 to 45', target: 45 })
    expect(back?.originalTarget).toBeUndefined()
  })

  it('keeps percentages within 0–100 and refuses a target already at its bound', () => {
    const doc = board({
      title: 'Test coverage 80 %',
      target: 80,
      direction: 'increase',
      unit: { kind: 'percent' },
    })
    stretchKeyResult(doc, { id: 'kr1' }, ORIGIN)
    expect(kr(doc)?.target).toBe(100)
    const full = board({
      title: 'Coverage 100 %',
      start: 70,
      target: 100,
      direction: 'increase',
      unit: { kind: 'percent' },
    })
    expect(codeOf(() => stretchKeyResult(full, { id: 'kr1' }, ORIGIN))).toBe('invalid-argument:id')
    expect(kr(full)?.originalTarget).toBeUndefined()
  })

  it('refuses a key result without a target', () => {
    const doc = board({ target: null })
    expect(codeOf(() => stretchKeyResult(doc, { id: 'kr1' }, ORIGIN))).toBe('invalid-argument:id')
  })

  it('two peers stretching at once converge on one stretch', () => {
    const a = board({ start: 8, target: 5, direction: 'decrease', unit: { kind: 'percent' } })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    stretchKeyResult(a, { id: 'kr1' }, ORIGIN)
    stretchKeyResult(b, { id: 'kr1' }, ORIGIN)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(kr(a)).toMatchObject({ target: 4.1, originalTarget: 5 })
    expect(kr(b)).toEqual(kr(a))
  })

  it('refuses malformed and oversized arguments before writing anything', () => {
    const doc = board()
    const updates = recordUpdates(doc)
    const cases: [unknown, string][] = [
      [null, 'invalid-argument:stretchKeyResult'],
      ['kr1', 'invalid-argument:stretchKeyResult'],
      [[], 'invalid-argument:stretchKeyResult'],
      [{}, 'invalid-argument:id'],
      [{ id: '' }, 'invalid-argument:id'],
      [{ id: 42 }, 'invalid-argument:id'],
      [{ id: 'x'.repeat(201) }, 'invalid-argument:id'],
      [{ id: 'nope' }, 'not-found:id'],
      [{ id: 'kr1', title: 42 }, 'invalid-argument:title'],
      [{ id: 'kr1', title: null }, 'invalid-argument:title'],
      [{ id: 'kr1', title: '' }, 'invalid-argument:title'],
      [{ id: 'kr1', title: 'x'.repeat(1001) }, 'invalid-argument:title'],
      [{ id: 'kr1', title: { toString: () => 'x' } }, 'invalid-argument:title'],
    ]
    for (const [args, code] of cases) {
      expect(
        codeOf(() => stretchKeyResult(doc, args as never, ORIGIN)),
        JSON.stringify(args),
      ).toBe(code)
    }
    expect(updates.count()).toBe(0)
    expect(kr(doc)?.target).toBe(40000)
  })

  it('sanitises the title like every other title and keeps the rest of the record', () => {
    const doc = board({ title: 'Cut cost to 40000', owner: 'ana' })
    stretchKeyResult(doc, { id: 'kr1', title: 'Cut cost\nto 28000\u202e' }, ORIGIN)
    expect(kr(doc)).toMatchObject({ title: 'Cut cost to 28000', owner: 'ana', target: 28000 })
  })

  it('reads a stored original target that is not a number as never stretched', () => {
    const doc = board()
    updateKeyResult(doc, { id: 'kr1', owner: 'bo' }, ORIGIN)
    const entity = doc.getMap('keyResults').get('kr1') as Y.Map<unknown>
    doc.transact(() => entity.set('originalTarget', 'lots'))
    expect(kr(doc)?.originalTarget).toBeUndefined()
    doc.transact(() => entity.set('originalTarget', 40000))
    expect(codeOf(() => stretchKeyResult(doc, { id: 'kr1' }, ORIGIN))).toBe('invalid-argument:id')
  })
})

import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { ConversionResult, KeyResultDraft } from '../../../core/convert/drafts'
import {
  applyConversion,
  createCheckIn,
  setText,
  updateKeyResult,
} from '../../../core/board/commands/index'
import { getObjectiveTitle } from '../../../core/board/schema'
import { readBoard } from '../../../core/board/read'
import { at, boardWithNotes, codeOf, ORIGIN, recordUpdates } from './fixtures'

function kr(id: string, noteId: string, patch: Partial<KeyResultDraft> = {}): KeyResultDraft {
  return {
    id,
    objectiveId: 'o-g1',
    title: `KR from ${noteId}`,
    metric: 'signups',
    unit: { kind: 'count' },
    start: null,
    target: 2000,
    direction: 'increase',
    calculation: 'absolute-target',
    measurable: true,
    sourceNoteIds: [noteId],
    order: 0,
    ...patch,
  }
}

function result(patch: Partial<ConversionResult> = {}): ConversionResult {
  return {
    objectives: [{ id: 'o-g1', title: 'Retention', sourceGroupId: 'g1', votes: 4, order: 0 }],
    keyResults: [
      kr('kr-n1', 'n1'),
      kr('kr-n2', 'n2', { order: 1, target: null, measurable: false }),
    ],
    initiatives: [
      {
        id: 'i-n3',
        objectiveId: 'o-g1',
        keyResultId: 'kr-n1',
        title: 'Ship the tour',
        sourceNoteIds: ['n3', 'gone'],
      },
    ],
    diagnostics: [],
    ...patch,
  }
}

describe('applyConversion', () => {
  it('creates the drafts with defaults, provenance and unmeasurable KRs kept', () => {
    const doc = boardWithNotes(3, { group: true })
    const report = applyConversion(doc, result(), ORIGIN)
    expect(report).toEqual({
      created: ['o-g1', 'kr-n1', 'kr-n2', 'i-n3'],
      updated: [],
      keptEdits: [],
      removed: [],
    })
    const board = readBoard(doc)
    expect(board.objectives[0]).toMatchObject({
      id: 'o-g1',
      title: 'Retention',
      status: 'draft',
      sourceGroupId: 'g1',
    })
    expect(board.keyResults.map((k) => [k.id, k.target, k.measurable, k.sourceNoteIds])).toEqual([
      ['kr-n1', 2000, true, ['n1']],
      ['kr-n2', 0, false, ['n2']],
    ])
    expect(board.initiatives[0]).toMatchObject({ keyResultId: 'kr-n1', sourceNoteIds: ['n3'] })
  })

  it('is idempotent: re-applying the same result writes nothing', () => {
    const doc = boardWithNotes(3, { group: true })
    applyConversion(doc, result(), ORIGIN)
    const before = readBoard(doc)
    const updates = recordUpdates(doc)
    const report = applyConversion(doc, result(), ORIGIN)
    expect(report.created).toEqual([])
    expect(updates.count()).toBe(0)
    expect(readBoard(doc)).toEqual(before)
  })

  it('re-applying updates unedited fields and keeps what users edited', () => {
    const doc = boardWithNotes(3, { group: true })
    applyConversion(doc, result(), ORIGIN)
    setText(doc, { collection: 'objectives', id: 'o-g1', text: 'Keep customers longer' }, ORIGIN)
    updateKeyResult(doc, { id: 'kr-n1', target: 2500, owner: 'bo' }, ORIGIN)
    const next = result({
      objectives: [
        { id: 'o-g1', title: 'Retention & loyalty', sourceGroupId: 'g1', votes: 6, order: 1 },
      ],
      keyResults: [
        kr('kr-n1', 'n1', { target: 3000, metric: 'new signups' }),
        kr('kr-n2', 'n2', { order: 1 }),
      ],
    })
    const report = applyConversion(doc, next, ORIGIN)
    expect(report.keptEdits).toEqual(['o-g1', 'kr-n1'])
    const board = readBoard(doc)
    expect(board.objectives[0]).toMatchObject({ title: 'Keep customers longer', order: 1 })
    expect(board.keyResults[0]).toMatchObject({ target: 2500, metric: 'new signups', owner: 'bo' })
    expect(board.keyResults[1]).toMatchObject({ target: 2000, measurable: true })
    // Once kept, an edit stays kept on the next run too.
    applyConversion(doc, next, ORIGIN)
    expect(readBoard(doc).objectives[0]?.title).toBe('Keep customers longer')
  })

  it('removes stale unedited drafts but keeps edited ones and those with check-ins', () => {
    const doc = boardWithNotes(3, { group: true })
    applyConversion(
      doc,
      result({
        keyResults: [kr('kr-n1', 'n1'), kr('kr-n2', 'n2'), kr('kr-n3', 'n3')],
        initiatives: [],
      }),
      ORIGIN,
    )
    createCheckIn(doc, { id: 'c1', keyResultId: 'kr-n2', at: at(1), value: 10 }, ORIGIN)
    updateKeyResult(doc, { id: 'kr-n3', owner: 'cy' }, ORIGIN)
    const report = applyConversion(
      doc,
      result({ objectives: result().objectives, keyResults: [], initiatives: [] }),
      ORIGIN,
    )
    expect(report.removed).toEqual(['kr-n1'])
    expect(readBoard(doc).keyResults.map((k) => k.id)).toEqual(['kr-n2', 'kr-n3'])
  })

  it('applies only the selected objectives', () => {
    const doc = boardWithNotes(3, { group: true })
    const two = result({
      objectives: [
        ...result().objectives,
        { id: 'o-g2', title: 'Speed', sourceGroupId: 'g2', votes: 1, order: 1 },
      ],
      keyResults: [kr('kr-n1', 'n1'), kr('kr-n2', 'n2', { objectiveId: 'o-g2' })],
      initiatives: [],
    })
    applyConversion(doc, two, ORIGIN, { objectiveIds: ['o-g2'] })
    const board = readBoard(doc)
    expect(board.objectives.map((o) => o.id)).toEqual(['o-g2'])
    expect(board.keyResults.map((k) => k.id)).toEqual(['kr-n2'])
    expect(codeOf(() => applyConversion(doc, two, ORIGIN, { objectiveIds: ['o-zz'] }))).toBe(
      'not-found:selection.objectiveIds',
    )
  })

  it('rejects a malformed result before writing anything', () => {
    const doc = boardWithNotes(3, { group: true })
    const updates = recordUpdates(doc)
    expect(codeOf(() => applyConversion(doc, { objectives: 'x' } as never, ORIGIN))).toBe(
      'invalid-argument:result.objectives',
    )
    expect(
      codeOf(() =>
        applyConversion(
          doc,
          result({ keyResults: [kr('k', 'n1', { objectiveId: 'o-zz' })] }),
          ORIGIN,
        ),
      ),
    ).toBe('invalid-argument:result.keyResults[0].objectiveId')
    expect(
      codeOf(() =>
        applyConversion(
          doc,
          result({ keyResults: [kr('k', 'n1', { direction: 'up' as never })] }),
          ORIGIN,
        ),
      ),
    ).toBe('invalid-argument:result.keyResults[0].direction')
    expect(
      codeOf(() =>
        applyConversion(doc, result({ keyResults: [kr('o-g1', 'n1')], initiatives: [] }), ORIGIN),
      ),
    ).toBe('invalid-argument:result')
    expect(updates.count()).toBe(0)
  })

  it('concurrent conversions on two peers never duplicate drafts or titles', () => {
    const a = boardWithNotes(3, { group: true })
    applyConversion(a, result(), ORIGIN)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const renamed = result({
      objectives: [
        { id: 'o-g1', title: 'Retention first', sourceGroupId: 'g1', votes: 4, order: 0 },
      ],
      keyResults: [...result().keyResults, kr('kr-n3', 'n3', { order: 2 })],
    })
    applyConversion(a, renamed, ORIGIN)
    applyConversion(b, renamed, ORIGIN)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(getObjectiveTitle(a, 'o-g1')?.toString()).toBe('Retention first')
    expect(readBoard(a)).toEqual(readBoard(b))
    expect(readBoard(a).keyResults.map((k) => k.id)).toEqual(['kr-n1', 'kr-n2', 'kr-n3'])
  })
})

describe('applyConversion over foreign data', () => {
  it('updates an entity another tool stored as plain JSON instead of overwriting it', () => {
    const doc = boardWithNotes(3, { group: true })
    doc.getMap('objectives').set('o-g1', { title: 'Imported', owner: 'ann', extra: 'kept' })
    const report = applyConversion(doc, result({ keyResults: [], initiatives: [] }), ORIGIN)
    expect(report.updated).toEqual(['o-g1'])
    const objective = doc.getMap('objectives').get('o-g1') as Y.Map<unknown>
    expect(objective).toBeInstanceOf(Y.Map)
    expect(objective.get('extra')).toBe('kept')
    expect(getObjectiveTitle(doc, 'o-g1')?.toString()).toBe('Imported')
    // Without a conversion base the existing title is the user's: only missing fields are filled.
    expect(readBoard(doc).objectives[0]).toMatchObject({
      title: 'Imported',
      owner: 'ann',
      sourceGroupId: 'g1',
    })
  })
})

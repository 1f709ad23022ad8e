import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createGroup } from '../../../core/board/commands/groups'
import { createNote } from '../../../core/board/commands/notes'
import { createCheckIn, createKeyResult, createObjective } from '../../../core/board/commands/okr'
import { readBoard } from '../../../core/board/read'
import { exportOkrs } from '../../../core/export/export-model'
import type { OkrExport } from '../../../core/export/export-model'
import type { EpochMs } from '../../../core/okr/okr-model'
import { canvasScores, changedIds, checkInTarget } from '../../../client/canvas/canvas-scores'

const O = 'setup'

/** A converted board: group g1 became o1, notes n1 and n2 its key results k1 and k2. */
function converted() {
  const doc = new Y.Doc()
  createGroup(doc, { id: 'g1', title: 'Retention', x: 0, y: 0, w: 400, h: 300 }, O)
  for (const id of ['n1', 'n2', 'n3']) {
    createNote(doc, { id, x: 10, y: 10, author: 'ann', createdAt: 1 as EpochMs }, O)
  }
  createObjective(doc, { id: 'o1', title: 'Keep customers', sourceGroupId: 'g1' }, O)
  const kr = { objectiveId: 'o1', start: 0, target: 100 }
  createKeyResult(doc, { ...kr, id: 'k1', title: 'NPS 100', sourceNoteIds: ['n1', 'n3'] }, O)
  createKeyResult(doc, { ...kr, id: 'k2', title: 'Churn', sourceNoteIds: ['n2', 'n3'] }, O)
  return doc
}

function checkIn(doc: Y.Doc, id: string, keyResultId: string, value: number) {
  createCheckIn(doc, { id, keyResultId, value, at: 1000 as EpochMs }, O)
}

function scoresOf(doc: Y.Doc) {
  const snapshot = readBoard(doc)
  return canvasScores(snapshot, exportOkrs(snapshot, { now: 2000 as EpochMs }))
}

describe('canvasScores', () => {
  it('gives the source group its objective’s score and each source note its KR’s', () => {
    const doc = converted()
    checkIn(doc, 'c1', 'k1', 20)
    checkIn(doc, 'c2', 'k2', 80)
    const scores = scoresOf(doc)
    expect(scores.groups.get('g1')).toMatchObject({
      text: '0.5',
      band: 'yellow',
      title: 'Keep customers',
      keyResultIds: ['k1', 'k2'],
    })
    expect(scores.notes.get('n1')).toMatchObject({ text: '0.2', band: 'red', keyResultIds: ['k1'] })
    expect(scores.notes.get('n2')).toMatchObject({ text: '0.8', band: 'green', title: 'Churn' })
  })

  it('shows the lowest score on a note that became several key results', () => {
    const doc = converted()
    checkIn(doc, 'c1', 'k1', 90)
    checkIn(doc, 'c2', 'k2', 10)
    expect(scoresOf(doc).notes.get('n3')).toMatchObject({ text: '0.1', keyResultIds: ['k2'] })
  })

  it('turns green once a check-in reaches 0.7', () => {
    const doc = converted()
    checkIn(doc, 'c1', 'k1', 10)
    checkIn(doc, 'c2', 'k2', 10)
    const before = scoresOf(doc)
    expect(before.groups.get('g1')?.band).toBe('red')
    checkIn(doc, 'c3', 'k1', 100)
    checkIn(doc, 'c4', 'k2', 100)
    const after = scoresOf(doc)
    expect(after.groups.get('g1')?.band).toBe('green')
    expect(changedIds(before.groups, after.groups)).toEqual(new Set(['g1']))
    expect(changedIds(after.groups, after.groups)).toEqual(new Set())
  })

  it('gives nothing for an objective without a source group or a KR without notes', () => {
    const doc = new Y.Doc()
    createObjective(doc, { id: 'o1', title: 'Typed in' }, O)
    createKeyResult(doc, { id: 'k1', objectiveId: 'o1', title: 'x', start: 0, target: 1 }, O)
    const scores = scoresOf(doc)
    expect(scores.groups.size).toBe(0)
    expect(scores.notes.size).toBe(0)
  })

  it('ignores garbage links and figures without throwing', () => {
    const garbage = {
      objectives: [
        { id: 'o1', title: 'A', score: Number.NaN, band: 'red', keyResults: null },
        {
          id: 'o2',
          title: 'B',
          score: 0.5,
          band: 'purple',
          keyResults: [
            { id: 'k1', title: 'K', score: 0.3, band: 'red', sourceNoteIds: [7, '', null, 'n1'] },
            { id: 'k2', title: 'K2', score: 'high', band: 'red', sourceNoteIds: ['n2'] },
            { id: 'k3', title: 'K3', score: 0.9, band: 'green', sourceNoteIds: 'n3' },
          ],
        },
      ],
    } as unknown as OkrExport
    const objectives = [
      { id: 'o1', sourceGroupId: 'g1' },
      { id: 'o2', sourceGroupId: 42 },
    ] as never
    const scores = canvasScores({ objectives }, garbage)
    expect(scores.groups.size).toBe(0)
    expect([...scores.notes.keys()]).toEqual(['n1'])
  })

  it('picks the first selected note or frame that can take a check-in', () => {
    const doc = converted()
    const scores = scoresOf(doc)
    expect(checkInTarget(['zz', 'g1', 'n1'], scores)).toMatchObject({ id: 'g1', kind: 'group' })
    expect(checkInTarget(['n2'], scores)?.score.keyResultIds).toEqual(['k2'])
    expect(checkInTarget(['zz'], scores)).toBeNull()
    expect(checkInTarget([], scores)).toBeNull()
  })
})

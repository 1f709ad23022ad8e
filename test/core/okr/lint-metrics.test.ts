import { describe, expect, it } from 'vitest'
import type { Diagnostic, KeyResult, Objective } from '../../../core/okr/okr-model'
import { lintOkrSet } from '../../../core/okr/lint'
import { baselineUnknown } from '../../../core/okr/lint-metrics'
import { keyResult, objective, untrusted } from './fixtures'
import * as Y from 'yjs'
import { createKeyResult, createObjective } from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'

const objectives: Objective[] = [1, 2, 3].map((n) =>
  objective({ id: `o${n}`, title: `Objective ${n}` }),
)
const churn = (fields: Partial<KeyResult>): KeyResult =>
  keyResult({
    title: 'Cut churn to 5 %',
    metric: 'churn',
    start: 8,
    target: 5,
    direction: 'decrease',
    ...fields,
  })
/** Two different metrics per objective, so only what a test adds is found. */
const base = objectives.flatMap((o) => [
  keyResult({ id: `${o.id}-a`, objectiveId: o.id }),
  churn({ id: `${o.id}-b`, objectiveId: o.id }),
])
const find = (diagnostics: readonly Diagnostic[], code: string) =>
  diagnostics.filter((d) => d.code === code)

describe('two key results on one metric', () => {
  it('flags the second one of the same objective, whatever its case or spacing', () => {
    const keyResults = [
      ...base,
      churn({ id: 'o1-c', objectiveId: 'o1', title: 'Halve churn', metric: ' Churn. ', target: 4 }),
    ]
    const found = find(lintOkrSet({ objectives, keyResults }), 'kr-same-metric')
    expect(found.map((d) => [d.targetId, d.severity])).toEqual([['o1-c', 'warning']])
    expect(found[0]?.message).toContain('o1-b')
  })

  it('leaves other objectives alone and does not repeat a duplicate', () => {
    const elsewhere = [...base, churn({ id: 'o4-c', objectiveId: 'o2', title: 'Churn', target: 5 })]
    const diagnostics = lintOkrSet({ objectives, keyResults: elsewhere })
    // Same metric and target: the duplicate finding says it once.
    expect(find(diagnostics, 'kr-duplicate').map((d) => d.targetId)).toEqual(['o4-c'])
    expect(find(diagnostics, 'kr-same-metric')).toEqual([])
    expect(lintOkrSet({ objectives, keyResults: base })).toEqual([])
  })

  it('ignores empty and malformed metrics', () => {
    const odd = [
      ...base,
      keyResult({ id: 'o1-x', objectiveId: 'o1', title: 'One', metric: '', target: 7 }),
      keyResult({ id: 'o1-y', objectiveId: 'o1', title: 'Two', metric: '', target: 9 }),
      keyResult({ id: 'o1-z', objectiveId: 'o1', title: 'Three', metric: untrusted(42) }),
      keyResult({ id: 'o1-w', objectiveId: 'o1', title: 'Four', metric: 'x'.repeat(10_000) }),
    ]
    expect(find(lintOkrSet({ objectives, keyResults: odd }), 'kr-same-metric')).toEqual([])
  })
})

describe('an unknown baseline', () => {
  it('is not read as 0: no "target lies the other way", a note to set it instead', () => {
    for (const start of [null, undefined, 0]) {
      const cost = keyResult({
        id: 'o1-c',
        objectiveId: 'o1',
        title: 'Cloud cost below $40k',
        metric: 'cloud cost',
        start: untrusted(start),
        target: 40000,
        direction: 'decrease',
      })
      const diagnostics = lintOkrSet({ objectives, keyResults: [...base, cost] })
      const codes = diagnostics.filter((d) => d.targetId === 'o1-c').map((d) => d.code)
      expect(codes).toEqual(['kr-no-baseline'])
      expect(find(diagnostics, 'kr-no-baseline')[0]?.severity).toBe('info')
    }
  })

  it('keeps a real baseline, and a real contradiction', () => {
    expect(baselineUnknown(churn({ start: 8 }))).toBe(false)
    expect(baselineUnknown(keyResult({ start: 0, target: 1000 }))).toBe(false)
    const upside = churn({ id: 'o1-c', objectiveId: 'o1', metric: 'cost', start: 3, target: 5 })
    const diagnostics = lintOkrSet({ objectives, keyResults: [...base, upside] })
    expect(find(diagnostics, 'kr-direction-mismatch').map((d) => d.targetId)).toEqual(['o1-c'])
    expect(find(diagnostics, 'kr-no-baseline')).toEqual([])
  })
})

describe('a baseline stored as null and read back through the board', () => {
  it('is known to be missing for an increase goal too, where 0 would look like a real start', () => {
    const doc = new Y.Doc()
    createObjective(doc, { id: 'o1', title: 'Grow revenue' }, 'test')
    createKeyResult(
      doc,
      { id: 'arr', objectiveId: 'o1', title: 'ARR to $2M', start: null, target: 2_000_000 },
      'test',
    )
    createKeyResult(
      doc,
      {
        id: 'teams',
        objectiveId: 'o1',
        title: 'Teams from 0 to 50',
        start: 0,
        target: 50,
        order: 1,
      },
      'test',
    )
    const board = readBoard(doc)
    const [arr, teams] = board.keyResults
    expect(arr).toMatchObject({ start: 0, startKnown: false })
    expect(teams && 'startKnown' in teams).toBe(false)
    const diagnostics = lintOkrSet({ objectives: board.objectives, keyResults: board.keyResults })
    expect(find(diagnostics, 'kr-no-baseline').map((d) => d.targetId)).toEqual(['arr'])
  })
})

import { describe, expect, it } from 'vitest'
import type { ConversionResult } from '../../../core/convert/drafts'
import {
  appliedText,
  convertModel,
  sourceLinkLabel,
  withMember,
} from '../../../client/okr/convert-model'
import { okrSnapshot } from '../../core/export/fixtures'

const result: ConversionResult = {
  objectives: [
    { id: 'o1', title: 'Delight', sourceGroupId: 'g1', votes: 3, order: 0 },
    { id: 'obj:g2', title: 'Grow', sourceGroupId: 'g2', votes: 1, order: 1 },
  ],
  keyResults: [
    {
      id: 'kr:n1',
      objectiveId: 'obj:g2',
      title: 'Reach 200',
      metric: '',
      unit: { kind: 'count' },
      start: 0,
      target: 200,
      direction: 'increase',
      calculation: 'absolute-target',
      measurable: true,
      sourceNoteIds: ['n1'],
      order: 0,
    },
  ],
  initiatives: [
    { id: 'i:n2', objectiveId: 'o1', keyResultId: null, title: 'Tour', sourceNoteIds: ['n2'] },
  ],
  diagnostics: [
    { code: 'a', severity: 'info', message: 'general', targetId: null },
    { code: 'b', severity: 'warning', message: 'about kr', targetId: 'kr:n1' },
  ],
}

describe('convert panel', () => {
  it('ticks every draft but the excluded, and counts what Apply applies', () => {
    const model = convertModel(result, new Set(['o1']), okrSnapshot())
    expect(model.cards.map((c) => [c.draft.id, c.on])).toEqual([
      ['o1', false],
      ['obj:g2', true],
    ])
    expect(model.chosen).toEqual(['obj:g2'])
    expect(model.applyLabel).toBe('Apply 1 of 2 objectives')
    expect(
      convertModel(
        { ...result, objectives: result.objectives.slice(0, 1) },
        new Set(),
        okrSnapshot(),
      ).applyLabel,
    ).toBe('Apply 1 of 1 objective')
  })

  it('groups key results, initiatives and findings under their draft', () => {
    const model = convertModel(result, new Set(), okrSnapshot())
    const [first, second] = model.cards
    expect(first?.onBoard).toBe(true)
    expect(second?.onBoard).toBe(false)
    expect(first?.initiatives.map((i) => i.id)).toEqual(['i:n2'])
    expect(second?.keyResults.map((k) => k.id)).toEqual(['kr:n1'])
    expect(model.findings.get(null)?.map((d) => d.message)).toEqual(['general'])
    expect(model.findings.get('kr:n1')?.map((d) => d.code)).toEqual(['b'])
  })

  it('words source links and what applying did', () => {
    expect(sourceLinkLabel(1)).toBe('source note')
    expect(sourceLinkLabel(2)).toBe('2 source notes')
    const report = { created: ['a', 'b'], updated: ['c'], keptEdits: [], removed: [] }
    expect(appliedText(report)).toBe('Created 2, updated 1.')
    expect(appliedText({ ...report, keptEdits: ['c'] })).toBe(
      'Created 2, updated 1 (kept your edits on 1).',
    )
  })

  it('adds to and takes from a set without changing it', () => {
    const set = new Set(['a'])
    expect([...withMember(set, 'b', true)]).toEqual(['a', 'b'])
    expect([...withMember(set, 'a', false)]).toEqual([])
    expect([...set]).toEqual(['a'])
  })
})

import { describe, expect, it } from 'vitest'
import type { ConversionResult } from '../../../core/convert/drafts'
import { convertModel, removedLabel, removedText } from '../../../client/okr/convert-model'
import { okrSnapshot } from '../../core/export/fixtures'

const result: ConversionResult = {
  objectives: [
    { id: 'obj:g1', title: 'Delight', sourceGroupId: 'g1', votes: 3, order: 0 },
    { id: 'obj:g2', title: 'Grow', sourceGroupId: 'g2', votes: 1, order: 1 },
  ],
  keyResults: [],
  initiatives: [
    {
      id: 'i-blog',
      objectiveId: 'obj:g1',
      keyResultId: null,
      title: 'Publish 12 blog posts',
      sourceNoteIds: ['n2'],
    },
  ],
  diagnostics: [],
  decisions: {
    unticked: ['obj:g2'],
    removed: [
      {
        key: 'note:n3',
        draftId: 'kr:n3',
        title: 'Cut churn',
        kind: 'key-result',
        restoreKeys: ['note:n3'],
      },
    ],
    initiatives: { 'i-blog': 'kr:n2' },
  },
}

describe('convert panel with the team’s decisions', () => {
  it('shows recorded unticks unticked and leaves them out of Apply', () => {
    const model = convertModel(result, new Set(), okrSnapshot())
    expect(model.cards.map((c) => [c.draft.id, c.on])).toEqual([
      ['obj:g1', true],
      ['obj:g2', false],
    ])
    expect(model.chosen).toEqual(['obj:g1'])
    expect(model.madeInitiatives.has('i-blog')).toBe(true)
    expect(model.removed.map(removedLabel)).toEqual(['Key result: Cut churn'])
    expect(model.removedText).toBe('1 draft you removed stays removed')
  })

  it('counts removed drafts with the right plural, and says nothing without any', () => {
    expect(removedText(0)).toBeNull()
    expect(removedText(1)).toBe('1 draft you removed stays removed')
    expect(removedText(3)).toBe('3 drafts you removed stay removed')
    const { decisions: _, ...plain } = result
    const model = convertModel(plain, new Set(), okrSnapshot())
    expect(model.removedText).toBeNull()
    expect(model.cards.every((c) => c.on)).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import {
  fixFor,
  qualityModel,
  qualitySummary,
  retitleAfterStretch,
  stretchOffer,
  stretchedFrom,
} from '../../../client/okr/quality-model'
import { stretchNotes } from '../../../client/okr/dashboard-model'
import { PACE_HINT, TREND_LABELS } from '../../../client/okr/labels'
import { lintBoard } from '../../../client/board/lint-board'
import type { Diagnostic } from '../../../core/okr/okr-model'
import { okrSnapshot } from '../../core/export/fixtures'

const finding = (severity: Diagnostic['severity']): Diagnostic => ({
  code: 'x',
  severity,
  message: 'm',
  targetId: null,
})

describe('quality panel', () => {
  it('counts problems, not information', () => {
    expect(qualitySummary([])).toMatch(/^No problems found/)
    expect(qualitySummary([finding('info')])).toMatch(/^No problems found/)
    expect(qualitySummary([finding('warning')])).toBe('1 thing to look at.')
    expect(qualitySummary([finding('error'), finding('warning')])).toBe('2 things to look at.')
  })

  it('places every finding beside what it concerns', () => {
    const snapshot = okrSnapshot()
    const diagnostics = lintBoard(snapshot)
    const model = qualityModel(snapshot, diagnostics)
    expect(model.sections.map((s) => s.objective.id)).toEqual(['o1', 'o2'])
    expect(model.sections[0]?.keyResults.map((k) => k.record.id)).toEqual(['kr1', 'kr2'])
    const placed =
      model.general.length +
      model.sections.reduce(
        (n, s) => n + s.findings.length + s.keyResults.reduce((m, k) => m + k.findings.length, 0),
        0,
      )
    expect(placed).toBe(diagnostics.length)
    expect(model.sections[1]?.findings.map((d) => d.code)).toContain('objective-no-owner')
  })

  it('offers the fix each finding has', () => {
    expect(fixFor('kr-task-phrasing')).toBe('make-initiative')
    expect(fixFor('kr-no-owner')).toBe('assign-owner')
    expect(fixFor('objective-no-owner')).toBe('assign-owner')
    expect(fixFor('objective-no-krs')).toBeNull()
  })

  it('stretches only measurable key results, and says by how much', () => {
    const kr = okrSnapshot().keyResults.find((k) => k.id === 'kr1')
    if (!kr) throw new Error('fixture')
    const offer = stretchOffer(kr)
    expect(offer?.target).toBe(224)
    expect(offer?.label).toBe('Stretch target by 30 % (200 → 224)')
    expect(stretchOffer({ ...kr, measurable: false })).toBeNull()
  })
})

describe('stretch offer (issue 14, item 3)', () => {
  const base = okrSnapshot().keyResults.find((k) => k.id === 'kr1')
  if (!base) throw new Error('fixture')

  it('lowers a decrease goal and proposes the title with the new number', () => {
    const cost = {
      ...base,
      title: 'Cloud cost below $40k',
      start: 0,
      target: 40000,
      direction: 'decrease' as const,
      unit: { kind: 'currency' as const, code: 'USD' },
    }
    expect(stretchOffer(cost)).toEqual({
      target: 28000,
      label: 'Stretch target by 30 % (40,000 → 28,000)',
      title: 'Cloud cost below $28k',
      note: null,
    })
  })

  it('says when a bounded metric stops at its limit', () => {
    const coverage = {
      ...base,
      title: 'Test coverage 80 %',
      start: 0,
      target: 80,
      unit: { kind: 'percent' as const },
    }
    const offer = stretchOffer(coverage)
    expect(offer?.label).toBe('Stretch target to its limit (80 → 100)')
    expect(offer?.title).toBe('Test coverage 100 %')
    expect(offer?.note).toMatch(/100, the limit of a percentage/)
    expect(stretchOffer({ ...coverage, start: 50, target: 100 })).toBeNull()
  })

  it('offers no title when the title does not state the target', () => {
    expect(stretchOffer({ ...base, title: 'Delight new customers' })?.title).toBeNull()
  })

  it('is offered once: a stretched key result says what its target was', () => {
    const nps = { ...base, title: 'Raise NPS from 32 to 48.9', start: 32, target: 48.9 }
    expect(stretchedFrom(nps)).toBeNull()
    expect(stretchOffer({ ...nps, originalTarget: 45 })).toBeNull()
    expect(stretchedFrom({ ...nps, originalTarget: 45 })).toBe('stretched from 45')
    expect(stretchedFrom({ ...nps, originalTarget: null })).toBeNull()
  })

  it('offers the title afterwards when the stretch left it stating the old target', () => {
    const cost = { ...base, title: 'Cloud cost below $40k', target: 28000 }
    expect(retitleAfterStretch({ ...cost, originalTarget: 40000 })).toBe('Cloud cost below $28k')
    expect(retitleAfterStretch(cost)).toBeNull()
    const retitled = { ...cost, title: 'Cloud cost below $28k', originalTarget: 40000 }
    expect(retitleAfterStretch(retitled)).toBeNull()
  })
})

describe('dashboard stretch notes', () => {
  it('names each stretched key result with its original target', () => {
    const [first, second] = okrSnapshot().keyResults
    if (!first || !second) throw new Error('fixture')
    const notes = stretchNotes([{ ...first, originalTarget: 5 }, second])
    expect([...notes]).toEqual([[first.id, 'stretched from 5']])
  })
})

describe('pace badge', () => {
  it('reads as pace, never as the score', () => {
    expect(Object.values(TREND_LABELS)).toEqual(['Pace: on track', 'Pace: at risk', 'Pace: behind'])
    expect(PACE_HINT).toMatch(/not the score/)
  })
})

import { describe, expect, it } from 'vitest'
import {
  fixFor,
  qualityModel,
  qualitySummary,
  stretchOffer,
} from '../../../client/okr/quality-model'
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

import { describe, expect, it } from 'vitest'
import { effectiveTarget } from '../../../core/okr/targets'
import { stretchTarget } from '../../../core/okr/stretch'
import { keyResult } from './fixtures'

describe('stretch', () => {
  it('raises an absolute target by 30 % of the gap: 0 → 1000 becomes 1300', () => {
    expect(stretchTarget(keyResult({ start: 0, target: 1000 }))).toEqual({
      target: 1300,
      effectiveTarget: 1300,
      changed: true,
      diagnostics: [],
    })
    expect(stretchTarget(keyResult({ start: 400, target: 1000 })).target).toBe(1180)
  })

  it('lowers a decrease target: churn 8 % → 5 % becomes 4.1 %', () => {
    const churn = keyResult({ start: 8, target: 5, direction: 'decrease' })
    expect(stretchTarget(churn).target).toBe(4.1)
  })

  it('scales a lift in its own terms: +10 % → +13 %, +500 → +650', () => {
    const percent = keyResult({ start: 200, target: 10, calculation: 'percentage-lift' })
    const stretched = stretchTarget(percent)
    expect(stretched).toMatchObject({ target: 13, effectiveTarget: 226 })
    expect(effectiveTarget({ ...percent, target: stretched.target })).toBeCloseTo(226, 10)
    const lift = keyResult({ start: 1200, target: 500, calculation: 'absolute-lift' })
    expect(stretchTarget(lift)).toMatchObject({ target: 650, effectiveTarget: 1850 })
    const cut = keyResult({
      start: 8,
      target: 3,
      calculation: 'absolute-lift',
      direction: 'decrease',
    })
    expect(stretchTarget(cut)).toMatchObject({ target: 3.9, effectiveTarget: 4.1 })
  })

  it('takes another factor', () => {
    expect(stretchTarget(keyResult({ start: 0, target: 1000 }), 0.5).target).toBe(1500)
  })

  it('does not push a decrease below zero', () => {
    const churn = keyResult({ start: 8, target: 1, direction: 'decrease' })
    const result = stretchTarget(churn)
    expect(result.target).toBe(0)
    expect(result.diagnostics.map((d) => d.code)).toEqual(['stretch-clamped'])
  })

  it('refuses a stretch that rounding at the edge of the doubles would undo', () => {
    // A lift of ~1.38e308 % on a subnormal start (found by the property test): 1.3 times that
    // lift lands on the edge of the doubles and cannot be written back precisely.
    const lift = 1.3828408729710123e308
    const edge = keyResult({ start: 5e-324, target: lift, calculation: 'percentage-lift' })
    const result = stretchTarget(edge)
    expect(result).toMatchObject({ target: lift, changed: false })
    expect(result.diagnostics.map((d) => d.code)).toEqual(['stretch-not-representable'])
  })

  it('leaves unmeasurable key results and bad factors alone, with a diagnostic', () => {
    const flat = stretchTarget(keyResult({ start: 5, target: 5 }))
    expect(flat).toMatchObject({ target: 5, changed: false })
    expect(flat.diagnostics[0]?.code).toBe('stretch-not-measurable')
    const nan = stretchTarget(keyResult({ target: NaN }))
    expect(Number.isNaN(nan.target)).toBe(false)
    expect(nan.changed).toBe(false)
    for (const factor of [0, -0.3, NaN, Infinity]) {
      const result = stretchTarget(keyResult(), factor)
      expect(result).toMatchObject({ target: 1000, changed: false })
      expect(result.diagnostics[0]?.code).toBe('stretch-invalid-factor')
    }
  })
})

import { describe, expect, it } from 'vitest'
import { effectiveTarget } from '../../../core/okr/targets'
import { metricBounds, retitle, stretchTarget } from '../../../core/okr/stretch'
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

describe('stretch follows the goal and the metric (issue 14, item 3)', () => {
  it('lowers a decrease goal even when its start is unknown (read as 0)', () => {
    const cost = keyResult({
      title: 'Cloud cost below $40k',
      start: 0,
      target: 40000,
      direction: 'decrease',
      unit: { kind: 'currency', code: 'USD' },
    })
    expect(stretchTarget(cost)).toMatchObject({ target: 28000, changed: true, diagnostics: [] })
    const days = keyResult({
      start: 0,
      target: 3,
      direction: 'decrease',
      unit: { kind: 'text', label: 'days' },
    })
    expect(stretchTarget(days).target).toBe(2.1)
  })

  it('keeps a percentage within 0–100 and says it stopped there', () => {
    const coverage = keyResult({ start: 0, target: 80, unit: { kind: 'percent' } })
    const result = stretchTarget(coverage)
    expect(result).toMatchObject({ target: 100, changed: true })
    expect(result.diagnostics.map((d) => d.code)).toEqual(['stretch-clamped'])
    const churn = keyResult({
      start: 8,
      target: 1,
      direction: 'decrease',
      unit: { kind: 'percent' },
    })
    expect(stretchTarget(churn).target).toBe(0)
    const full = stretchTarget(keyResult({ start: 60, target: 100, unit: { kind: 'percent' } }))
    expect(full).toMatchObject({ target: 100, changed: false })
    expect(full.diagnostics.map((d) => d.code)).toEqual(['stretch-at-bound'])
  })

  it('keeps other bounded metrics within their bounds', () => {
    const nps = keyResult({
      title: 'Raise NPS from 40 to 90',
      metric: 'NPS',
      start: 40,
      target: 90,
    })
    expect(stretchTarget(nps).target).toBe(100)
    expect(metricBounds(nps, 40, 90)).toMatchObject({ min: -100, max: 100 })
    const rating = keyResult({ start: 2, target: 4.5, unit: { kind: 'text', label: '/5' } })
    expect(stretchTarget(rating).target).toBe(5)
    const stars = keyResult({ start: 3, target: 4, unit: { kind: 'text', label: 'stars' } })
    expect(stretchTarget(stars).target).toBe(4.3)
    const latency = keyResult({ start: 900, target: 100, direction: 'decrease' })
    expect(stretchTarget(latency).target).toBe(0)
    // A loss may go either side of zero: no bound there.
    const loss = keyResult({ start: -100, target: -40, unit: { kind: 'currency' } })
    expect(metricBounds(loss, -100, -40)).toMatchObject({ min: -Infinity, max: Infinity })
    expect(stretchTarget(loss).target).toBe(-22)
  })

  it('keeps a percentage lift within the bound of a percentage unit', () => {
    const conversion = keyResult({
      start: 80,
      target: 20,
      calculation: 'percentage-lift',
      unit: { kind: 'percent' },
    })
    // 80 % + 20 % of it = 96 %; 30 % more of the lift would be 100.8 %: it stops at 100 %.
    expect(stretchTarget(conversion)).toMatchObject({ target: 25, effectiveTarget: 100 })
  })
})

describe('retitle', () => {
  it.each([
    ['Raise NPS from 32 to 45', 45, 48.9, 'Raise NPS from 32 to 48.9'],
    ['Cloud cost below $40k', 40000, 28000, 'Cloud cost below $28k'],
    [
      'Grow revenue from 120,000 to 150,000',
      150000,
      159000,
      'Grow revenue from 120,000 to 159,000',
    ],
    ['Cut churn from 8 % to 5 %', 5, 4.1, 'Cut churn from 8 % to 4.1 %'],
    ['Time-to-value under 3 days', 3, 2.1, 'Time-to-value under 2.1 days'],
    ['Grow sign-ups by 10%', 10, 13, 'Grow sign-ups by 13%'],
    ['NPS from -10 to 20', 20, 29, 'NPS from -10 to 29'],
    ['Lift NPS from -30 to -10', -10, -4, 'Lift NPS from -30 to -4'],
    ['Reach 45 of 45 stores', 45, 50, 'Reach 45 of 50 stores'],
  ])('%s: %d → %d', (title, from, to, expected) => {
    expect(retitle(title, from, to)).toBe(expected)
  })

  it('proposes nothing when the title does not state the target', () => {
    expect(retitle('Delight customers', 45, 48.9)).toBeNull()
    expect(retitle('Migrate to Postgres 16 by Q4', 4, 5)).toBeNull()
    expect(retitle('Version 45.1 shipped', 45, 48.9)).toBeNull()
    expect(retitle('Raise NPS to 45', 45, 45)).toBeNull()
    expect(retitle('Raise NPS to 45', NaN, 45)).toBeNull()
  })
})

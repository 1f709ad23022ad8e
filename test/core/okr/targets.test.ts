import { describe, expect, it } from 'vitest'
import { effectiveTarget, resolveTarget } from '../../../core/okr/targets'
import { keyResult, untrusted } from './fixtures'

const codes = (kr: Parameters<typeof resolveTarget>[0]) =>
  resolveTarget(kr).diagnostics.map((d) => d.code)

describe('effective target', () => {
  it('takes an absolute target as typed', () => {
    expect(effectiveTarget(keyResult({ start: 0, target: 1000 }))).toBe(1000)
  })

  it('turns "+10 % from 200" into 220', () => {
    expect(
      effectiveTarget(keyResult({ start: 200, target: 10, calculation: 'percentage-lift' })),
    ).toBeCloseTo(220, 10)
  })

  it('lowers by a percentage for a decrease: churn 8 % cut by 25 % → 6 %', () => {
    const kr = keyResult({
      start: 8,
      target: 25,
      calculation: 'percentage-lift',
      direction: 'decrease',
    })
    expect(effectiveTarget(kr)).toBeCloseTo(6, 10)
  })

  it('adds or subtracts an absolute lift: add 500 customers, cut churn by 3 points', () => {
    expect(
      effectiveTarget(keyResult({ start: 1200, target: 500, calculation: 'absolute-lift' })),
    ).toBe(1700)
    const churn = keyResult({
      start: 8,
      target: 3,
      calculation: 'absolute-lift',
      direction: 'decrease',
    })
    expect(effectiveTarget(churn)).toBe(5)
  })

  it('lifts a negative baseline towards the goal: −100 improved by 10 % → −90', () => {
    const loss = keyResult({ start: -100, target: 10, calculation: 'percentage-lift' })
    expect(effectiveTarget(loss)).toBeCloseTo(-90, 10)
  })

  it('reads a negative lift as its size, with a warning', () => {
    const kr = keyResult({
      start: 8,
      target: -3,
      calculation: 'absolute-lift',
      direction: 'decrease',
    })
    expect(resolveTarget(kr).target).toBe(5)
    expect(codes(kr)).toEqual(['kr-negative-lift'])
  })

  it('flags a percentage lift from 0, which cannot move', () => {
    const kr = keyResult({ start: 0, target: 20, calculation: 'percentage-lift' })
    expect(resolveTarget(kr).measurable).toBe(false)
    expect(codes(kr)).toEqual(['kr-lift-from-zero'])
  })

  it('flags start == target as not measurable', () => {
    const kr = keyResult({ start: 5, target: 5 })
    expect(resolveTarget(kr)).toMatchObject({ target: 5, measurable: false })
    expect(codes(kr)).toEqual(['kr-not-measurable'])
  })

  it('follows start → target when the stored direction disagrees, with a warning', () => {
    const kr = keyResult({ start: 8, target: 5, direction: 'increase' })
    expect(resolveTarget(kr)).toMatchObject({ target: 5, direction: 'decrease' })
    expect(codes(kr)).toEqual(['kr-direction-mismatch'])
  })

  it('repairs bad numbers and unknown enums without throwing', () => {
    const noTarget = keyResult({ target: NaN })
    expect(resolveTarget(noTarget)).toMatchObject({ target: 0, measurable: false })
    expect(codes(noTarget)).toEqual(['kr-invalid-target'])
    const noStart = keyResult({ start: untrusted<number>('12'), target: 100 })
    expect(resolveTarget(noStart)).toMatchObject({ start: 0, target: 100, measurable: true })
    expect(codes(noStart)).toEqual(['kr-invalid-start'])
    const odd = keyResult({
      start: 10,
      target: 4,
      calculation: untrusted('ratio'),
      direction: untrusted(undefined),
    })
    expect(resolveTarget(odd)).toMatchObject({
      target: 4,
      direction: 'decrease',
      calculation: 'absolute-target',
    })
    expect(codes(odd)).toEqual(['kr-invalid-calculation', 'kr-invalid-direction'])
  })

  it('keeps huge lifts finite', () => {
    const kr = keyResult({ start: 1e308, target: 1e300, calculation: 'percentage-lift' })
    expect(Number.isFinite(effectiveTarget(kr))).toBe(true)
  })
})

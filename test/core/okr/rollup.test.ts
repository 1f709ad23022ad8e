import { describe, expect, it } from 'vitest'
import type { EpochMs } from '../../../core/okr/okr-model'
import {
  currentValue,
  orderCheckIns,
  prefixRollups,
  resolveRollup,
  rollupValues,
} from '../../../core/okr/rollup'
import { checkIn, day, keyResult, untrusted } from './fixtures'

describe('rollups', () => {
  const values = [4, 9, 2, 5]

  it.each([
    ['last', 5],
    ['sum', 20],
    ['average', 5],
    ['max', 9],
    ['min', 2],
  ] as const)('%s of 4, 9, 2, 5 is %d', (rollup, expected) => {
    expect(rollupValues(rollup, values)).toBe(expected)
  })

  it('has no value before the first check-in', () => {
    expect(rollupValues('sum', [])).toBeNull()
    expect(currentValue('last', [])).toBeNull()
  })

  it('saturates a sum that leaves the doubles and keeps an average of huge values finite', () => {
    expect(rollupValues('sum', [1e308, 1e308])).toBe(Number.MAX_VALUE)
    expect(rollupValues('average', [1e308, 1e308])).toBe(1e308)
  })

  it('gives the series of current values over time', () => {
    expect(prefixRollups('sum', [5, 3, 2])).toEqual([5, 8, 10])
    expect(prefixRollups('average', [2, 4, 9])).toEqual([2, 3, 5])
    expect(prefixRollups('max', [2, 4, 1])).toEqual([2, 4, 4])
    expect(prefixRollups('min', [2, 4, 1])).toEqual([2, 2, 1])
    expect(prefixRollups('last', [2, 4, 1])).toEqual([2, 4, 1])
  })

  it('takes "last" by time, not by position, when check-ins arrive out of order', () => {
    const late = checkIn({ at: day(20), value: 7 })
    const early = checkIn({ at: day(10), value: 9 })
    expect(currentValue('last', [late, early])).toBe(7)
    const ordered = orderCheckIns([late, early])
    expect(ordered.checkIns).toEqual([early, late])
    expect(ordered.diagnostics.map((d) => d.code)).toEqual(['checkins-reordered'])
  })

  it('breaks ties in time by id so every peer agrees', () => {
    const b = checkIn({ id: 'b', at: day(3), value: 2 })
    const a = checkIn({ id: 'a', at: day(3), value: 1 })
    expect(orderCheckIns([b, a]).checkIns.map((c) => c.id)).toEqual(['a', 'b'])
    expect(currentValue('last', [a, b])).toBe(currentValue('last', [b, a]))
  })

  it('drops check-ins without a usable time or value, with a warning each', () => {
    const good = checkIn({ value: 3 })
    const result = orderCheckIns([
      checkIn({ value: NaN }),
      good,
      checkIn({ value: 4, at: untrusted<EpochMs>(null) }),
      untrusted(null),
    ])
    expect(result.checkIns).toEqual([good])
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      'checkin-invalid-value',
      'checkin-invalid-time',
    ])
  })

  it('falls back to "last" for an unknown rollup', () => {
    const resolved = resolveRollup(keyResult({ rollup: untrusted('median') }))
    expect(resolved.rollup).toBe('last')
    expect(resolved.diagnostics[0]?.code).toBe('kr-invalid-rollup')
  })
})

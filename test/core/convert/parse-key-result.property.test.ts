// Generated phrasings: each template states its own expected parse, so the grammar is checked
// over many number formats, units, verbs and metrics rather than a fixed list.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { parseKeyResult } from '../../../core/convert/parse-key-result'
import type { Unit } from '../../../core/okr/okr-model'

const metrics = fc.constantFrom(
  'monthly active users',
  'trial signups',
  'NPS',
  'weekly demos',
  'paying teams',
  'qualified leads',
)
const lowerMetrics = fc.constantFrom('churn', 'p95 latency', 'open P1 incidents', 'cloud costs')
const increaseVerbs = fc.constantFrom('Increase', 'Grow', 'Raise', 'Boost', 'Lift')
const decreaseVerbs = fc.constantFrom('Reduce', 'Cut', 'Lower', 'Decrease', 'Shrink')

/** A value and the ways a person might write it. */
const amount = fc
  .integer({ min: 1, max: 999_999 })
  .chain((value) =>
    fc.constantFrom(
      { value, text: String(value) },
      { value, text: value.toLocaleString('en-US') },
      ...(value % 1000 === 0 && value >= 1000 ? [{ value, text: `${value / 1000}k` }] : []),
      ...(value % 100 === 0 && value >= 1000 ? [{ value, text: `${value / 1000}k` }] : []),
    ),
  )

const unitSpellings: readonly (readonly [string, Unit])[] = [
  ['', { kind: 'count' }],
  ['%', { kind: 'percent' }],
  [' hours', { kind: 'text', label: 'hours' }],
  [' ms', { kind: 'text', label: 'ms' }],
  [' days', { kind: 'text', label: 'days' }],
]
const unit = fc.constantFrom(...unitSpellings)
const currency = fc.constantFrom(
  ['$', { kind: 'currency', code: 'USD' }] as const,
  ['€', { kind: 'currency', code: 'EUR' }] as const,
  ['£', { kind: 'currency', code: 'GBP' }] as const,
)

describe('parseKeyResult on generated phrasings', () => {
  it('reads "<verb> <metric> from A to B" as start A, target B, direction from the numbers', () => {
    fc.assert(
      fc.property(
        fc.oneof(increaseVerbs, decreaseVerbs),
        metrics,
        amount,
        amount,
        unit,
        (verb, metric, a, b, [suffix, expectedUnit]) => {
          fc.pre(a.value !== b.value)
          const parsed = parseKeyResult(
            `${verb} ${metric} from ${a.text}${suffix} to ${b.text}${suffix}`,
          )
          expect(parsed.kind).toBe('key-result')
          expect([parsed.start, parsed.target]).toEqual([a.value, b.value])
          expect(parsed.direction).toBe(b.value > a.value ? 'increase' : 'decrease')
          expect(parsed.calculation).toBe('absolute-target')
          expect(parsed.unit).toEqual(expectedUnit)
          expect(parsed.metric).toBe(metric)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reads "<verb> <metric> by N%" as a percentage lift in the verb’s direction', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          increaseVerbs.map((v) => [v, 'increase'] as const),
          decreaseVerbs.map((v) => [v, 'decrease'] as const),
        ),
        metrics,
        fc.integer({ min: 1, max: 300 }),
        ([verb, direction], metric, lift) => {
          const parsed = parseKeyResult(`${verb} ${metric} by ${lift}%`)
          expect([parsed.calculation, parsed.target, parsed.direction]).toEqual([
            'percentage-lift',
            lift,
            direction,
          ])
          expect(parsed.start).toBeNull()
        },
      ),
      { numRuns: 200 },
    )
  })

  it('reads a comparator target in its own direction, with currencies before the number', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['Keep', 'below', 'decrease'] as const,
          ['Get', 'under', 'decrease'] as const,
          ['Keep', 'above', 'increase'] as const,
          ['Get', 'to at least', 'increase'] as const,
        ),
        fc.oneof(metrics, lowerMetrics),
        amount,
        currency,
        ([verb, comparator, direction], metric, a, [symbol, expectedUnit]) => {
          const parsed = parseKeyResult(`${verb} ${metric} ${comparator} ${symbol}${a.text}`)
          expect([parsed.target, parsed.direction, parsed.unit]).toEqual([
            a.value,
            direction,
            expectedUnit,
          ])
        },
      ),
      { numRuns: 200 },
    )
  })

  it('reads "Add N <things>" as an absolute lift and "Reach N <things>" as a target', () => {
    fc.assert(
      fc.property(amount, metrics, (a, metric) => {
        const add = parseKeyResult(`Add ${a.text} ${metric}`)
        const reach = parseKeyResult(`Reach ${a.text} ${metric}`)
        expect([add.calculation, add.target]).toEqual(['absolute-lift', a.value])
        expect([reach.calculation, reach.target, reach.direction]).toEqual([
          'absolute-target',
          a.value,
          'increase',
        ])
      }),
      { numRuns: 200 },
    )
  })
})

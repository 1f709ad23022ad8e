import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { parseKeyResult, MAX_PARSED_LENGTH } from '../../../core/convert/parse-key-result'
import type { ParsedKeyResult } from '../../../core/convert/drafts'
import { CASES, type Case, type Expected } from './key-result-cases'
import { HELD_OUT } from './key-result-held-out'
import { TERSE } from './key-result-terse'

/** The fields of `expected` that `parsed` gets wrong, empty for a hit. */
const mismatches = (parsed: ParsedKeyResult, expected: Expected): string[] => {
  const wrong: string[] = []
  for (const key of Object.keys(expected) as (keyof Expected)[]) {
    const want = expected[key]
    const got = parsed[key]
    const same =
      typeof want === 'number' && typeof got === 'number'
        ? Math.abs(want - got) <= 1e-9 * Math.max(1, Math.abs(want))
        : JSON.stringify(want) === JSON.stringify(got)
    if (!same) wrong.push(`${key}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`)
  }
  return wrong
}

/** Share of `cases` parsed exactly; printed with the misses so the figure can be reported. */
const hitRate = (name: string, cases: readonly Case[]): number => {
  const misses = cases
    .map((c) => ({ text: c.text, wrong: mismatches(parseKeyResult(c.text), c.expected) }))
    .filter((m) => m.wrong.length > 0)
  const rate = (cases.length - misses.length) / cases.length
  console.log(
    `parseKeyResult hit rate (${name}): ${cases.length - misses.length}/${cases.length} = ` +
      `${(rate * 100).toFixed(1)}%` +
      misses.map((m) => `\n  miss: ${m.text} — ${m.wrong.join('; ')}`).join(''),
  )
  return rate
}

describe('parseKeyResult on labelled phrasings', () => {
  it('has a realistic table to measure against', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60)
    expect(new Set(CASES.map((c) => c.text)).size).toBe(CASES.length)
  })

  it.each(CASES.filter((c) => c.reference).map((c) => [c.text, c.expected] as const))(
    'reads the reference example %j',
    (text, expected) => {
      expect(mismatches(parseKeyResult(text), expected)).toEqual([])
    },
  )

  it('reads at least 90% of the tuning table exactly', () => {
    expect(hitRate('tuning table', CASES)).toBeGreaterThanOrEqual(0.9)
  })

  it('reads at least 75% of the held-out phrasings exactly', () => {
    expect(hitRate('held-out', HELD_OUT)).toBeGreaterThanOrEqual(0.75)
  })

  it('reads at least 60% of terse sticky-note shorthand exactly', () => {
    expect(hitRate('terse shorthand', TERSE)).toBeGreaterThanOrEqual(0.6)
  })
})

describe('parseKeyResult numbers', () => {
  it.each([
    ['Reach 12,000 users', 12000],
    ['Reach 1.5k users', 1500],
    ['Reach $48k MRR', 48000],
    ['Reach 2.5M downloads', 2500000],
    ['Reach €1.2bn in bookings', 1200000000],
    ['Reach 3 million users', 3000000],
    ['Reach 12\u00a0000 users', 12000],
    ['Grow signups to 2000', 2000],
    ['Grow signups by 2000', 2000],
    ['Signups: 2000', 2000],
  ])('reads %j as %d', (text, value) => {
    expect(parseKeyResult(text).target).toBe(value)
  })

  it('tells percentage points from a percentage lift', () => {
    const points = parseKeyResult('Increase activation by 5pp')
    const percent = parseKeyResult('Increase activation by 5%')
    expect([points.calculation, points.unit]).toEqual(['absolute-lift', { kind: 'percent' }])
    expect(percent.calculation).toBe('percentage-lift')
  })

  it('puts start and target in one time unit', () => {
    const parsed = parseKeyResult('Cut release time from 2 days to 6 hours')
    expect([parsed.start, parsed.target, parsed.unit]).toEqual([
      48,
      6,
      { kind: 'text', label: 'hours' },
    ])
  })

  it('ignores numbers that name things rather than amounts', () => {
    for (const text of [
      'Achieve SOC 2 compliance in Q3 2026',
      'Launch v2 by March 31',
      'Offer 24/7 support',
      'Make B2B onboarding self-serve',
    ]) {
      expect(parseKeyResult(text).target, text).toBeNull()
    }
  })

  it('reads "top N" as a target only when ranking', () => {
    expect(parseKeyResult('Rank in the top 3 for "okr software"').target).toBe(3)
    const selection = parseKeyResult('Refresh the top 20 blog posts')
    expect([selection.kind, selection.target]).toEqual(['initiative', null])
  })

  it('reads a target written before its baseline', () => {
    const parsed = parseKeyResult('Refunds processed in 2 days instead of 10')
    expect([parsed.start, parsed.target, parsed.direction]).toEqual([10, 2, 'decrease'])
  })

  it('reads a factor as a lift, or as a level when it is the target', () => {
    expect(parseKeyResult('Grow pipeline 2x').calculation).toBe('percentage-lift')
    const level = parseKeyResult('Return on ad spend of 4x')
    expect([level.calculation, level.target, level.unit]).toEqual([
      'absolute-target',
      4,
      { kind: 'text', label: 'x' },
    ])
  })

  it('doubts a rising number on a metric that is better lower', () => {
    const parsed = parseKeyResult('Cart abandonment is above 70%')
    expect(parsed.confidence).toBeLessThan(0.7)
    expect(parsed.notes.join(' ')).toMatch(/current value/)
  })

  it('works the start out from a lift that leads to a target', () => {
    const points = parseKeyResult('Increase CSAT by 5 points to 85')
    expect([points.calculation, points.start, points.target]).toEqual(['absolute-target', 80, 85])
    const down = parseKeyResult('Decrease churn by 2 percentage points to 3%')
    expect([down.start, down.target, down.direction]).toEqual([5, 3, 'decrease'])
    const relative = parseKeyResult('Grow ARR 25% YoY to $5M')
    expect([relative.start, relative.target, relative.unit]).toEqual([
      4_000_000,
      5_000_000,
      { kind: 'currency', code: 'USD' },
    ])
    expect(relative.notes.join(' ')).toMatch(/worked out/)
  })

  it('doubts a key result whose start is its target', () => {
    const parsed = parseKeyResult('Raise conversion from 2% to 2%')
    expect(parsed.confidence).toBeLessThan(0.7)
    expect(parsed.notes).toContain('start and target are the same')
  })

  it('looks past bullets, emoji, quotes and labels to the text itself', () => {
    expect(parseKeyResult('🚀 Launch the partner portal').kind).toBe('initiative')
    expect(parseKeyResult('Q3: ship mobile app').kind).toBe('initiative')
    expect(parseKeyResult('(idea) hire a PM').kind).toBe('initiative')
    const labelled = parseKeyResult('✅ KR1: "Grow NPS to 50"')
    expect([labelled.target, labelled.metric]).toEqual([50, 'NPS'])
    expect(parseKeyResult('- -15% cloud costs').target).toBe(15)
  })

  it('takes a year as a timeframe, not a target', () => {
    const parsed = parseKeyResult('Grow to 400 customers by 2027')
    expect(parsed.target).toBe(400)
    expect(parsed.metric).toBe('customers')
  })

  it('reads the metric without verbs, numbers and timeframe words', () => {
    expect(parseKeyResult('Decrease our customer churn rate to less than 5%.').metric).toBe(
      'customer churn rate',
    )
    expect(parseKeyResult('Boost organic traffic by 25% by end of Q3').metric).toBe(
      'organic traffic',
    )
    expect(
      parseKeyResult('Shipping the portal increases employee feedback scores by 25%.').metric,
    ).toBe('employee feedback scores')
  })
})

describe('parseKeyResult confidence and notes', () => {
  it('is fully confident about a plain, explicit key result', () => {
    const parsed = parseKeyResult('Raise NPS from 32 to 45')
    expect(parsed.confidence).toBe(1)
    expect(parsed.notes).toEqual([])
  })

  it('flags a verb that contradicts the numbers, and trusts the numbers', () => {
    const parsed = parseKeyResult('Increase load time from 5s to 2s')
    expect(parsed.direction).toBe('decrease')
    expect(parsed.confidence).toBeLessThan(0.8)
    expect(parsed.notes.join(' ')).toMatch(/increase/)
  })

  it('takes the ambitious end of a range and says so', () => {
    const up = parseKeyResult('Grow NPS to 40-50')
    const down = parseKeyResult('Cut p95 latency to 200-300 ms')
    expect([up.target, down.target]).toEqual([50, 200])
    expect(up.notes.join(' ')).toMatch(/range/)
    expect(up.confidence).toBeLessThan(1)
  })

  it('warns that a % lift of a rate is relative', () => {
    const parsed = parseKeyResult('Increase conversion rate by 10%')
    expect(parsed.calculation).toBe('percentage-lift')
    expect(parsed.notes.join(' ')).toMatch(/percentage points/)
  })

  it('says why a note is not measurable', () => {
    const parsed = parseKeyResult('Delight our customers')
    expect(parsed.kind).toBe('unmeasurable')
    expect(parsed.notes).toContain('no number to measure: add a target')
  })
})

describe('parseKeyResult on untrusted input', () => {
  it('never throws and always returns a well-formed parse', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseKeyResult(text)
        expect(['key-result', 'initiative', 'unmeasurable']).toContain(parsed.kind)
        expect(parsed.confidence).toBeGreaterThanOrEqual(0)
        expect(parsed.confidence).toBeLessThanOrEqual(1)
        if (parsed.target !== null) expect(Number.isFinite(parsed.target)).toBe(true)
        if (parsed.kind === 'key-result') expect(parsed.target).not.toBeNull()
      }),
      { numRuns: 300 },
    )
  })

  it('survives sticky-note noise: digits, symbols, emoji, markup', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'Grow',
            'from',
            'to',
            '12,000',
            '$',
            '5k',
            '%',
            '-',
            '→',
            'by',
            '😀',
            '<b>',
            '..',
            '1e308',
            'x',
            '/',
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const parsed = parseKeyResult(parts.join(' '))
          expect(parsed.start === null || Number.isFinite(parsed.start)).toBe(true)
          expect(parsed.target === null || Number.isFinite(parsed.target)).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reads only the start of a very long text and says so', () => {
    const parsed = parseKeyResult(`Grow revenue to $2M ${'and more '.repeat(10_000)}`)
    expect(parsed.target).toBe(2_000_000)
    expect(parsed.notes.join(' ')).toContain(String(MAX_PARSED_LENGTH))
  })

  it('treats a value that is not a string as empty text', () => {
    const parsed = parseKeyResult(42 as unknown as string)
    expect(parsed.kind).toBe('unmeasurable')
    expect(parsed.notes).toContain('not text')
  })

  it('is deterministic', () => {
    const text = 'Reduce P1 incidents from 2 to 0 by Q3'
    expect(parseKeyResult(text)).toEqual(parseKeyResult(text))
  })
})

describe('parseKeyResult on scaled amounts', () => {
  // Found by the property test (seed 1822804164): 522.2 × 1000 is 522200.00000000006 in binary.
  it('reads "522.2k" and "1.1m" as the exact numbers people wrote', () => {
    const parsed = parseKeyResult('Reduce monthly active users from 1 to 522.2k')
    expect([parsed.start, parsed.target]).toEqual([1, 522_200])
    expect(parseKeyResult('Grow ARR from $0.3m to $1.1m').target).toBe(1_100_000)
    expect(parseKeyResult('Grow ARR from $0.3m to $1.1m').start).toBe(300_000)
  })
})

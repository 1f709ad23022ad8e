import { describe, expect, it } from 'vitest'
import {
  calibrate,
  calibrationText,
  monthOf,
  monthsText,
  verdictOf,
} from '../../../core/okr/calibration'
import type { CheckIn, EpochMs } from '../../../core/okr/okr-model'

const at = (iso: string) => Date.parse(iso) as EpochMs
let seq = 0
function checkIn(
  author: string,
  keyResultId: string,
  when: string,
  predictedScore: number | null,
): CheckIn {
  seq += 1
  return {
    id: `c${String(seq).padStart(3, '0')}`,
    keyResultId,
    at: at(when),
    value: 1,
    note: '',
    predictedScore,
    confidence: null,
    author,
  }
}

const finals = new Map([
  ['kr1', 0.5],
  ['kr2', 0.8],
])

describe('calibrate', () => {
  it('has no figures without check-ins', () => {
    const report = calibrate([], finals)
    expect(report.team).toBeNull()
    expect(report.people.size).toBe(0)
  })

  it('measures one author who predicted too high as over-confident', () => {
    const report = calibrate(
      [checkIn('ann', 'kr1', '2026-10-10', 0.8), checkIn('ann', 'kr2', '2026-11-10', 0.9)],
      finals,
    )
    const ann = report.people.get('ann')
    expect(ann?.count).toBe(2)
    expect(ann?.meanSignedError).toBeCloseTo(0.2) // (0.3 + 0.1) / 2
    expect(ann?.meanAbsoluteError).toBeCloseTo(0.2)
    expect(ann?.verdict).toBe('over-confident')
    expect(report.team?.meanSignedError).toBeCloseTo(0.2)
  })

  it('keeps two authors apart and pools them for the team', () => {
    const report = calibrate(
      [
        checkIn('ann', 'kr1', '2026-10-10', 0.8), // +0.3
        checkIn('ben', 'kr1', '2026-10-12', 0.2), // −0.3
        checkIn('ben', 'kr2', '2026-10-12', 0.75), // −0.05
      ],
      finals,
    )
    expect(report.people.get('ann')?.verdict).toBe('over-confident')
    const ben = report.people.get('ben')
    expect(ben?.verdict).toBe('under-confident')
    expect(ben?.meanSignedError).toBeCloseTo(-0.175)
    expect(ben?.meanAbsoluteError).toBeCloseTo(0.175)
    expect(report.team?.count).toBe(3)
    expect(report.team?.meanSignedError).toBeCloseTo(-0.05 / 3)
    expect(report.team?.meanAbsoluteError).toBeCloseTo(0.65 / 3)
  })

  it('calls a mean absolute error of a tenth or less well calibrated, either way', () => {
    const report = calibrate(
      [checkIn('ann', 'kr1', '2026-10-10', 0.6), checkIn('ann', 'kr2', '2026-10-10', 0.7)],
      finals,
    )
    expect(report.people.get('ann')?.verdict).toBe('well calibrated')
    expect(verdictOf(0.1, 0.1)).toBe('well calibrated')
    expect(verdictOf(0.11, -0.11)).toBe('under-confident')
    expect(verdictOf(0.3, 0)).toBe('over-confident')
  })

  it('counts the last prediction of each author per key result per UTC month', () => {
    const report = calibrate(
      [
        checkIn('ann', 'kr1', '2026-10-02T10:00Z', 1), // replaced later in October
        checkIn('ann', 'kr1', '2026-10-31T23:59Z', 0.6), // October's checkpoint: +0.1
        checkIn('ann', 'kr1', '2026-10-20T00:00Z', 0.9), // earlier than the 31st: not counted
        checkIn('ann', 'kr1', '2026-11-01T00:00Z', 0.3), // November: −0.2
        checkIn('ann', 'kr2', '2026-11-15T00:00Z', 0.8), // November: 0
      ],
      finals,
    )
    const ann = report.people.get('ann')
    expect(ann?.count).toBe(3)
    expect(ann?.months.map((m) => [m.month, m.count])).toEqual([
      ['2026-10', 1],
      ['2026-11', 2],
    ])
    expect(ann?.months[0]?.meanSignedError).toBeCloseTo(0.1)
    expect(ann?.months[1]?.meanSignedError).toBeCloseTo(-0.1)
    expect(ann?.months[1]?.meanAbsoluteError).toBeCloseTo(0.1)
  })

  it('ignores garbage and check-ins after the end, and never yields NaN', () => {
    const bad = [
      checkIn('ann', 'kr1', '2026-10-10', Number.NaN),
      checkIn('ann', 'kr1', '2026-10-10', 1.2),
      checkIn('ann', 'kr1', '2026-10-10', -0.1),
      checkIn('ann', 'kr1', '2026-10-10', null),
      checkIn('', 'kr1', '2026-10-10', 0.5),
      checkIn('  ', 'kr1', '2026-10-10', 0.5),
      { ...checkIn('ann', 'kr1', '2026-10-10', 0.5), author: undefined as unknown as string },
      { ...checkIn('ann', 'kr1', '2026-10-10', 0.5), at: Number.NaN as EpochMs },
      { ...checkIn('ann', 'kr1', '2026-10-10', 0.5), at: 1e300 as EpochMs },
      checkIn('ann', 'no-such-kr', '2026-10-10', 0.5),
      checkIn('ann', 'kr1', '2027-01-01T00:00Z', 0.5), // at the end: after the quarter
      null as unknown as CheckIn,
    ]
    const report = calibrate(
      [...bad, checkIn('ben', 'kr2', '2026-12-31T23:00Z', 0.4)],
      new Map([...finals, ['broken', Number.NaN]]),
      { end: at('2027-01-01T00:00Z') },
    )
    expect([...report.people.keys()]).toEqual(['ben'])
    expect(report.team?.count).toBe(1)
    expect(report.team?.meanSignedError).toBeCloseTo(-0.4)
    expect(calibrate('nope' as unknown as CheckIn[], finals).team).toBeNull()
  })

  it('groups authors by the key given, and leaves out those it maps to null', () => {
    const report = calibrate(
      [
        checkIn('Ann', 'kr1', '2026-10-10', 0.7),
        checkIn('u-ann', 'kr2', '2026-10-11', 0.8),
        checkIn('stranger', 'kr2', '2026-10-11', 0.1),
      ],
      finals,
      { authorKey: (a) => (a === 'Ann' || a === 'u-ann' ? 'u-ann' : null) },
    )
    expect([...report.people.keys()]).toEqual(['u-ann'])
    expect(report.people.get('u-ann')?.count).toBe(2)
  })
})

describe('calibration words', () => {
  it('reads a month from UTC, whatever the zone', () => {
    expect(monthOf(at('2026-10-31T23:59:59Z'))).toBe('2026-10')
    expect(monthOf(at('2026-11-01T00:00:00Z'))).toBe('2026-11')
    expect(monthOf(Number.NaN)).toBeNull()
  })

  it('says which way and how far, over how many predictions', () => {
    const over = calibrate(
      [checkIn('ann', 'kr1', '2026-10-10', 0.68), checkIn('ann', 'kr2', '2026-10-10', 0.98)],
      finals,
    ).team
    expect(over && calibrationText(over, 'You')).toBe(
      'You predicted 0.18 higher than the final scores on average (over-confident), over 2 predictions.',
    )
    const mixed = calibrate(
      [checkIn('ann', 'kr1', '2026-10-10', 0.1), checkIn('ann', 'kr2', '2026-11-10', 1)],
      finals,
    ).team
    expect(mixed && calibrationText(mixed, 'The team')).toBe(
      'The team predicted 0.1 lower than the final scores on average (under-confident), over 2 predictions. Average miss either way (mean absolute error): 0.3.',
    )
    expect(mixed && monthsText(mixed.months)).toBe('2026-10: −0.4 · 2026-11: +0.2')
    const well = calibrate([checkIn('ann', 'kr1', '2026-10-10', 0.55)], finals).team
    expect(well && calibrationText(well, 'You')).toBe(
      'You predicted within 0.05 of the final scores on average (well calibrated), over 1 prediction.',
    )
  })
})

import { describe, expect, it } from 'vitest'
import type { Score } from '../../../core/okr/okr-model'
import {
  DEFAULT_BANDS,
  gradeValue,
  gradingScale,
  linearProgress,
  resolveBands,
  resolveWeight,
  scoreBand,
  scoreText,
  scoreValue,
  shownScore,
  weightedMean,
} from '../../../core/okr/score'
import { formatScore } from '../../../core/export/format'
import { resolveTarget } from '../../../core/okr/targets'
import { keyResult, untrusted } from './fixtures'

const instagram = [
  { value: 0, score: 0 },
  { value: 100, score: 0.1 },
  { value: 500, score: 0.5 },
  { value: 1000, score: 1 },
]

describe('progress and score', () => {
  it('scores 700 of 1000 followers 0.7', () => {
    expect(linearProgress(700, 0, 1000)).toBeCloseTo(0.7, 12)
    expect(scoreValue(resolveTarget(keyResult()), [], 700).score).toBeCloseTo(0.7, 12)
  })

  it('scores a decrease: churn 8 % → 5 %, now 6.5 % is half way', () => {
    const churn = resolveTarget(keyResult({ start: 8, target: 5, direction: 'decrease' }))
    expect(scoreValue(churn, [], 6.5)).toEqual({ progress: 0.5, raw: 0.5, score: 0.5 })
    expect(scoreValue(churn, [], 9).score).toBe(0)
    expect(scoreValue(churn, [], 4)).toMatchObject({ score: 1, raw: 4 / 3 })
  })

  it('reports over-achievement as raw and clamps the score to 1', () => {
    expect(scoreValue(resolveTarget(keyResult()), [], 1300)).toEqual({
      progress: 1,
      raw: 1.3,
      score: 1,
    })
  })

  it('scores "+10 % sign-ups" tracking at +7 % as 0.7', () => {
    const signups = resolveTarget(
      keyResult({ start: 200, target: 10, calculation: 'percentage-lift' }),
    )
    expect(scoreValue(signups, [], 214).score).toBeCloseTo(0.7, 10)
  })

  it('scores before the first check-in as the start value', () => {
    expect(scoreValue(resolveTarget(keyResult()), [], null)).toEqual({
      progress: 0,
      raw: 0,
      score: 0,
    })
  })

  it('treats start == target as a threshold: met or not', () => {
    const keep = resolveTarget(keyResult({ start: 99.9, target: 99.9 }))
    expect(scoreValue(keep, [], 99.95).score).toBe(1)
    expect(scoreValue(keep, [], 99.8).score).toBe(0)
    expect(scoreValue(keep, [], null).score).toBe(0)
    const cap = resolveTarget(keyResult({ start: 5, target: 5, direction: 'decrease' }))
    expect(scoreValue(cap, [], 5).score).toBe(1)
  })
})

describe('grading points', () => {
  const { points } = gradingScale(instagram)

  it.each([
    [0, 0],
    [100, 0.1],
    [500, 0.5],
    [1000, 1],
    [300, 0.3],
    [750, 0.75],
    [-20, 0],
    [5000, 1],
  ])('grades %d followers as %d', (value, score) => {
    expect(gradeValue(points, value)).toBeCloseTo(score, 12)
  })

  it('replaces linear scoring but keeps raw progress', () => {
    const kr = keyResult({ start: 0, target: 2000 })
    expect(scoreValue(resolveTarget(kr), points, 500)).toEqual({
      progress: 0.25,
      raw: 0.25,
      score: 0.5,
    })
  })

  it('repairs a scale: sorts, drops broken points, clamps scores, keeps the last duplicate', () => {
    const scale = gradingScale(
      untrusted([
        { value: 1000, score: 1.5 },
        { value: NaN, score: 0.2 },
        { value: 0, score: 0.3 },
        { value: 0, score: 0 },
        null,
      ]),
      'kr-1',
    )
    expect(scale.points).toEqual([
      { value: 0, score: 0 },
      { value: 1000, score: 1 },
    ])
    expect(scale.diagnostics.map((d) => d.code)).toEqual([
      'kr-grading-invalid',
      'kr-grading-invalid',
    ])
  })

  it('needs two points to be a scale', () => {
    const one = gradingScale([{ value: 5, score: 1 }])
    expect(one.points).toEqual([])
    expect(one.diagnostics[0]?.code).toBe('kr-grading-too-short')
    expect(gradingScale(null)).toEqual({ points: [], diagnostics: [] })
    expect(gradingScale('0:0,1:1').diagnostics[0]?.code).toBe('kr-grading-invalid')
  })

  it('grades a decreasing scale (lower is better)', () => {
    const latency = gradingScale([
      { value: 200, score: 1 },
      { value: 800, score: 0 },
    ]).points
    expect(gradeValue(latency, 500)).toBeCloseTo(0.5, 12)
  })
})

describe('objective score', () => {
  it('is the weighted mean of the key result scores', () => {
    expect(
      weightedMean([
        { score: 1, weight: 1 },
        { score: 0.4, weight: 2 },
      ]),
    ).toBeCloseTo(0.6, 12)
    expect(
      weightedMean([
        { score: 0.7, weight: 1 },
        { score: 0.5, weight: 1 },
        { score: 0.3, weight: 1 },
      ]),
    ).toBeCloseTo(0.5, 12)
  })

  it('is null without key results and survives huge weights', () => {
    expect(weightedMean([])).toBeNull()
    expect(
      weightedMean([
        { score: 0.2, weight: 1e308 },
        { score: 0.8, weight: 1e308 },
      ]),
    ).toBeCloseTo(0.5, 12)
  })

  it('replaces weights that are not positive numbers by 1, with a warning', () => {
    for (const weight of [0, -2, NaN, Infinity, untrusted<number>(undefined)]) {
      const resolved = resolveWeight(keyResult({ weight }))
      expect(resolved.weight).toBe(1)
      expect(resolved.diagnostics[0]?.code).toBe('kr-invalid-weight')
    }
    expect(resolveWeight(keyResult({ weight: 3 }))).toEqual({ weight: 3, diagnostics: [] })
  })
})

describe('colour bands', () => {
  // The band is decided on the shown (one-decimal) score, so 0.39 reads "0.4" and is yellow and
  // 0.69 reads "0.7" and is green (issue 14, item 8; they were red and yellow before).
  it.each([
    [0, 'red'],
    [0.34, 'red'],
    [0.39, 'yellow'],
    [0.4, 'yellow'],
    [0.64, 'yellow'],
    [0.69, 'green'],
    [0.7, 'green'],
    [1, 'green'],
  ] as const)('%d is %s', (score, band) => {
    expect(scoreBand(score as Score)).toBe(band)
  })

  it.each([
    [0.349, '0.3', 'red'],
    [0.35, '0.4', 'yellow'],
    [0.368, '0.4', 'yellow'],
    [0.4, '0.4', 'yellow'],
    [0.421, '0.4', 'yellow'],
    [0.649, '0.6', 'yellow'],
    [0.65, '0.7', 'green'],
    [0.7, '0.7', 'green'],
    [0.7 * 0.5, '0.4', 'yellow'],
    [0.1 + 0.25, '0.4', 'yellow'],
  ] as const)('%d reads %s and is %s: number and colour from one rule', (score, text, band) => {
    expect(scoreText(score)).toBe(text)
    expect(formatScore(score)).toBe(text)
    expect(shownScore(score)).toBe(Number(text))
    expect(scoreBand(score as Score)).toBe(band)
  })

  it('shows nothing for no score and clamps what is not a score', () => {
    expect(scoreText(null)).toBe('–')
    expect(scoreText(NaN)).toBe('–')
    expect(shownScore(NaN)).toBe(0)
    expect(shownScore(1.3)).toBe(1)
    expect(shownScore(-0.2)).toBe(0)
  })

  it('bands the shown score against configured thresholds too', () => {
    const { thresholds } = resolveBands({ yellowFrom: 0.3, greenFrom: 0.6 })
    expect(scoreBand(0.249 as Score, thresholds)).toBe('red')
    expect(scoreBand(0.25 as Score, thresholds)).toBe('yellow')
    expect(scoreBand(0.55 as Score, thresholds)).toBe('green')
  })

  it('takes configured thresholds and rejects inconsistent ones', () => {
    const custom = resolveBands({ yellowFrom: 0.3, greenFrom: 0.6 })
    expect(scoreBand(0.65 as Score, custom.thresholds)).toBe('green')
    expect(resolveBands({ yellowFrom: 0.3 }).thresholds).toEqual({
      yellowFrom: 0.3,
      greenFrom: 0.7,
    })
    const bad = resolveBands({ yellowFrom: 0.8, greenFrom: 0.5 })
    expect(bad.thresholds).toEqual(DEFAULT_BANDS)
    expect(bad.diagnostics[0]?.code).toBe('bands-invalid')
    expect(resolveBands({ greenFrom: NaN }).thresholds).toEqual(DEFAULT_BANDS)
  })
})

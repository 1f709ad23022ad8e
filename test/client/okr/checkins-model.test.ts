import type { EpochMs } from '../../../core/okr/okr-model'
import { describe, expect, it } from 'vitest'
import { exportOkrs } from '../../../core/export/export-model'
import {
  chartPeriod,
  checkInHistory,
  confidenceText,
  parseCheckIn,
  predictedText,
  selectedKeyResult,
} from '../../../client/okr/checkins-model'
import { NOW, Q4, okrSnapshot } from '../../core/export/fixtures'

const snapshot = okrSnapshot()
const okrs = exportOkrs(snapshot, { now: NOW })
const texts = { value: '', predicted: '', confidence: '', note: '' }

describe('check-ins panel', () => {
  it('shows the chosen key result, else the first, else none', () => {
    expect(selectedKeyResult(okrs, 'kr2')?.id).toBe('kr2')
    expect(selectedKeyResult(okrs, null)?.id).toBe('kr1')
    expect(selectedKeyResult(okrs, 'gone')?.id).toBe('kr1')
    expect(selectedKeyResult({ ...okrs, objectives: [] }, null)).toBeNull()
  })

  it('lists a key result’s check-ins newest first', () => {
    expect(checkInHistory(snapshot, 'kr1').map((c) => c.id)).toEqual(['c2', 'c1'])
    expect(checkInHistory(snapshot, 'nope')).toEqual([])
  })

  it("charts the objective's timeframe, else the board's", () => {
    expect(chartPeriod(snapshot, 'kr1')).toEqual({ start: Q4.start, end: Q4.end })
    const loose = {
      ...snapshot,
      objectives: snapshot.objectives.map((o) => ({ ...o, timeframe: null })),
    }
    expect(chartPeriod(loose, 'kr1')).toBeNull()
    // A board without any timeframe charts the quarter holding the clock, not the epoch.
    const now = (Q4.start + 86_400_000) as EpochMs
    expect(chartPeriod(loose, 'kr1', now)).toEqual({ start: Q4.start, end: Q4.end })
    const boardWide = {
      ...loose,
      meta: { ...loose.meta, timeframe: { start: Q4.start, end: Q4.end } },
    }
    expect(chartPeriod(boardWide, 'kr1')).toEqual({ start: Q4.start, end: Q4.end })
  })

  it('reads the form, with a message for each field that does not parse', () => {
    expect(parseCheckIn({ ...texts, value: '45', predicted: '0.9', note: ' early ' })).toEqual({
      ok: true,
      value: { value: 45, predictedScore: 0.9, confidence: null, note: 'early' },
    })
    const bad = parseCheckIn({ ...texts, value: 'abc', confidence: '2' })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect([...bad.errors.keys()]).toEqual(['value', 'confidence'])
    expect(bad.errors.get('confidence')).toEqual({ text: '2', message: 'Must be at most 1.' })
  })

  it('prints optional figures as blanks', () => {
    expect(confidenceText(null)).toBe('')
    expect(confidenceText(0.8)).toBe('80%')
    expect(predictedText(null)).toBe('')
    expect(predictedText(0.7)).toBe('0.7')
  })
})

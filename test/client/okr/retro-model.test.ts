import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { exportOkrs } from '../../../core/export/export-model'
import { setRetroAnswer } from '../../../core/board/commands/retro'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import type { EpochMs } from '../../../core/okr/okr-model'
import {
  carriedEarlier,
  carriedText,
  chooseTimeframe,
  currentValues,
  openIn,
  retroAnswersOf,
  scoresIn,
  timeframeChoices,
} from '../../../client/okr/retro-model'
import { NOW, ORIGIN, okrBoard, okrSnapshot } from '../../core/export/fixtures'

const Q3 = quarterTimeframe(2026, 3)

describe('retrospective', () => {
  const snapshot = okrSnapshot()
  const okrs = exportOkrs(snapshot, { now: NOW })

  it('lists timeframes latest first and looks back by default', () => {
    const withQ3 = {
      ...snapshot,
      objectives: snapshot.objectives.map((o, i) => (i === 1 ? { ...o, timeframe: Q3 } : o)),
    }
    const choices = timeframeChoices(withQ3)
    expect(choices.map((c) => c.label)).toEqual(['2026-Q4', '2026-Q3'])
    // Mid-Q4: Q3 has ended, so the retro looks back on it.
    expect(chooseTimeframe(choices, null, NOW)?.label).toBe('2026-Q3')
    expect(chooseTimeframe(choices, '2026-Q4', NOW)?.label).toBe('2026-Q4')
    // Before either ended: the running one; before any started: the latest.
    expect(chooseTimeframe(choices, null, (Q3.start + 1) as EpochMs)?.label).toBe('2026-Q3')
    expect(chooseTimeframe(choices, null, (Q3.start - 1) as EpochMs)?.label).toBe('2026-Q4')
    expect(chooseTimeframe([], null, NOW)).toBeNull()
  })

  it('scores and carries what is in the timeframe in view', () => {
    expect(scoresIn(snapshot, okrs, '2026-Q4').map((o) => o.id)).toEqual(['o1', 'o2'])
    expect(scoresIn(snapshot, okrs, '2026-Q3')).toEqual([])
    expect(openIn(snapshot, '2026-Q4', NOW).map((u) => u.objectiveId)).toEqual(['o1', 'o2'])
    expect(openIn(snapshot, '2027-Q1', NOW)).toEqual([])
  })

  it('starts carried key results where the old ones stand', () => {
    expect(currentValues(okrs)).toEqual({ kr1: 176, kr2: 7 })
  })

  it('names where carried objectives came from', () => {
    const provenance = new Map([
      ['o2', 'o1'],
      ['o1', 'gone'],
    ])
    expect(carriedEarlier(snapshot, provenance)).toEqual([
      { title: 'Delight new customers', from: 'a deleted objective' },
      { title: snapshot.objectives[1]?.title, from: 'Delight new customers' },
    ])
  })

  it('says what a carry did', () => {
    const next = quarterTimeframe(2027, 1)
    expect(carriedText({ created: ['a', 'b'], skipped: [] }, next)).toBe(
      'Carried 2 items into 2027-Q1. Scores there start at 0.0.',
    )
    expect(carriedText({ created: [], skipped: ['a'] }, next)).toContain('(1 were already there)')
  })

  it('reads one timeframe’s answers with the same reader each time', () => {
    const doc: Y.Doc = okrBoard()
    setRetroAnswer(doc, { timeframe: '2026-Q4', question: 'ambition', text: 'Not quite.' }, ORIGIN)
    expect(retroAnswersOf('2026-Q4')).toBe(retroAnswersOf('2026-Q4'))
    expect(retroAnswersOf('2026-Q4')(doc).ambition).toBe('Not quite.')
    expect(retroAnswersOf('2026-Q3')(doc).ambition).toBe('')
  })
})

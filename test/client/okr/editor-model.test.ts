import { describe, expect, it } from 'vitest'
import { exportOkrs } from '../../../core/export/export-model'
import {
  NO_PARENT,
  checkInSummary,
  editorCards,
  measuredText,
  movePosition,
  nextOrder,
  sourceNotesLabel,
  targetLabel,
} from '../../../client/okr/editor-model'
import { lintBoard } from '../../../client/board/lint-board'
import { NOW, Q4, okrSnapshot } from '../../core/export/fixtures'
import { inCycle } from '../../../core/export/cycle'
import type { EpochMs } from '../../../core/okr/okr-model'

const DAY = 86_400_000

describe('editor cards', () => {
  const snapshot = okrSnapshot()
  const okrs = exportOkrs(snapshot, { now: NOW })

  it('holds each objective with its key results, initiatives, figures and findings', () => {
    const cards = editorCards(snapshot, okrs, lintBoard(snapshot), new Map())
    expect(cards.map((c) => c.record.id)).toEqual(['o1', 'o2'])
    const [first, second] = cards
    expect(first?.order).toEqual(['o1', 'o2'])
    expect(first?.keyResults.map((k) => k.record.id)).toEqual(['kr1', 'kr2'])
    expect(first?.keyResults[0]?.siblings).toEqual(['kr1', 'kr2'])
    expect(first?.keyResults[0]?.initiatives.map((i) => i.id)).toEqual(['i1'])
    expect(first?.keyResults[0]?.figures?.current).toBe(176)
    expect(first?.figures?.id).toBe('o1')
    expect(second?.keyResults).toEqual([])
    expect(second?.diagnostics.map((d) => d.code)).toContain('objective-no-krs')
    expect(first?.carriedFrom).toBeNull()
  })

  it('offers every other objective as a parent, after "none"', () => {
    const [first] = editorCards(snapshot, okrs, [], new Map())
    expect(first?.parents).toEqual([
      NO_PARENT,
      { value: 'o2', label: snapshot.objectives[1]?.title },
    ])
  })

  it('lists only the objectives of the cycle in view, and reorders among them', () => {
    // o2 runs in the next quarter: the figures (okrs) are narrowed to Q4, as the switcher does.
    const next = { start: (Q4.end + 1) as EpochMs, end: (Q4.end + 92 * DAY) as EpochMs }
    const twoCycles = {
      ...snapshot,
      objectives: snapshot.objectives.map((o) =>
        o.id === 'o2' ? { ...o, timeframe: { kind: 'custom' as const, ...next } } : o,
      ),
    }
    const q4 = exportOkrs(inCycle(twoCycles, '2026-Q4'), { now: NOW })
    const cards = editorCards(twoCycles, q4, [], new Map())
    expect(cards.map((c) => c.record.id)).toEqual(['o1'])
    expect(cards[0]?.order).toEqual(['o1'])
  })

  it('names where a carried objective came from, even once that one is gone', () => {
    const carried = new Map([
      ['o2', 'o1'],
      ['o1', 'gone'],
    ])
    const cards = editorCards(snapshot, okrs, [], carried)
    expect(cards[1]?.carriedFrom).toBe('Delight new customers')
    expect(cards[0]?.carriedFrom).toBe('an objective since deleted')
  })
})

describe('editor labels and actions', () => {
  it('enables the move buttons that lead somewhere', () => {
    expect(movePosition(['a', 'b', 'c'], 'a')).toEqual({ index: 0, up: false, down: true })
    expect(movePosition(['a', 'b', 'c'], 'b')).toEqual({ index: 1, up: true, down: true })
    expect(movePosition(['a', 'b', 'c'], 'c')).toEqual({ index: 2, up: true, down: false })
    expect(movePosition(['a'], 'x')).toEqual({ index: -1, up: false, down: false })
  })

  it('puts a new item last whatever the order values', () => {
    expect(nextOrder([])).toBe(0)
    expect(nextOrder([{ order: 3 }, { order: 1 }])).toBe(4)
  })

  it('words counts, targets and numbers the way the editor shows them', () => {
    expect(sourceNotesLabel(1)).toBe('from 1 sticky note')
    expect(sourceNotesLabel(3)).toBe('from 3 sticky notes')
    expect(targetLabel('absolute-target')).toBe('Target')
    expect(targetLabel('percentage-lift')).toBe('Lift')
    const kr = okrSnapshot().keyResults[0]
    if (!kr) throw new Error('fixture')
    expect(measuredText(kr, 200)).toBe('200')
    expect(measuredText({ ...kr, measurable: false }, 0)).toBe('')
  })

  it('summarises check-ins only once there are some', () => {
    const okrs = exportOkrs(okrSnapshot(), { now: NOW })
    const [kr1, kr2] = okrs.objectives[0]?.keyResults ?? []
    if (!kr1 || !kr2) throw new Error('fixture')
    expect(checkInSummary(null)).toBeNull()
    expect(checkInSummary({ ...kr1, checkInCount: 0 })).toBeNull()
    expect(checkInSummary(kr1)).toMatch(/^2 check-ins · score \d\.\d$/)
    expect(checkInSummary(kr2)).toMatch(/^1 check-in · score /)
  })
})

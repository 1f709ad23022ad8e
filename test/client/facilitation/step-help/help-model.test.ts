import { describe, expect, it } from 'vitest'
import { createCheckIn, updateKeyResult } from '../../../../core/board/commands/index'
import { readBoard } from '../../../../core/board/read'
import { exportOkrs } from '../../../../core/export/export-model'
import type { EpochMs } from '../../../../core/okr/okr-model'
import {
  keyResultsHelp,
  liveKeyResults,
  monthStart,
  notCheckedInThisMonth,
} from '../../../../client/facilitation/step-help/help-model'
import { DAY, NOW, ORIGIN, garbled, settingBoard, settingSnapshot } from './fixture'

describe('key results help', () => {
  it('names the task-shaped key results and those without an owner, cancelled objectives aside', () => {
    const help = keyResultsHelp(settingSnapshot())
    expect(help.tasks).toEqual([
      {
        kr: {
          id: 'kr2',
          title: 'Launch the new onboarding',
          objectiveTitle: 'Delight new customers',
        },
        verb: 'launch',
      },
    ])
    // kr6 has no owner either, but its objective was cancelled.
    expect(help.withoutOwner.map((k) => k.id)).toEqual(['kr2'])
    expect(help.total).toBe(5)
  })

  it('lists key results objective by objective in board order', () => {
    expect(liveKeyResults(settingSnapshot()).map((k) => k.record.id)).toEqual([
      'kr1',
      'kr2',
      'kr3',
      'kr4',
      'kr5',
    ])
  })

  it('clears a key result once it has an owner', () => {
    const doc = settingBoard()
    updateKeyResult(doc, { id: 'kr2', owner: 'Dee' }, ORIGIN)
    expect(keyResultsHelp(readBoard(doc)).withoutOwner).toEqual([])
  })

  it('reads a garbled snapshot without throwing', () => {
    const help = keyResultsHelp(garbled())
    expect(help.withoutOwner.map((k) => k.id)).toEqual(['kr2', 'g1', 'g2'])
    expect(help.withoutOwner.find((k) => k.id === 'g1')?.title).toBe('Untitled key result')
    expect(
      keyResultsHelp({ ...settingSnapshot(), objectives: null, keyResults: 3 } as never),
    ).toEqual({ tasks: [], withoutOwner: [], total: 0 })
  })
})

describe('monthly scoring help', () => {
  it('lists key results without a check-in since the first of the month, never-checked first', () => {
    const snapshot = settingSnapshot()
    const missing = notCheckedInThisMonth(exportOkrs(snapshot, { now: NOW }), NOW)
    // kr1 was checked in two days ago; kr6's objective is cancelled.
    expect(missing.map((m) => m.kr.id)).toEqual(['kr2', 'kr3', 'kr4', 'kr5'])
    expect(missing.at(-1)?.lastCheckInAt).toBeGreaterThan(0)
    expect(missing[0]?.lastCheckInAt).toBeNull()
  })

  it('counts a check-in at midnight on the first of the month (UTC) as this month', () => {
    const doc = settingBoard()
    const first = monthStart(NOW) as EpochMs
    expect(new Date(first).toISOString()).toBe('2026-11-01T00:00:00.000Z')
    createCheckIn(doc, { id: 'c9', keyResultId: 'kr5', at: first, value: 44000 }, ORIGIN)
    createCheckIn(
      doc,
      { id: 'c8', keyResultId: 'kr4', at: (first - 1) as EpochMs, value: 0 },
      ORIGIN,
    )
    const missing = notCheckedInThisMonth(exportOkrs(readBoard(doc), { now: NOW }), NOW)
    expect(missing.map((m) => m.kr.id)).toEqual(['kr2', 'kr3', 'kr4'])
  })

  it('takes an export with missing parts and a clock that is not a number', () => {
    const okrs = exportOkrs(settingSnapshot(), { now: NOW })
    const broken = {
      ...okrs,
      objectives: [{ ...okrs.objectives[0], keyResults: 'no' }, { title: 5 }],
    } as never
    expect(notCheckedInThisMonth(broken, NOW)).toEqual([])
    // Without a usable clock only the key results never checked in are listed.
    expect(notCheckedInThisMonth(okrs, NaN as EpochMs).map((m) => m.kr.id)).toEqual([
      'kr2',
      'kr3',
      'kr4',
    ])
    expect(monthStart((NOW + 30 * DAY) as EpochMs)).toBe(Date.UTC(2026, 11, 1))
  })
})

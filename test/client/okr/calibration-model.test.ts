import { describe, expect, it } from 'vitest'
import { createCheckIn, joinBoard } from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { exportOkrs } from '../../../core/export/export-model'
import type { EpochMs } from '../../../core/okr/okr-model'
import { authorKeyOf, retroCalibration } from '../../../client/okr/calibration-model'
import { DAY, NOW, ORIGIN, Q4, settingBoard } from '../facilitation/step-help/fixture'

const ann = { id: 'u-ann', name: 'Ann' }
const ben = { id: 'u-ben', name: 'Ben' }

/** kr1 ends at 0.625 (120 → 200, at 170 after c9); kr5 at 0.975 ($39k against a $40k cap). */
function board() {
  const doc = settingBoard()
  joinBoard(doc, { ...ann, color: '#e11d48' }, ORIGIN)
  joinBoard(doc, { ...ben, color: '#2563eb' }, ORIGIN)
  const checkIn = (id: string, kr: string, author: string, at: number, p: number, value = 170) =>
    createCheckIn(
      doc,
      { id, keyResultId: kr, at: at as EpochMs, value, predictedScore: p, author },
      ORIGIN,
    )
  // Ann by name (as the check-in form writes it), Ben by id.
  checkIn('c9', 'kr1', 'Ann', NOW - DAY, 0.9) // +0.275
  checkIn('c10', 'kr5', 'u-ann', NOW - DAY, 0.9, 39000) // −0.075
  checkIn('c11', 'kr1', 'u-ben', NOW - DAY, 0.5) // −0.125
  checkIn('c12', 'kr1', 'u-ben', Q4.end + DAY, 0) // after the quarter: ignored
  return readBoard(doc)
}

describe('retrospective calibration', () => {
  it('shows each viewer only their own figures and everyone the same team figures', () => {
    const snapshot = board()
    const okrs = exportOkrs(snapshot, { now: NOW })
    const forAnn = retroCalibration(snapshot, okrs, '2026-Q4', Q4.end, ann)
    const forBen = retroCalibration(snapshot, okrs, '2026-Q4', Q4.end, ben)
    expect(forAnn.mine?.count).toBe(2)
    expect(forAnn.mine?.meanSignedError).toBeCloseTo((0.275 - 0.075) / 2)
    expect(forAnn.mine?.verdict).toBe('over-confident')
    expect(forBen.mine?.count).toBe(1)
    expect(forBen.mine?.meanSignedError).toBeCloseTo(-0.125)
    expect(forBen.mine?.verdict).toBe('under-confident')
    expect(forAnn.team).toEqual(forBen.team)
    // The fixture's own c1 (no author) is left out: three predictions by two people.
    expect(forAnn.team?.count).toBe(3)
    expect(forAnn.people).toBe(2)
    const stranger = retroCalibration(snapshot, okrs, '2026-Q4', Q4.end, { id: 'x', name: 'Cy' })
    expect(stranger.mine).toBeNull()
    // Predictions at or after the end are not counted.
    expect(retroCalibration(snapshot, okrs, '2026-Q4', NOW - DAY, ann).team).toBeNull()
  })

  it('reads an author as a member by id or by exact name, else as the name', () => {
    const members = [
      { id: 'u1', name: 'Ann', color: '#000000' },
      { id: 'u2', name: 'Bo', color: '#000000' },
      { id: 'u3', name: 'Bo', color: '#000000' },
    ]
    const key = authorKeyOf(members)
    expect(key('u1')).toBe('u1')
    expect(key(' ann ')).toBe('u1')
    expect(key('Bo')).toBe('name:bo')
    expect(key('Dana')).toBe('name:dana')
  })
})

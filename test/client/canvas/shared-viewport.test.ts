// Viewports and summons read from other peers' presence: clamped or ignored when they are
// garbage, and a summon only from a relay-stamped facilitator.
import { describe, expect, it } from 'vitest'
import {
  followViewport,
  publishedViewport,
  readSummon,
  readViewport,
  sameViewport,
  shownArea,
} from '../../../client/canvas/shared-viewport'
import { MAX_SCALE, MIN_SCALE } from '../../../client/canvas/geometry'

const vp = { x: -100, y: 50, scale: 0.5, width: 1280, height: 800 }
const fac = { id: 'f', name: 'Fay', color: '#112233', role: 'facilitate' }
const ann = { id: 'a', name: 'Ann', color: '#112233', role: 'edit' }

describe('readViewport', () => {
  it('reads a well-formed viewport as it is', () => {
    expect(readViewport(vp)).toEqual(vp)
  })

  it('ignores missing, non-numeric, NaN, infinite, zero or negative parts', () => {
    for (const bad of [
      null,
      'x',
      42,
      {},
      { ...vp, x: 'a' },
      { ...vp, y: NaN },
      { ...vp, scale: Infinity },
      { ...vp, scale: 0 },
      { ...vp, scale: -1 },
      { ...vp, width: 0 },
      { ...vp, height: -5 },
      { ...vp, width: undefined },
      { ...vp, x: 1e300, scale: 1 },
    ]) {
      expect(readViewport(bad)).toBeNull()
    }
  })

  it('clamps a huge or tiny zoom and a huge screen, keeping the same place in view', () => {
    const huge = readViewport({ x: -2000, y: -4000, scale: 1e6, width: 1e9, height: 1e9 })
    expect(huge?.scale).toBe(MAX_SCALE)
    expect(huge?.width).toBeLessThanOrEqual(20_000)
    // The top-left corner is still at the same board point.
    expect(-huge!.x / huge!.scale).toBeCloseTo(2000 / 1e6)
    expect(readViewport({ ...vp, scale: 1e-9, x: 0, y: 0 })?.scale).toBe(MIN_SCALE)
  })
})

describe('readSummon', () => {
  const summon = { seq: 3, viewport: vp }

  it('honours a summon from a relay-stamped facilitator', () => {
    expect(readSummon({ user: fac, summon })).toEqual(summon)
  })

  it('ignores a participant’s forged summon, or one without a stamped role', () => {
    expect(readSummon({ user: ann, summon })).toBeNull()
    expect(readSummon({ user: { ...fac, role: undefined }, summon })).toBeNull()
    expect(readSummon({ user: { ...ann, name: 'Ann (facilitator)' }, summon })).toBeNull()
  })

  it('ignores a malformed summon', () => {
    for (const bad of [
      null,
      [],
      { seq: 0, viewport: vp },
      { seq: 1.5, viewport: vp },
      { seq: '2', viewport: vp },
      { seq: NaN, viewport: vp },
      { seq: 1, viewport: { ...vp, scale: NaN } },
      { seq: 1 },
    ]) {
      expect(readSummon({ user: fac, summon: bad })).toBeNull()
    }
    expect(readSummon('state')).toBeNull()
    expect(readSummon(null)).toBeNull()
  })
})

describe('followViewport', () => {
  it('is the same viewport on a screen of the same size', () => {
    const mine = followViewport(vp, vp.width, vp.height)
    expect(sameViewport(mine, vp)).toBe(true)
  })

  it('fits all of what they see, centred, on a smaller screen', () => {
    const mine = followViewport(vp, 640, 800)
    const theirs = shownArea(vp)
    expect(mine.scale).toBeCloseTo(0.25)
    const mineArea = shownArea({ ...mine, width: 640, height: 800 })
    expect(mineArea.x).toBeLessThanOrEqual(theirs.x + 1e-6)
    expect(mineArea.x + mineArea.w).toBeGreaterThanOrEqual(theirs.x + theirs.w - 1e-6)
    expect(mineArea.y + mineArea.h / 2).toBeCloseTo(theirs.y + theirs.h / 2)
  })

  it('publishes rounded numbers', () => {
    expect(publishedViewport({ x: 1.234567, y: 2.2222, scale: 0.333333 }, 800.4, 600.6)).toEqual({
      x: 1.2,
      y: 2.2,
      scale: 0.3333,
      width: 800,
      height: 601,
    })
  })
})

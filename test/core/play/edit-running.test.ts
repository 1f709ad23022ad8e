import { describe, expect, it } from 'vitest'
import { readMeta } from '../../../core/board/read'
import {
  editAgenda,
  extendStep,
  goToStep,
  pauseTimer,
  startAgenda,
  startTimer,
  timerRemaining,
} from '../../../core/board/commands/index'
import { readAgenda } from '../../../core/play/agenda'
import { editPlay, moveStep } from '../../../core/play/edit-play'
import { OKR_PLAY } from '../../../core/play/play-model'
import { at, newBoard, ORIGIN, recordUpdates } from '../board/fixtures'

const MINUTE = 60_000

function running() {
  const doc = newBoard()
  startAgenda(doc, { play: OKR_PLAY, now: at(0) }, ORIGIN)
  return doc
}

const ids = (steps: readonly { id: string }[]) => steps.map((s) => s.id)

describe('moveStep', () => {
  it('moves one step and shifts the others', () => {
    const moved = moveStep(OKR_PLAY, 3, 2)!
    const expected = ids(OKR_PLAY.steps)
    ;[expected[2], expected[3]] = [expected[3]!, expected[2]!]
    expect(ids(moved.steps)).toEqual(expected)
    expect(ids(moveStep(OKR_PLAY, 0, 8)!.steps).at(-1)).toBe(OKR_PLAY.steps[0]!.id)
    expect(moveStep(OKR_PLAY, 4, 4)).toBe(OKR_PLAY)
  })

  it('refuses junk indices with null', () => {
    for (const [from, to] of [
      [-1, 2],
      [2, 9],
      [1.5, 2],
      [Number.NaN, 1],
      [1, Number.POSITIVE_INFINITY],
    ] as const) {
      expect(moveStep(OKR_PLAY, from, to)).toBeNull()
    }
  })
})

describe('editing the running play', () => {
  it('a reorder of steps to come keeps the room and its timer, in one transaction', () => {
    const doc = running()
    const before = readMeta(doc).timer
    const updates = recordUpdates(doc)
    editAgenda(doc, { play: moveStep(OKR_PLAY, 3, 2)! }, ORIGIN)
    expect(updates.count()).toBe(1)
    expect(readAgenda(doc)).toMatchObject({ step: 0, stepStartedAt: 0 })
    expect(readAgenda(doc)?.play.steps[2]?.id).toBe(OKR_PLAY.steps[3]!.id)
    expect(readMeta(doc).timer).toEqual(before)
  })

  it("other minutes for a later step leave the current step's timer alone", () => {
    const doc = running()
    const later = OKR_PLAY.steps[2]!.id
    editAgenda(doc, { play: editPlay(OKR_PLAY, { [later]: { minutes: 42 } })! }, ORIGIN)
    expect(readAgenda(doc)?.play.steps[2]?.minutes).toBe(42)
    expect(readMeta(doc).timer?.durationMs).toBe(OKR_PLAY.steps[0]!.minutes * MINUTE)
  })

  it('the current step longer: the timer keeps its start and any +5 min', () => {
    const doc = running()
    extendStep(doc, { minutes: 5, now: at(MINUTE) }, ORIGIN)
    const first = OKR_PLAY.steps[0]!
    editAgenda(doc, { play: editPlay(OKR_PLAY, { [first.id]: { minutes: 20 } })! }, ORIGIN)
    expect(readMeta(doc).timer).toEqual({
      startedAt: 0,
      durationMs: (20 + 5) * MINUTE,
      pausedAt: null,
    })
  })

  it('the current step shorter than the time spent: the timer shows 0, done', () => {
    const doc = running()
    goToStep(doc, { step: 1, now: at(0) }, ORIGIN)
    pauseTimer(doc, { now: at(4 * MINUTE) }, ORIGIN)
    const id = OKR_PLAY.steps[1]!.id
    editAgenda(doc, { play: editPlay(readAgenda(doc)!.play, { [id]: { minutes: 1 } })! }, ORIGIN)
    const timer = readMeta(doc).timer!
    expect(timer.pausedAt).toBe(4 * MINUTE)
    expect(timer.durationMs).toBe(1 * MINUTE)
    expect(timerRemaining(timer, 10 * MINUTE)).toBe(0)
  })

  it('a timer cut below zero stays at zero length, never negative', () => {
    const doc = running()
    // The facilitator put a 2-minute custom countdown on; the step then loses more than that.
    startTimer(doc, { startedAt: at(0), durationMs: 2 * MINUTE }, ORIGIN)
    const first = OKR_PLAY.steps[0]!
    const cut = first.minutes - 1
    expect(cut).toBeGreaterThan(2)
    editAgenda(doc, { play: editPlay(OKR_PLAY, { [first.id]: { minutes: 1 } })! }, ORIGIN)
    expect(readMeta(doc).timer?.durationMs).toBe(0)
    expect(timerRemaining(readMeta(doc).timer!, 0)).toBe(0)
  })
})

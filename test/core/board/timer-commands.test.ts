import { describe, expect, it } from 'vitest'
import { readMeta } from '../../../core/board/read'
import { getMeta } from '../../../core/board/schema'
import {
  addTimerTime,
  pauseTimer,
  resumeTimer,
  startTimer,
  timerRemaining,
} from '../../../core/board/commands/index'
import { at, codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

const MINUTE = 60_000

function boardWithTimer(durationMs = 5 * MINUTE) {
  const doc = newBoard()
  startTimer(doc, { startedAt: at(1_000), durationMs }, ORIGIN)
  return doc
}

const remainingAt = (doc: ReturnType<typeof newBoard>, now: number) =>
  timerRemaining(readMeta(doc).timer!, now)

describe('pausing the shared timer', () => {
  it('freezes the time left for everyone, however late they look', () => {
    const doc = boardWithTimer()
    pauseTimer(doc, { now: at(61_000) }, ORIGIN)
    expect(readMeta(doc).timer).toEqual({ startedAt: 1_000, durationMs: 300_000, pausedAt: 61_000 })
    expect(remainingAt(doc, 61_000)).toBe(4 * MINUTE)
    expect(remainingAt(doc, 10 * MINUTE)).toBe(4 * MINUTE)
  })

  it('resumes with the time left at the pause, startedAt shifted by the pause', () => {
    const doc = boardWithTimer()
    pauseTimer(doc, { now: at(61_000) }, ORIGIN)
    resumeTimer(doc, { now: at(181_000) }, ORIGIN)
    expect(readMeta(doc).timer).toEqual({
      startedAt: 121_000,
      durationMs: 300_000,
      pausedAt: null,
    })
    expect(remainingAt(doc, 181_000)).toBe(4 * MINUTE)
    expect(remainingAt(doc, 241_000)).toBe(3 * MINUTE)
  })

  it('pausing a paused timer or resuming a running one writes nothing', () => {
    const doc = boardWithTimer()
    pauseTimer(doc, { now: at(61_000) }, ORIGIN)
    const updates = recordUpdates(doc)
    pauseTimer(doc, { now: at(99_000) }, ORIGIN)
    expect(readMeta(doc).timer?.pausedAt).toBe(61_000)
    resumeTimer(doc, { now: at(99_000) }, ORIGIN)
    resumeTimer(doc, { now: at(120_000) }, ORIGIN)
    expect(updates.count()).toBe(1)
  })

  it('reads a timer stored before pausing existed as running', () => {
    const doc = newBoard()
    getMeta(doc)!.set('timer', { startedAt: 1_000, durationMs: 60_000 })
    expect(readMeta(doc).timer).toEqual({ startedAt: 1_000, durationMs: 60_000, pausedAt: null })
    getMeta(doc)!.set('timer', { startedAt: 1_000, durationMs: 60_000, pausedAt: 'soon' })
    expect(readMeta(doc).timer?.pausedAt).toBeNull()
    getMeta(doc)!.set('timer', { startedAt: 1_000, durationMs: 60_000, pausedAt: -4 })
    expect(readMeta(doc).timer?.pausedAt).toBeNull()
  })
})

describe('adding time', () => {
  it('adds a minute to a running or paused countdown', () => {
    const doc = boardWithTimer()
    addTimerTime(doc, { ms: MINUTE }, ORIGIN)
    expect(readMeta(doc).timer?.durationMs).toBe(6 * MINUTE)
    pauseTimer(doc, { now: at(61_000) }, ORIGIN)
    addTimerTime(doc, { ms: MINUTE, now: at(90_000) }, ORIGIN)
    expect(remainingAt(doc, 500_000)).toBe(6 * MINUTE)
  })

  it('gives a countdown that ran out the added time from now', () => {
    const doc = boardWithTimer(MINUTE)
    addTimerTime(doc, { ms: MINUTE, now: at(10 * MINUTE) }, ORIGIN)
    expect(readMeta(doc).timer).toEqual({
      startedAt: 10 * MINUTE,
      durationMs: MINUTE,
      pausedAt: null,
    })
  })

  it('never holds more than a day', () => {
    const doc = boardWithTimer(24 * 60 * MINUTE - 1_000)
    addTimerTime(doc, { ms: 5 * MINUTE }, ORIGIN)
    expect(readMeta(doc).timer?.durationMs).toBe(24 * 60 * MINUTE)
  })
})

describe('timer commands refuse bad input, writing nothing', () => {
  it('without a timer, or with bad arguments', () => {
    const empty = newBoard()
    const updates = recordUpdates(empty)
    expect(codeOf(() => pauseTimer(empty, { now: at(1) }, ORIGIN))).toBe('not-found:')
    expect(codeOf(() => resumeTimer(empty, { now: at(1) }, ORIGIN))).toBe('not-found:')
    expect(codeOf(() => addTimerTime(empty, { ms: MINUTE }, ORIGIN))).toBe('not-found:')
    expect(updates.count()).toBe(0)

    const doc = boardWithTimer()
    const more = recordUpdates(doc)
    expect(codeOf(() => pauseTimer(doc, { now: at(Number.NaN) }, ORIGIN))).toBe(
      'invalid-argument:now',
    )
    expect(codeOf(() => resumeTimer(doc, null as never, ORIGIN))).toBe(
      'invalid-argument:resumeTimer',
    )
    expect(codeOf(() => addTimerTime(doc, { ms: 0 }, ORIGIN))).toBe('invalid-argument:ms')
    expect(codeOf(() => addTimerTime(doc, { ms: 1e12 }, ORIGIN))).toBe('invalid-argument:ms')
    expect(codeOf(() => addTimerTime(doc, { ms: MINUTE, now: 'x' as never }, ORIGIN))).toBe(
      'invalid-argument:now',
    )
    expect(more.count()).toBe(0)
  })
})

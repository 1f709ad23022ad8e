import { describe, expect, it } from 'vitest'
import { readMeta } from '../../../core/board/read'
import { getMeta } from '../../../core/board/schema'
import {
  editAgenda,
  endAgenda,
  extendStep,
  goToStep,
  pauseTimer,
  setPhase,
  startAgenda,
  timerRemaining,
} from '../../../core/board/commands/index'
import { readAgenda } from '../../../core/play/agenda'
import { editPlay } from '../../../core/play/edit-play'
import { LEADERSHIP_PLAY, OKR_PLAY, type Play } from '../../../core/play/play-model'
import { at, codeOf, newBoard, ORIGIN, recordUpdates } from '../board/fixtures'

const MINUTE = 60_000

function running(play: Play = OKR_PLAY) {
  const doc = newBoard()
  startAgenda(doc, { play, now: at(1_000) }, ORIGIN)
  return doc
}

describe('starting a play', () => {
  it('writes the agenda at step 0, its phase and its time box in one transaction', () => {
    const doc = newBoard()
    setPhase(doc, { phase: 'vote' }, ORIGIN)
    const updates = recordUpdates(doc)
    startAgenda(doc, { play: OKR_PLAY, now: at(1_000) }, ORIGIN)
    expect(updates.count()).toBe(1)
    const agenda = readAgenda(doc)
    expect(agenda?.step).toBe(0)
    expect(agenda?.current.title).toBe('Set the stage')
    expect(agenda?.play).toEqual(OKR_PLAY)
    expect(readMeta(doc).phase).toBe('brainstorm')
    expect(readMeta(doc).timer).toEqual({
      startedAt: 1_000,
      durationMs: 5 * MINUTE,
      pausedAt: null,
    })
  })

  it('stores the play as plain JSON that reads back the same', () => {
    const doc = running(LEADERSHIP_PLAY)
    const stored = getMeta(doc)!.get('agenda')
    expect(JSON.parse(JSON.stringify(stored))).toEqual({
      play: LEADERSHIP_PLAY,
      step: 0,
      stepStartedAt: 1_000,
    })
  })

  it('runs a shortened copy a team made without code', () => {
    const short = editPlay(OKR_PLAY, {
      'set-the-stage': { drop: true },
      scoring: { drop: true },
      retro: { drop: true },
      brainstorm: { minutes: 4 },
    })!
    const doc = running(short)
    expect(readAgenda(doc)?.play.steps.map((s) => s.id)).toEqual([
      'brainstorm',
      'group',
      'vote',
      'key-results',
      'ambition',
      'next-steps',
    ])
    expect(readMeta(doc).timer?.durationMs).toBe(4 * MINUTE)
  })

  it('refuses a malformed or oversized play whole', () => {
    const doc = newBoard()
    const updates = recordUpdates(doc)
    const step = OKR_PLAY.steps[0]!
    const bad: unknown[] = [
      null,
      'okr-play',
      { ...OKR_PLAY, steps: [] },
      { ...OKR_PLAY, steps: [{ ...step, minutes: 0 }] },
      { ...OKR_PLAY, steps: [{ ...step, minutes: Number.POSITIVE_INFINITY }] },
      { ...OKR_PLAY, steps: [{ ...step, phase: 'party' }] },
      { ...OKR_PLAY, steps: [{ ...step, view: 'kitchen' }] },
      { ...OKR_PLAY, steps: [step, step] },
      { ...OKR_PLAY, steps: [{ ...step, prompt: 'x'.repeat(1_001) }] },
      { ...OKR_PLAY, title: 'x'.repeat(500) },
      {
        ...OKR_PLAY,
        steps: Array.from({ length: 31 }, (_, i) => ({ ...step, id: `s${i}` })),
      },
    ]
    for (const play of bad) {
      expect(codeOf(() => startAgenda(doc, { play: play as Play, now: at(1) }, ORIGIN))).toBe(
        'invalid-argument:play',
      )
    }
    expect(codeOf(() => startAgenda(doc, { play: OKR_PLAY, now: at(-1) }, ORIGIN))).toBe(
      'invalid-argument:now',
    )
    expect(codeOf(() => startAgenda(doc, undefined as never, ORIGIN))).toBe(
      'invalid-argument:startAgenda',
    )
    expect(updates.count()).toBe(0)
    expect(readAgenda(doc)).toBeNull()
  })
})

describe('moving through the steps', () => {
  it('advances, goes back and skips, each time applying the phase and restarting the timer', () => {
    const doc = running()
    goToStep(doc, { step: 2, now: at(10 * MINUTE) }, ORIGIN)
    expect(readAgenda(doc)).toMatchObject({ step: 2, stepStartedAt: 10 * MINUTE })
    expect(readMeta(doc).phase).toBe('group')
    expect(readMeta(doc).timer).toEqual({
      startedAt: 10 * MINUTE,
      durationMs: 10 * MINUTE,
      pausedAt: null,
    })
    goToStep(doc, { step: 1, now: at(11 * MINUTE) }, ORIGIN)
    expect(readMeta(doc).phase).toBe('brainstorm')
    goToStep(doc, { step: 6, now: at(12 * MINUTE) }, ORIGIN)
    expect(readAgenda(doc)?.current.id).toBe('next-steps')
    expect(readMeta(doc).phase).toBe('review')
  })

  it('leaves the phase as it is for a step without one', () => {
    const doc = running()
    goToStep(doc, { step: 3, now: at(2) }, ORIGIN)
    goToStep(doc, { step: 7, now: at(3) }, ORIGIN)
    expect(readAgenda(doc)?.current.id).toBe('scoring')
    expect(readMeta(doc).phase).toBe('vote')
  })

  it('refuses a step outside the play, or any move with no agenda, writing nothing', () => {
    const doc = running(LEADERSHIP_PLAY)
    const updates = recordUpdates(doc)
    for (const step of [-1, 5, 1.5, Number.NaN, '2']) {
      expect(codeOf(() => goToStep(doc, { step: step as number, now: at(2) }, ORIGIN))).toBe(
        'invalid-argument:step',
      )
    }
    const empty = newBoard()
    expect(codeOf(() => goToStep(empty, { step: 0, now: at(2) }, ORIGIN))).toBe('not-found:')
    expect(codeOf(() => extendStep(empty, { minutes: 5, now: at(2) }, ORIGIN))).toBe('not-found:')
    expect(codeOf(() => editAgenda(empty, { play: OKR_PLAY }, ORIGIN))).toBe('not-found:')
    expect(updates.count()).toBe(0)
  })
})

describe('extending, editing and ending', () => {
  it('+5 min adds to the running time box, paused or not', () => {
    const doc = running()
    extendStep(doc, { minutes: 5, now: at(2 * MINUTE) }, ORIGIN)
    expect(readMeta(doc).timer?.durationMs).toBe(10 * MINUTE)
    pauseTimer(doc, { now: at(3 * MINUTE) }, ORIGIN)
    extendStep(doc, { minutes: 5, now: at(4 * MINUTE) }, ORIGIN)
    expect(timerRemaining(readMeta(doc).timer!, 9 * MINUTE)).toBe(12 * MINUTE + 1_000)
    expect(codeOf(() => extendStep(doc, { minutes: 0, now: at(1) }, ORIGIN))).toBe(
      'invalid-argument:minutes',
    )
  })

  it('+5 min after time ran out gives five minutes from now', () => {
    const doc = running()
    extendStep(doc, { minutes: 5, now: at(60 * MINUTE) }, ORIGIN)
    expect(readMeta(doc).timer).toEqual({
      startedAt: 60 * MINUTE,
      durationMs: 5 * MINUTE,
      pausedAt: null,
    })
  })

  it('edits the running play, keeping the room on its step', () => {
    const doc = running()
    goToStep(doc, { step: 4, now: at(7) }, ORIGIN)
    const short = editPlay(readAgenda(doc)!.play, {
      group: { drop: true },
      ambition: { minutes: 5 },
    })!
    editAgenda(doc, { play: short }, ORIGIN)
    expect(readAgenda(doc)).toMatchObject({ step: 3, stepStartedAt: 7 })
    expect(readAgenda(doc)?.current.id).toBe('key-results')
    expect(readAgenda(doc)?.play.steps[4]?.minutes).toBe(5)
    const without = editPlay(short, { 'key-results': { drop: true } })!
    expect(codeOf(() => editAgenda(doc, { play: without }, ORIGIN))).toBe('invalid-argument:play')
  })

  it('ends the agenda and its timer, keeping the phase', () => {
    const doc = running()
    goToStep(doc, { step: 3, now: at(2) }, ORIGIN)
    endAgenda(doc, {}, ORIGIN)
    expect(readAgenda(doc)).toBeNull()
    expect(readMeta(doc).timer).toBeNull()
    expect(readMeta(doc).phase).toBe('vote')
  })
})

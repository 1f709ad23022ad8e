import { describe, expect, it } from 'vitest'
import { getMeta } from '../../../core/board/schema'
import { parseAgenda, parsePlay, readAgenda } from '../../../core/play/agenda'
import { editPlay } from '../../../core/play/edit-play'
import { LEADERSHIP_PLAY, OKR_PLAY, PLAYS, playMinutes } from '../../../core/play/play-model'
import { newBoard } from '../board/fixtures'

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

describe('the plays as values', () => {
  it('parse back from JSON unchanged', () => {
    for (const play of PLAYS) expect(parsePlay(roundTrip(play))).toEqual(play)
  })

  it('the leadership variant takes 30 minutes, the team play 120 to set OKRs', () => {
    expect(playMinutes(LEADERSHIP_PLAY)).toBe(30)
    expect(playMinutes(OKR_PLAY, 'setting')).toBe(120)
  })
})

describe('a stored agenda read from untrusted data', () => {
  const good = { play: OKR_PLAY, step: 2, stepStartedAt: 5 }

  it('reads a whole one', () => {
    expect(parseAgenda(roundTrip(good))?.current.id).toBe('group')
  })

  it('reads garbage as no agenda and never throws', () => {
    const garbage: unknown[] = [
      undefined,
      null,
      42,
      'agenda',
      [],
      { ...good, step: 9 },
      { ...good, step: -1 },
      { ...good, step: 1.5 },
      { ...good, step: '1' },
      { ...good, stepStartedAt: -3 },
      { ...good, stepStartedAt: Number.NaN },
      { ...good, play: null },
      { ...good, play: { ...OKR_PLAY, steps: 'all of them' } },
      { ...good, play: { ...OKR_PLAY, steps: [null] } },
      { ...good, play: { ...OKR_PLAY, steps: new Array(10_000).fill(OKR_PLAY.steps[0]) } },
    ]
    for (const value of garbage) expect(parseAgenda(value)).toBeNull()
  })

  it('a board whose meta.agenda is garbage runs no agenda', () => {
    const doc = newBoard()
    expect(readAgenda(doc)).toBeNull()
    getMeta(doc)!.set('agenda', { play: 'okr', step: 'first' })
    expect(readAgenda(doc)).toBeNull()
    getMeta(doc)!.set('agenda', roundTrip(good))
    expect(readAgenda(doc)?.step).toBe(2)
  })
})

describe('shortening a play', () => {
  it('drops steps and changes minutes, leaving the original alone', () => {
    const short = editPlay(OKR_PLAY, { retro: { drop: true }, 'key-results': { minutes: 30 } })!
    expect(short.steps).toHaveLength(8)
    expect(short.steps.find((s) => s.id === 'key-results')?.minutes).toBe(30)
    expect(OKR_PLAY.steps.find((s) => s.id === 'key-results')?.minutes).toBe(60)
    expect(parsePlay(roundTrip(short))).toEqual(short)
  })

  it('keeps minutes whole and in range, and gives nothing when every step is dropped', () => {
    const odd = editPlay(LEADERSHIP_PLAY, {
      'set-the-stage': { minutes: 0 },
      brainstorm: { minutes: 2.6 },
      group: { minutes: 1e9 },
      vote: { minutes: Number.NaN },
    })!
    expect(odd.steps.map((s) => s.minutes)).toEqual([1, 3, 24 * 60, 1, 5])
    const all = Object.fromEntries(LEADERSHIP_PLAY.steps.map((s) => [s.id, { drop: true }]))
    expect(editPlay(LEADERSHIP_PLAY, all)).toBeNull()
    expect(editPlay(LEADERSHIP_PLAY, {})).toBe(LEADERSHIP_PLAY)
  })
})

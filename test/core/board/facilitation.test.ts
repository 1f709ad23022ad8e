import { describe, expect, it } from 'vitest'
import { readMeta } from '../../../core/board/read'
import { SCHEMA_VERSION } from '../../../core/board/schema'
import {
  revealNotes,
  revealVotes,
  setBoardTimeframe,
  setBoardTitle,
  setPhase,
  setVoteBudget,
  startTimer,
  stopTimer,
} from '../../../core/board/commands/index'
import { at, codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

describe('facilitation commands', () => {
  it('a fresh board has the documented defaults', () => {
    expect(readMeta(newBoard())).toEqual({
      schemaVersion: SCHEMA_VERSION,
      title: '',
      phase: 'brainstorm',
      voteBudget: 5,
      votesRevealed: false,
      notesRevealed: false,
      timer: null,
      timeframe: null,
    })
  })

  it('set phase, reveals, budget, title and timeframe', () => {
    const doc = newBoard()
    setPhase(doc, { phase: 'vote' }, ORIGIN)
    revealNotes(doc, { revealed: true }, ORIGIN)
    revealVotes(doc, { revealed: true }, ORIGIN)
    setVoteBudget(doc, { budget: 3 }, ORIGIN)
    setBoardTitle(doc, { title: 'Q3 planning' }, ORIGIN)
    setBoardTimeframe(doc, { timeframe: { start: at(10), end: at(20) } }, ORIGIN)
    expect(readMeta(doc)).toMatchObject({
      phase: 'vote',
      notesRevealed: true,
      votesRevealed: true,
      voteBudget: 3,
      title: 'Q3 planning',
      timeframe: { start: 10, end: 20 },
    })
    setBoardTimeframe(doc, { timeframe: null }, ORIGIN)
    expect(readMeta(doc).timeframe).toBeNull()
  })

  it('starts and stops the timer with the caller clock', () => {
    const doc = newBoard()
    startTimer(doc, { startedAt: at(1_000), durationMs: 300_000 }, ORIGIN)
    expect(readMeta(doc).timer).toEqual({ startedAt: 1_000, durationMs: 300_000, pausedAt: null })
    stopTimer(doc, {}, ORIGIN)
    expect(readMeta(doc).timer).toBeNull()
  })

  it('rejects bad values without writing', () => {
    const doc = newBoard()
    const updates = recordUpdates(doc)
    expect(codeOf(() => setPhase(doc, { phase: 'party' as never }, ORIGIN))).toBe(
      'invalid-argument:phase',
    )
    expect(codeOf(() => setVoteBudget(doc, { budget: 101 }, ORIGIN))).toBe(
      'invalid-argument:budget',
    )
    expect(codeOf(() => revealNotes(doc, { revealed: 'yes' as never }, ORIGIN))).toBe(
      'invalid-argument:revealed',
    )
    expect(codeOf(() => startTimer(doc, { startedAt: at(0), durationMs: 0 }, ORIGIN))).toBe(
      'invalid-argument:durationMs',
    )
    expect(
      codeOf(() => setBoardTimeframe(doc, { timeframe: { start: at(5), end: at(1) } }, ORIGIN)),
    ).toBe('invalid-argument:timeframe.end')
    expect(updates.count()).toBe(0)
  })

  it('setting an unchanged value emits no update', () => {
    const doc = newBoard()
    setPhase(doc, { phase: 'vote' }, ORIGIN)
    setVoteBudget(doc, { budget: 3 }, ORIGIN)
    const updates = recordUpdates(doc)
    setPhase(doc, { phase: 'vote' }, ORIGIN)
    setVoteBudget(doc, { budget: 3 }, ORIGIN)
    expect(updates.count()).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { phaseSteps } from '../../../client/facilitation/phase-steps'
import { formatRemaining, timerView } from '../../../client/facilitation/timer-view'
import type { EpochMs } from '../../../core/okr/okr-model'

describe('the phase bar', () => {
  it('lists every phase in order and marks the current one', () => {
    const steps = phaseSteps('vote', true)
    expect(steps.map((s) => s.label)).toEqual(['Brainstorm', 'Group', 'Vote', 'Review'])
    expect(steps.filter((s) => s.current).map((s) => s.phase)).toEqual(['vote'])
    expect(steps[0]?.hint).toBe('Move everyone to Brainstorm')
  })

  it('lets editors choose any phase and view links none', () => {
    expect(phaseSteps('group', true).every((s) => s.selectable)).toBe(true)
    expect(phaseSteps('group', false).some((s) => s.selectable)).toBe(false)
  })
})

describe('the shared timer', () => {
  const timer = { startedAt: 1_000 as EpochMs, durationMs: 180_000, pausedAt: null }

  it('formats whole seconds, rounding up', () => {
    expect(formatRemaining(180_000)).toBe('3:00')
    expect(formatRemaining(61_001)).toBe('1:02')
    expect(formatRemaining(400)).toBe('0:01')
    expect(formatRemaining(-5)).toBe('0:00')
  })

  it('counts down against the given clock', () => {
    expect(timerView(timer, 1_000)).toEqual({
      remainingMs: 180_000,
      done: false,
      paused: false,
      text: '3:00',
      stopLabel: 'Stop',
    })
    expect(timerView(timer, 121_500).text).toBe('1:00')
  })

  it('says time is up, and offers to clear, once it ran out', () => {
    expect(timerView(timer, 181_000)).toEqual({
      remainingMs: 0,
      done: true,
      paused: false,
      text: "Time's up",
      stopLabel: 'Clear',
    })
    expect(timerView(timer, 999_999).remainingMs).toBe(0)
  })
})

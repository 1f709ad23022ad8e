import { describe, expect, it } from 'vitest'
import { customLengthMs, justEnded, timerView } from '../../../client/facilitation/timer-view'
import { readMuted, writeMuted } from '../../../client/facilitation/timer-sound'
import { memoryStore } from '../../../client/device/key-value'
import type { EpochMs } from '../../../core/okr/okr-model'

const at = (ms: number) => ms as EpochMs

describe('a paused timer', () => {
  const paused = { startedAt: at(0), durationMs: 120_000, pausedAt: at(30_000) }

  it('shows the time left at the pause, however late it is looked at', () => {
    expect(timerView(paused, 30_000)).toMatchObject({
      remainingMs: 90_000,
      paused: true,
      text: '1:30',
    })
    expect(timerView(paused, 999_000)).toMatchObject({ remainingMs: 90_000, paused: true })
  })

  it('a timer paused after it ran out reads as done, not paused', () => {
    const late = { ...paused, pausedAt: at(200_000) }
    expect(timerView(late, 300_000)).toMatchObject({ done: true, paused: false })
  })
})

describe('the custom length box', () => {
  it('takes minutes, whole or decimal', () => {
    expect(customLengthMs('7')).toBe(420_000)
    expect(customLengthMs(' 2.5 ')).toBe(150_000)
    expect(customLengthMs('1,5')).toBe(90_000)
  })

  it('refuses what is not a length', () => {
    for (const text of ['', 'soon', '0', '-3', '1e3', '1441', '5 min']) {
      expect(customLengthMs(text)).toBeNull()
    }
  })
})

describe('the end sound', () => {
  const running = timerView({ startedAt: at(0), durationMs: 60_000, pausedAt: null }, 59_000)
  const over = timerView({ startedAt: at(0), durationMs: 60_000, pausedAt: null }, 61_000)

  it('rings when a countdown this page saw running runs out, once', () => {
    expect(justEnded(running, over)).toBe(true)
    expect(justEnded(over, over)).toBe(false)
    expect(justEnded(null, over)).toBe(false)
    expect(justEnded(running, null)).toBe(false)
  })

  it('remembers the mute per device and reads junk as not muted', () => {
    const store = memoryStore()
    expect(readMuted(store)).toBe(false)
    writeMuted(store, true)
    expect(readMuted(store)).toBe(true)
    store.setItem('stretchboard:timer-muted', '{nope')
    expect(readMuted(store)).toBe(false)
    store.setItem('stretchboard:timer-muted', '"true"')
    expect(readMuted(store)).toBe(false)
  })
})

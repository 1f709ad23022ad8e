/** What the shared countdown shows at a given moment; the document holds only its start and length. */
import type { TimerState } from '../../core/board/board-model'
import { timerRemaining } from '../../core/board/commands/timer'

/** The timeboxes an editor starts with one click. */
export const TIMER_PRESETS_MIN = [3, 5, 10] as const

/** The longest custom length the minutes box takes (the document allows a day). */
export const MAX_CUSTOM_MINUTES = 24 * 60

/** "m:ss", counting whole seconds up (a timer with 0.4 s left still reads 0:01). */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${minutes}:${String(seconds).padStart(2, '0')}`
}

export interface TimerView {
  /** Never negative: a finished timer has nothing left. */
  readonly remainingMs: number
  readonly done: boolean
  /** Stopped by the facilitator: the time left does not move until they resume. */
  readonly paused: boolean
  readonly text: string
  /** The stop button clears a finished timer rather than stopping a running one. */
  readonly stopLabel: 'Stop' | 'Clear'
}

export function timerView(timer: TimerState, now: number): TimerView {
  const remaining = timerRemaining(timer, now)
  const done = remaining <= 0
  const paused = timer.pausedAt !== null && !done
  return {
    remainingMs: remaining,
    done,
    paused,
    text: done ? "Time's up" : formatRemaining(remaining),
    stopLabel: done ? 'Clear' : 'Stop',
  }
}

/**
 * A custom length typed in minutes ("7", "2.5"), as milliseconds, or null when it is not a
 * length the timer takes (empty, not a number, zero or less, longer than a day).
 */
export function customLengthMs(input: string): number | null {
  const text = input.trim().replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(text)) return null
  const minutes = Number(text)
  if (!(minutes > 0) || minutes > MAX_CUSTOM_MINUTES) return null
  return Math.round(minutes * 60_000)
}

/**
 * Whether the end sound plays: the countdown this device saw running has just run out. A page
 * opened on a finished timer stays quiet (nobody there saw it run).
 */
export function justEnded(before: TimerView | null, after: TimerView | null): boolean {
  return before !== null && !before.done && after !== null && after.done
}

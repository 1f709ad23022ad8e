/** What the shared countdown shows at a given moment; the document holds only its start and length. */
import type { TimerState } from '../../core/board/board-model'

/** The timeboxes an editor starts with one click. */
export const TIMER_PRESETS_MIN = [3, 5, 10] as const

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
  readonly text: string
  /** The stop button clears a finished timer rather than stopping a running one. */
  readonly stopLabel: 'Stop' | 'Clear'
}

export function timerView(timer: TimerState, now: number): TimerView {
  const remaining = timer.startedAt + timer.durationMs - now
  const done = remaining <= 0
  return {
    remainingMs: Math.max(0, remaining),
    done,
    text: done ? "Time's up" : formatRemaining(remaining),
    stopLabel: done ? 'Clear' : 'Stop',
  }
}

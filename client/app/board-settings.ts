/**
 * The settings panel's form as plain functions: what it shows for a board (the current cycle
 * as the timeframe of a board that has none yet), the cycles it offers, and what a save writes.
 */
import type { EpochMs } from '../../core/okr/okr-model'
import {
  cycleAfter,
  cycleAt,
  readCadence,
  timeframeOfPeriod,
  type Cadence,
} from '../../core/okr/cycles'
import { formatTimeframe, parseTimeframe } from '../../core/okr/timeframe'
import type { BoardSettings } from '../../core/board/commands/facilitation'
import { cleanTitle } from './board-title'

export interface SettingsDraft {
  readonly title: string
  /** As typed: `2026-Q4`, `2026`, or `2026-09-01/2026-12-31`. */
  readonly timeframe: string
  readonly cadence: Cadence
}

/**
 * The board's timeframe label, or the cycle of its cadence that holds `now` when it has none.
 *
 * @example
 * timeframeText({ timeframe: null, cadence: 'quarterly' }, Date.UTC(2026, 11, 3)) // '2026-Q4'
 */
export function timeframeText(
  settings: Pick<BoardSettings, 'timeframe' | 'cadence'>,
  now: EpochMs,
): string {
  const timeframe = settings.timeframe
    ? timeframeOfPeriod(settings.timeframe)
    : cycleAt(now, settings.cadence)
  return formatTimeframe(timeframe)
}

export function draftOf(settings: BoardSettings, now: EpochMs): SettingsDraft {
  return {
    title: settings.title,
    timeframe: timeframeText(settings, now),
    cadence: settings.cadence,
  }
}

/** The cycle before the current one, the current one and the next two, for quick picking. */
export function cycleSuggestions(cadence: Cadence, now: EpochMs): string[] {
  const current = cycleAt(now, cadence)
  const before = cycleAt((current.start - 1) as EpochMs, cadence)
  const next = cycleAfter(current)
  return [before, current, next, cycleAfter(next)].map(formatTimeframe)
}

export type SaveResult =
  | { readonly ok: true; readonly settings: Partial<BoardSettings> }
  | { readonly ok: false; readonly field: 'title' | 'timeframe'; readonly message: string }

/** The settings a save writes, or the field that is wrong and why. */
export function settingsToSave(draft: SettingsDraft): SaveResult {
  const title = cleanTitle(draft.title)
  if (title === '') return { ok: false, field: 'title', message: 'Give the board a title.' }
  const parsed = parseTimeframe(draft.timeframe)
  if (parsed.timeframe === null) {
    return {
      ok: false,
      field: 'timeframe',
      message: parsed.diagnostics[0]?.message ?? 'Not a timeframe.',
    }
  }
  const cadence = readCadence(draft.cadence)
  const { start, end } = parsed.timeframe
  return { ok: true, settings: { title, timeframe: { start, end }, cadence } }
}

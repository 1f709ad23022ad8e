/**
 * What the check-ins panel shows and reads: the key result in view, its history newest first,
 * the period its chart spans, the check-in form's typed values, and the history's cells.
 */
import type { BoardSnapshot } from '../../core/board/board-model'
import type { CheckIn, EpochMs } from '../../core/okr/okr-model'
import { periodOf, type Period } from '../../core/okr/timeframe'
import { cycleAt } from '../../core/okr/cycles'
import { formatScore, formatValue } from '../../core/export/format'
import type { ExportedKeyResult, OkrExport } from '../../core/export/export-model'
import { withError, type FieldErrors } from './field-errors'
import { parseNumberInput, parseOptionalNumber } from './parse-input'

/** The chosen key result, else the first; null when there is none to check in on. */
export function selectedKeyResult(
  okrs: OkrExport,
  chosen: string | null,
): ExportedKeyResult | null {
  const all = okrs.objectives.flatMap((o) => o.keyResults)
  return all.find((kr) => kr.id === chosen) ?? all[0] ?? null
}

export function checkInHistory(snapshot: BoardSnapshot, keyResultId: string): CheckIn[] {
  return snapshot.checkIns.filter((c) => c.keyResultId === keyResultId).sort((a, b) => b.at - a.at)
}

/**
 * The objective's timeframe, else the board's. A board nobody gave a timeframe (one made before
 * the settings panel) charts the quarter holding `now` when it is given, so the axis never
 * starts at the epoch ("Jan 1, 1970").
 */
export function chartPeriod(
  snapshot: BoardSnapshot,
  keyResultId: string,
  now?: EpochMs,
): Period | null {
  const record = snapshot.keyResults.find((k) => k.id === keyResultId)
  const objective = snapshot.objectives.find((o) => o.id === record?.objectiveId)
  const own = periodOf(objective?.timeframe) ?? periodOf(snapshot.meta.timeframe)
  if (own !== null || now === undefined) return own
  const { start, end } = cycleAt(now, 'quarterly')
  return { start, end }
}

export interface CheckInInput {
  readonly value: number
  readonly predictedScore: number | null
  readonly confidence: number | null
  readonly note: string
}

/** The form's fields as typed, by their `name`. */
export type CheckInTexts = Readonly<Record<'value' | 'predicted' | 'confidence' | 'note', string>>

/** The check-in the form describes, or the message for each field that does not parse. */
export function parseCheckIn(
  texts: CheckInTexts,
):
  | { readonly ok: true; readonly value: CheckInInput }
  | { readonly ok: false; readonly errors: FieldErrors } {
  const value = parseNumberInput(texts.value)
  const predicted = parseOptionalNumber(texts.predicted, { min: 0, max: 1 })
  const confidence = parseOptionalNumber(texts.confidence, { min: 0, max: 1 })
  if (value.ok && predicted.ok && confidence.ok) {
    return {
      ok: true,
      value: {
        value: value.value,
        predictedScore: predicted.value,
        confidence: confidence.value,
        note: texts.note.trim(),
      },
    }
  }
  let errors: FieldErrors = new Map()
  for (const [key, parsed] of [
    ['value', value],
    ['predicted', predicted],
    ['confidence', confidence],
  ] as const) {
    if (!parsed.ok) errors = withError(errors, key, { text: texts[key], message: parsed.message })
  }
  return { ok: false, errors }
}

export function confidenceText(confidence: number | null): string {
  return confidence === null ? '' : `${Math.round(confidence * 100)}%`
}

export function predictedText(predicted: number | null): string {
  return predicted === null ? '' : formatScore(predicted)
}

/** A local calendar day as the date input writes it: `2026-10-05`. */
export function dayText(time: number): string {
  const d = new Date(time)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Local midnight of a `yyyy-mm-dd` day; null for anything else. */
function dayStart(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim())
  if (m === null) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const time = new Date(year, month - 1, day).getTime()
  // Rejects 2026-02-31, which Date would roll into March.
  return Number.isFinite(time) && dayText(time) === text.trim() ? time : null
}

export interface CheckInDays {
  /** The first day a check-in may carry ('' when the key result has no timeframe). */
  readonly min: string
  /** The last: today, or the period's last day when that comes first. */
  readonly max: string
  /** Today, within those bounds: what the form starts with. */
  readonly value: string
}

/**
 * The days a check-in may be dated: inside the key result's timeframe and not after today, so
 * a monthly checkpoint can be entered late but nothing is recorded ahead of time.
 *
 * @example
 * checkInDays({ start: oct1, end: jan1 }, nov20).min // '2026-10-01'
 */
export function checkInDays(period: Period | null, now: number): CheckInDays {
  const today = dayText(now)
  if (period === null) return { min: '', max: today, value: today }
  const min = dayText(period.start)
  const last = dayText(period.end - 1)
  // Before the period has begun, its days are the only sensible ones.
  const max = now < period.start ? last : last < today ? last : today
  const value = today < min ? min : today > max ? max : today
  return { min, max, value }
}

/**
 * When the check-in happened: now for today, else noon of the chosen day (a day people pick,
 * not an hour); a message when the day is not one `checkInDays` offers.
 */
export function checkInTime(
  text: string,
  period: Period | null,
  now: number,
): { readonly ok: true; readonly at: EpochMs } | { readonly ok: false; readonly message: string } {
  const days = checkInDays(period, now)
  const chosen = text.trim() === '' ? days.value : text.trim()
  const start = dayStart(chosen)
  if (start === null) return { ok: false, message: 'Pick a date.' }
  if ((days.min !== '' && chosen < days.min) || chosen > days.max) {
    const from = days.min === '' ? '' : `${days.min} – `
    return { ok: false, message: `Pick a day within the key result's period (${from}${days.max}).` }
  }
  if (chosen === dayText(now)) return { ok: true, at: now as EpochMs }
  // Noon of a local day can fall before a period that starts that afternoon (time zones).
  const noon = start + 12 * 3_600_000
  const at = period === null ? noon : Math.max(period.start, Math.min(noon, period.end - 1))
  return { ok: true, at: at as EpochMs }
}

/** How many spans of the key result's range a value may stray before the form asks. */
const FAR_SPANS = 3

/**
 * A warning when a value looks meant for another key result: a percentage below 0 or above
 * 100, a negative amount where the range is not, or a value more than three times the range's
 * width beyond it (NPS 42 typed against churn 8 % → 4 %). Null when it looks plausible or the
 * key result has no range to compare with.
 *
 * @example
 * valueWarning({ start: 8, effectiveTarget: 4, unit: { kind: 'percent' }, current: 6, measurable: true }, 42)
 * // '42% is far outside this key result's range (8% → 4%) …'
 */
export function valueWarning(
  kr: Pick<ExportedKeyResult, 'start' | 'effectiveTarget' | 'unit' | 'current' | 'measurable'>,
  value: number,
): string | null {
  const typed = formatValue(value, kr.unit)
  const range = `(${formatValue(kr.start, kr.unit)} → ${formatValue(kr.effectiveTarget, kr.unit)})`
  const again = 'Check in again to record it anyway.'
  if (kr.unit.kind === 'percent' && (value < 0 || value > 100) && kr.start >= 0) {
    if (kr.start <= 100 && kr.effectiveTarget >= 0 && kr.effectiveTarget <= 100)
      return `${typed} is not a percentage between 0 and 100 ${range}. ${again}`
  }
  if (!kr.measurable) return null
  const known = [kr.start, kr.effectiveTarget, ...(kr.current === null ? [] : [kr.current])]
  const lo = Math.min(...known)
  const hi = Math.max(...known)
  if (value < 0 && lo >= 0) return `${typed} is negative, unlike this key result ${range}. ${again}`
  const span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1)
  if (value > hi + FAR_SPANS * span || value < lo - FAR_SPANS * span) {
    return `${typed} is far outside this key result's range ${range}: is it meant for another key result? ${again}`
  }
  return null
}

/**
 * What the check-ins panel shows and reads: the key result in view, its history newest first,
 * the period its chart spans, the check-in form's typed values, and the history's cells.
 */
import type { BoardSnapshot } from '../../core/board/board-model'
import type { CheckIn } from '../../core/okr/okr-model'
import { periodOf, type Period } from '../../core/okr/timeframe'
import { formatScore } from '../../core/export/format'
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

/** The objective's timeframe, else the board's. */
export function chartPeriod(snapshot: BoardSnapshot, keyResultId: string): Period | null {
  const record = snapshot.keyResults.find((k) => k.id === keyResultId)
  const objective = snapshot.objectives.find((o) => o.id === record?.objectiveId)
  return periodOf(objective?.timeframe) ?? periodOf(snapshot.meta.timeframe)
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

/**
 * "Amp up ambition": the key results the team is confident of, each with the stretched target
 * the quality panel's stretch offers (client/okr/quality-model.ts, the once-only +30 % of
 * core/okr/stretch.ts), and the play's count check – three objectives with 2–3 key results each
 * suits a team of 7–9 – against the board's actual counts.
 *
 * "Confident" is the team's mark on a key result (`confident`, set here during the step), or,
 * once check-ins exist, a latest check-in confidence of 0.8 or more (the play says "totally
 * confident"). The other key results that can still be stretched are listed apart, each with the
 * mark, for the team to decide aloud.
 */
import type { BoardSnapshot, KeyResultRecord } from '../../../core/board/board-model'
import type { OkrExport } from '../../../core/export/export-model'
import { isFiniteNumber, textOf } from '../../../core/okr/numbers'
import { stretchOffer, stretchedFrom, type StretchOffer } from '../../okr/quality-model'
import { liveKeyResults, type KeyResultRef } from './help-model'

/** The latest check-in's confidence from which a key result counts as "totally confident". */
export const CONFIDENT_AT = 0.8

/** The play's rule of thumb for one team of 7–9 people. */
export const SUGGESTED_OBJECTIVES = 3
export const SUGGESTED_KRS = { min: 2, max: 3 } as const

export interface AmbitionItem {
  readonly kr: KeyResultRef
  readonly record: KeyResultRecord
  /** The latest check-in's confidence in [0, 1], or null when none was given. */
  readonly confidence: number | null
  /** The team marked it a sure bet (the key result's `confident` field). */
  readonly marked: boolean
  /** The stretch still on offer; null when already stretched or nothing can be stretched. */
  readonly offer: StretchOffer | null
  /** "stretched from 45" once stretched. */
  readonly stretchedFrom: string | null
}

export interface CountCheck {
  readonly objectives: number
  readonly perObjective: readonly { readonly title: string; readonly keyResults: number }[]
  /** True when the board matches the rule of thumb. */
  readonly fits: boolean
  /** One sentence for people: what matches and what does not. */
  readonly verdict: string
}

export interface AmbitionModel {
  /** Marked confident: stretch these. */
  readonly confident: readonly AmbitionItem[]
  /** Not marked confident but still stretchable (the team may still judge them sure bets). */
  readonly others: readonly AmbitionItem[]
  readonly counts: CountCheck
}

function confidences(okrs: OkrExport): Map<string, number> {
  const out = new Map<string, number>()
  for (const o of Array.isArray(okrs.objectives) ? okrs.objectives : []) {
    for (const kr of Array.isArray(o.keyResults) ? o.keyResults : []) {
      if (isFiniteNumber(kr.confidence)) out.set(kr.id, Math.min(1, Math.max(0, kr.confidence)))
    }
  }
  return out
}

/**
 * @example
 * ambitionModel(board.cycleSnapshot, board.okrs).confident[0]?.offer?.label
 * // 'Stretch target by 30 % (1,000 → 1,300)'
 */
export function ambitionModel(snapshot: BoardSnapshot, okrs: OkrExport): AmbitionModel {
  const sure = confidences(okrs)
  const confident: AmbitionItem[] = []
  const others: AmbitionItem[] = []
  for (const { record, ref } of liveKeyResults(snapshot)) {
    const confidence = sure.get(record.id) ?? null
    const item: AmbitionItem = {
      kr: ref,
      record,
      confidence,
      marked: record.confident === true,
      offer: safeOffer(record),
      stretchedFrom: stretchedFrom(record),
    }
    if (item.marked || (confidence !== null && confidence >= CONFIDENT_AT)) confident.push(item)
    else if (item.offer !== null) others.push(item)
  }
  confident.sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0))
  return { confident, others, counts: countCheck(snapshot) }
}

/** A key result read from a hand-built or garbled snapshot must not break the panel. */
function safeOffer(kr: KeyResultRecord): StretchOffer | null {
  try {
    return stretchOffer(kr)
  } catch {
    return null
  }
}

/**
 * The play's count check: live objectives (not cancelled) and their key results against three
 * objectives with two or three each.
 *
 * @example
 * countCheck(snapshot).verdict // '4 objectives (3 suggested); "Grow" has 5 key results (2–3 suggested).'
 */
export function countCheck(snapshot: BoardSnapshot): CountCheck {
  const objectives = (Array.isArray(snapshot.objectives) ? snapshot.objectives : []).filter(
    (o) => o.status !== 'cancelled',
  )
  const perKr = new Map<string, number>()
  for (const kr of Array.isArray(snapshot.keyResults) ? snapshot.keyResults : []) {
    perKr.set(kr.objectiveId, (perKr.get(kr.objectiveId) ?? 0) + 1)
  }
  const perObjective = objectives.map((o) => ({
    title: textOf(o.title).trim() || 'Untitled objective',
    keyResults: perKr.get(o.id) ?? 0,
  }))
  const problems: string[] = []
  if (objectives.length !== SUGGESTED_OBJECTIVES) {
    problems.push(
      `${objectives.length} objective${objectives.length === 1 ? '' : 's'} (${SUGGESTED_OBJECTIVES} suggested)`,
    )
  }
  for (const o of perObjective) {
    if (o.keyResults < SUGGESTED_KRS.min || o.keyResults > SUGGESTED_KRS.max) {
      problems.push(
        `“${o.title}” has ${o.keyResults} key result${o.keyResults === 1 ? '' : 's'} (${SUGGESTED_KRS.min}–${SUGGESTED_KRS.max} suggested)`,
      )
    }
  }
  const fits = problems.length === 0
  const verdict = fits
    ? `${objectives.length} objectives with ${SUGGESTED_KRS.min}–${SUGGESTED_KRS.max} key results each: right for a team of 7–9.`
    : `${problems.join('; ')}. For a team of 7–9: ${SUGGESTED_OBJECTIVES} objectives with ${SUGGESTED_KRS.min}–${SUGGESTED_KRS.max} key results each.`
  return { objectives: objectives.length, perObjective, fits, verdict }
}

/**
 * What the quality panel shows: a one-line summary, the findings about the set as a whole, each
 * objective's and key result's findings, and which one-click fix each finding offers.
 */
import type { BoardSnapshot, KeyResultRecord, ObjectiveRecord } from '../../core/board/board-model'
import type { Diagnostic } from '../../core/okr/okr-model'
import { retitle, stretchTarget } from '../../core/okr/stretch'
import { formatAmount } from '../../core/export/format'
import { byTarget } from '../board/lint-board'
import { counted } from './labels'

export type QualityFix = 'make-initiative' | 'assign-owner'

export interface QualitySection {
  readonly objective: ObjectiveRecord
  readonly findings: readonly Diagnostic[]
  readonly keyResults: readonly {
    readonly record: KeyResultRecord
    readonly findings: readonly Diagnostic[]
  }[]
}

export interface QualityModel {
  readonly summary: string
  readonly general: readonly Diagnostic[]
  readonly sections: readonly QualitySection[]
}

export function qualityModel(
  snapshot: BoardSnapshot,
  diagnostics: readonly Diagnostic[],
): QualityModel {
  const found = byTarget(diagnostics)
  return {
    summary: qualitySummary(diagnostics),
    general: found.get(null) ?? [],
    sections: snapshot.objectives.map((o) => ({
      objective: o,
      findings: found.get(o.id) ?? [],
      keyResults: snapshot.keyResults
        .filter((kr) => kr.objectiveId === o.id)
        .map((kr) => ({ record: kr, findings: found.get(kr.id) ?? [] })),
    })),
  }
}

/** Information is not a problem: only warnings and errors count. */
export function qualitySummary(diagnostics: readonly Diagnostic[]): string {
  const count = diagnostics.filter((d) => d.severity !== 'info').length
  return count === 0
    ? 'No problems found. Still: is every key result an outcome, and ambitious enough?'
    : `${counted(count, 'thing')} to look at.`
}

export function fixFor(code: string): QualityFix | null {
  if (code === 'kr-task-phrasing') return 'make-initiative'
  if (code === 'kr-no-owner' || code === 'objective-no-owner') return 'assign-owner'
  return null
}

/** The "amp up your ambition" offer for one key result. */
export interface StretchOffer {
  /** The stretched `target` the button shows (the command recomputes it from the document). */
  readonly target: number
  readonly label: string
  /** The title with its target number replaced, when the title states the target. */
  readonly title: string | null
  /** Why the stretch stops short of 30 % (a percentage stops at 100), if it does. */
  readonly note: string | null
}

/**
 * The stretch the quality panel offers: null when the key result was already stretched (once
 * per key result), has no target, or cannot go further (a percentage already at 100 %).
 */
export function stretchOffer(kr: KeyResultRecord): StretchOffer | null {
  if (kr.measurable === false || stretchedFrom(kr) !== null) return null
  const result = stretchTarget(kr)
  if (!result.changed) return null
  const clamped = result.diagnostics.find((d) => d.code === 'stretch-clamped')
  const change = `${formatAmount(kr.target)} → ${formatAmount(result.target)}`
  return {
    target: result.target,
    label: clamped
      ? `Stretch target to its limit (${change})`
      : `Stretch target by 30 % (${change})`,
    title: retitle(kr.title, kr.target, result.target),
    note: clamped?.message ?? null,
  }
}

/** "stretched from 45" for a key result whose target was stretched; null otherwise. */
export function stretchedFrom(kr: KeyResultRecord): string | null {
  const original = kr.originalTarget
  return typeof original === 'number' && Number.isFinite(original)
    ? `stretched from ${formatAmount(original)}`
    : null
}

/**
 * For a key result stretched without its title: the title with the original target's number
 * replaced by the stretched one ("Cloud cost below $40k" → "… $28k"); null when the title no
 * longer states the original target.
 */
export function retitleAfterStretch(kr: KeyResultRecord): string | null {
  const original = kr.originalTarget
  if (typeof original !== 'number' || !Number.isFinite(original)) return null
  return retitle(kr.title, original, kr.target)
}

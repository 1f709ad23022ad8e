/**
 * What the quality panel shows: a one-line summary, the findings about the set as a whole, each
 * objective's and key result's findings, and which one-click fix each finding offers.
 */
import type { BoardSnapshot, KeyResultRecord, ObjectiveRecord } from '../../core/board/board-model'
import type { Diagnostic } from '../../core/okr/okr-model'
import { stretchTarget } from '../../core/okr/stretch'
import { formatNumber } from '../../core/export/format'
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

/** The "amp up your ambition" offer: the stretched target, or null when nothing to stretch. */
export function stretchOffer(
  kr: KeyResultRecord,
): { readonly target: number; readonly label: string } | null {
  const result = stretchTarget(kr)
  if (!result.changed || kr.measurable === false) return null
  return {
    target: result.target,
    label: `Stretch target by 30 % (${formatNumber(kr.target)} → ${formatNumber(result.target)})`,
  }
}

/**
 * What the convert panel shows of core/convert's draft: each objective draft ticked or not
 * with its key results, initiatives and findings, how many the Apply button applies, and the
 * words for what applying did.
 */
import type { BoardSnapshot } from '../../core/board/board-model'
import type { ApplyConversionReport } from '../../core/board/commands/conversion'
import type {
  ConversionResult,
  InitiativeDraft,
  KeyResultDraft,
  ObjectiveDraft,
} from '../../core/convert/drafts'
import type { Diagnostic } from '../../core/okr/okr-model'
import { byTarget } from '../board/lint-board'
import { counted } from './labels'

export interface DraftCard {
  readonly draft: ObjectiveDraft
  readonly on: boolean
  /** Applied before: applying again updates it in place. */
  readonly onBoard: boolean
  readonly keyResults: readonly KeyResultDraft[]
  readonly initiatives: readonly InitiativeDraft[]
}

export interface ConvertModel {
  readonly findings: ReadonlyMap<string | null, readonly Diagnostic[]>
  readonly cards: readonly DraftCard[]
  readonly chosen: readonly string[]
  readonly applyLabel: string
}

export function convertModel(
  result: ConversionResult,
  excluded: ReadonlySet<string>,
  snapshot: BoardSnapshot,
): ConvertModel {
  const onBoard = new Set(snapshot.objectives.map((o) => o.id))
  const chosen = result.objectives.filter((o) => !excluded.has(o.id)).map((o) => o.id)
  const total = result.objectives.length
  return {
    findings: byTarget(result.diagnostics),
    cards: result.objectives.map((o) => ({
      draft: o,
      on: !excluded.has(o.id),
      onBoard: onBoard.has(o.id),
      keyResults: result.keyResults.filter((k) => k.objectiveId === o.id),
      initiatives: result.initiatives.filter((i) => i.objectiveId === o.id),
    })),
    chosen,
    applyLabel: `Apply ${chosen.length} of ${counted(total, 'objective')}`,
  }
}

export function sourceLinkLabel(count: number): string {
  return count === 1 ? 'source note' : `${count} source notes`
}

/** What applying did, e.g. "Created 3, updated 1 (kept your edits on 1)." */
export function appliedText(report: ApplyConversionReport): string {
  const kept = report.keptEdits.length ? ` (kept your edits on ${report.keptEdits.length})` : ''
  return `Created ${report.created.length}, updated ${report.updated.length}${kept}.`
}

/** A set with `id` added or taken out (the unticked drafts, the objectives not carried). */
export function withMember(
  set: ReadonlySet<string>,
  id: string,
  member: boolean,
): ReadonlySet<string> {
  const next = new Set(set)
  if (member) next.add(id)
  else next.delete(id)
  return next
}

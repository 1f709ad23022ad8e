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
import type { RemovedDraft } from '../../core/convert/decisions'
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
  /** Drafts the team removed (deleted after applying): kept out, each can be brought back. */
  readonly removed: readonly RemovedDraft[]
  /** "3 drafts you removed stay removed", or null when there are none. */
  readonly removedText: string | null
  /** Initiative drafts that were key results until the team made them initiatives. */
  readonly madeInitiatives: ReadonlySet<string>
}

/** "1 draft you removed stays removed", "3 drafts you removed stay removed". */
export function removedText(count: number): string | null {
  if (count === 0) return null
  return count === 1
    ? '1 draft you removed stays removed'
    : `${count} drafts you removed stay removed`
}

/**
 * The panel's model. `excluded` are objective drafts shown unticked besides those the document
 * records as unticked (`result.decisions`), which every peer's panel shows the same way.
 */
export function convertModel(
  result: ConversionResult,
  excluded: ReadonlySet<string>,
  snapshot: BoardSnapshot,
): ConvertModel {
  const decisions = result.decisions
  if (decisions && decisions.unticked.length > 0) {
    excluded = new Set([...excluded, ...decisions.unticked])
  }
  const removed = decisions?.removed ?? []
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
    removed,
    removedText: removedText(removed.length),
    madeInitiatives: new Set(Object.keys(decisions?.initiatives ?? {})),
  }
}

export function sourceLinkLabel(count: number): string {
  return count === 1 ? 'source note' : `${count} source notes`
}

const KIND_WORDS: Readonly<Record<RemovedDraft['kind'], string>> = {
  objective: 'Objective',
  'key-result': 'Key result',
  initiative: 'Initiative',
}

/** How a removed draft is listed: "Key result: Cut churn from 8% to 4%". */
export function removedLabel(draft: RemovedDraft): string {
  return `${KIND_WORDS[draft.kind]}: ${draft.title}`
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

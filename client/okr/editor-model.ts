/**
 * What the objective and key-result editors show, as plain data from the board: each
 * objective with its figures, findings, provenance and the choices its fields offer, each key
 * result with its initiatives, and which move buttons apply.
 */
import type {
  BoardSnapshot,
  InitiativeRecord,
  KeyResultRecord,
  ObjectiveRecord,
} from '../../core/board/board-model'
import type { Member } from '../../core/board/members'
import type { Calculation, Diagnostic } from '../../core/okr/okr-model'
import type {
  ExportedKeyResult,
  ExportedObjective,
  OkrExport,
} from '../../core/export/export-model'
import { formatScore } from '../../core/export/format'
import { byTarget } from '../board/lint-board'
import type { Option } from './editor-fields'
import { counted } from './labels'

export interface KeyResultCard {
  readonly record: KeyResultRecord
  readonly figures: ExportedKeyResult | null
  readonly initiatives: readonly InitiativeRecord[]
  readonly diagnostics: readonly Diagnostic[]
  /** The objective's key results in order: the move buttons renumber them. */
  readonly siblings: readonly string[]
  /** Who the owner picker offers. */
  readonly members: readonly Member[]
}

export interface ObjectiveCard {
  readonly record: ObjectiveRecord
  readonly figures: ExportedObjective | null
  readonly diagnostics: readonly Diagnostic[]
  readonly keyResults: readonly KeyResultCard[]
  /** The objective this one was carried forward from, by title; null when not carried. */
  readonly carriedFrom: string | null
  /** What it can align to: none, or any other objective. */
  readonly parents: readonly Option<string>[]
  /** Every objective in order: the move buttons and drag renumber them all. */
  readonly order: readonly string[]
  /** Who the owner picker offers. */
  readonly members: readonly Member[]
}

export const NO_PARENT: Option<string> = { value: '', label: '— none —' }

export function editorCards(
  snapshot: BoardSnapshot,
  okrs: OkrExport,
  diagnostics: readonly Diagnostic[],
  carried: ReadonlyMap<string, string>,
): ObjectiveCard[] {
  const found = byTarget(diagnostics)
  // The cycle in view (okrs is narrowed to it): the editor lists and reorders its objectives
  // only, like every other panel; orders only ever compare objectives of one cycle.
  const shown = new Map(okrs.objectives.map((o) => [o.id, o]))
  const objectives = snapshot.objectives.filter((o) => shown.has(o.id))
  const order = objectives.map((o) => o.id)
  const members = snapshot.members ?? []
  return objectives.map((o) => {
    const figures = shown.get(o.id) ?? null
    const krs = snapshot.keyResults.filter((kr) => kr.objectiveId === o.id)
    const siblings = krs.map((kr) => kr.id)
    return {
      record: o,
      figures,
      diagnostics: found.get(o.id) ?? [],
      keyResults: krs.map((kr) => ({
        record: kr,
        figures: figures?.keyResults.find((x) => x.id === kr.id) ?? null,
        initiatives: snapshot.initiatives.filter((i) => i.keyResultId === kr.id),
        diagnostics: found.get(kr.id) ?? [],
        siblings,
        members,
      })),
      carriedFrom: carriedFromTitle(snapshot, carried, o.id),
      parents: [
        NO_PARENT,
        ...snapshot.objectives
          .filter((p) => p.id !== o.id)
          .map((p) => ({ value: p.id, label: p.title })),
      ],
      order,
      members,
    }
  })
}

function carriedFromTitle(
  snapshot: BoardSnapshot,
  carried: ReadonlyMap<string, string>,
  id: string,
): string | null {
  const source = carried.get(id)
  if (source === undefined) return null
  return snapshot.objectives.find((x) => x.id === source)?.title ?? 'an objective since deleted'
}

/** Where `id` sits among `order`, and whether it can move up or down. */
export function movePosition(order: readonly string[], id: string) {
  const index = order.indexOf(id)
  return { index, up: index > 0, down: index >= 0 && index < order.length - 1 }
}

/** A new objective goes last, whatever the existing `order` values are. */
export function nextOrder(items: readonly { readonly order: number }[]): number {
  return Math.max(-1, ...items.map((i) => i.order)) + 1
}

export function sourceNotesLabel(count: number): string {
  return `from ${counted(count, 'sticky note')}`
}

/** The lift calculations read their target as an amount to add. */
export function targetLabel(calculation: Calculation): string {
  return calculation === 'absolute-target' ? 'Target' : 'Lift'
}

/** A number field's text; a key result without a number yet shows empty fields. */
export function measuredText(kr: KeyResultRecord, value: number): string {
  return kr.measurable === false ? '' : String(value)
}

export function checkInSummary(figures: ExportedKeyResult | null): string | null {
  if (figures === null || figures.checkInCount === 0) return null
  return `${counted(figures.checkInCount, 'check-in')} · score ${formatScore(figures.score)}`
}

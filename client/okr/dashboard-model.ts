/** The dashboard's filters and alignment tree as plain functions over the export model. */
import type { KeyResultRecord } from '../../core/board/board-model'
import type { ExportedObjective } from '../../core/export/export-model'
import { stretchedFrom } from './quality-model'

export interface DashboardFilter {
  /** An owner key (ownerOptions), so a member is one person whatever they are called now. */
  readonly owner: string
  readonly status: string
  readonly type: string
}

export const NO_FILTER: DashboardFilter = { owner: '', status: '', type: '' }

export interface OwnerOption {
  /** The owner key: a member's id, or a name typed in for someone not on the board. */
  readonly value: string
  /** The member's current name, or the typed name. */
  readonly label: string
}

/**
 * Everyone owning an objective or key result, once per member however their name changed
 * (core/board/members.ts), sorted by name.
 */
export function ownerOptions(objectives: readonly ExportedObjective[]): OwnerOption[] {
  const owners = new Map<string, string>()
  const add = (key: string | null, name: string | null) => {
    if (key !== null && name !== null) owners.set(key, name)
  }
  for (const o of objectives) {
    add(o.ownerKey, o.owner)
    for (const kr of o.keyResults) add(kr.ownerKey, kr.owner)
  }
  const byLabel = new Map<string, number>()
  for (const label of owners.values()) byLabel.set(label, (byLabel.get(label) ?? 0) + 1)
  return [...owners]
    .map(([value, label]) => ({
      value,
      // An old board's typed "Ben" beside the member Ben: two owners, told apart.
      label:
        (byLabel.get(label) ?? 0) > 1 && value === label ? `${label} (not on the board)` : label,
    }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.value.localeCompare(b.value))
}

/**
 * The objectives that pass every set filter. The owner filter keeps an objective that person
 * owns or holds a key result of, since both are theirs to report on.
 */
export function filterObjectives(
  objectives: readonly ExportedObjective[],
  filter: DashboardFilter,
): ExportedObjective[] {
  return objectives.filter(
    (o) =>
      (filter.status === '' || o.status === filter.status) &&
      (filter.type === '' || o.type === filter.type) &&
      (filter.owner === '' ||
        o.ownerKey === filter.owner ||
        o.keyResults.some((kr) => kr.ownerKey === filter.owner)),
  )
}

/** Whether any filter is set (then the panel offers to clear them). */
export function filtering(filter: DashboardFilter): boolean {
  return Object.values(filter).some((v) => v !== '')
}

/** Key results among the shown objectives that owe a check-in. */
export function dueCount(objectives: readonly ExportedObjective[]): number {
  return objectives.flatMap((o) => o.keyResults).filter((kr) => kr.due.overdue).length
}

export interface AlignmentNode {
  readonly objective: ExportedObjective
  readonly children: readonly AlignmentNode[]
}

/**
 * Parent → child objectives. An objective whose parent is not in the list (filtered out or
 * missing) is a root, and a cycle (which the commands refuse, but a merge could produce) is
 * cut where it closes, so every objective appears exactly once.
 */
export function alignmentTree(objectives: readonly ExportedObjective[]): AlignmentNode[] {
  const ids = new Set(objectives.map((o) => o.id))
  const children = new Map<string, ExportedObjective[]>()
  const roots: ExportedObjective[] = []
  for (const o of objectives) {
    if (o.parentId !== null && ids.has(o.parentId) && o.parentId !== o.id) {
      children.set(o.parentId, [...(children.get(o.parentId) ?? []), o])
    } else roots.push(o)
  }
  const placed = new Set<string>()
  const build = (o: ExportedObjective): AlignmentNode => {
    placed.add(o.id)
    return {
      objective: o,
      children: (children.get(o.id) ?? []).filter((c) => !placed.has(c.id)).map(build),
    }
  }
  const tree = roots.map(build)
  // Objectives only reachable through a cycle: show each loop from its first member.
  for (const o of objectives) if (!placed.has(o.id)) tree.push(build(o))
  return tree
}

/**
 * "stretched from 45" per stretched key result id. The export model has no original target, so
 * the dashboard reads it from the board's records; it changes only together with the target.
 */
export function stretchNotes(keyResults: readonly KeyResultRecord[]): ReadonlyMap<string, string> {
  const notes = new Map<string, string>()
  for (const kr of keyResults) {
    const note = stretchedFrom(kr)
    if (note !== null) notes.set(kr.id, note)
  }
  return notes
}

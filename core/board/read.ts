/**
 * Typed read models of the board document. Reading never writes (a Doc is only inspected) and
 * never throws; references to entities that no longer exist — the trace of a delete racing a
 * concurrent edit on another peer — are filtered here, the same way on every peer.
 */
import type * as Y from 'yjs'
import type { CheckIn } from '../okr/okr-model'
import { fieldsOf } from './coerce'
import type {
  BoardMeta,
  BoardSnapshot,
  Group,
  InitiativeRecord,
  KeyResultRecord,
  Note,
  ObjectiveRecord,
  VoteTally,
} from './board-model'
import {
  restoreCheckIn,
  restoreGroup,
  restoreInitiative,
  restoreKeyResult,
  restoreMeta,
  restoreNote,
  restoreObjective,
} from './restore'
import type { EntityRoot } from './schema'
import { getCollection, getMeta, getVotes } from './schema'
import { readMembers } from './members'
import { compareIds, readRawVotes, tallyVotes } from './vote-tally'

/**
 * The board's settings, repaired.
 *
 * @example
 * readMeta(doc).phase // 'brainstorm'
 */
export function readMeta(doc: Y.Doc): BoardMeta {
  return restoreMeta(getMeta(doc))
}

function readAll<T>(
  doc: Y.Doc,
  name: EntityRoot,
  restore: (id: string, value: unknown) => T | null,
): T[] {
  const out: T[] = []
  for (const [id, value] of getCollection(doc, name)?.entries() ?? []) {
    if (id === '') continue
    const record = restore(id, value)
    if (record) out.push(record)
  }
  return out
}

function idsOf(doc: Y.Doc, name: EntityRoot): Set<string> {
  // Same test as the restorers' null case, without building the records.
  return new Set(readAll(doc, name, (id, value) => (fieldsOf(value) ? id : null)))
}

function byOrder(a: { order: number; id: string }, b: { order: number; id: string }): number {
  return a.order - b.order || compareIds(a.id, b.id)
}

/**
 * All notes, oldest first (ties by id). A `groupId` naming a missing group reads as null.
 *
 * @example
 * readNotes(doc).filter((n) => n.groupId === 'g1')
 */
export function readNotes(
  doc: Y.Doc,
  groupIds: ReadonlySet<string> = idsOf(doc, 'groups'),
): Note[] {
  return readAll(doc, 'notes', restoreNote)
    .map((n) => (n.groupId !== null && !groupIds.has(n.groupId) ? { ...n, groupId: null } : n))
    .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
}

/**
 * One note, repaired, or null when missing.
 *
 * @example
 * readNote(doc, 'n1')?.text
 */
export function readNote(doc: Y.Doc, id: string): Note | null {
  const note = restoreNote(id, getCollection(doc, 'notes')?.get(id))
  if (!note || note.groupId === null) return note
  return restoreGroup(note.groupId, getCollection(doc, 'groups')?.get(note.groupId))
    ? note
    : { ...note, groupId: null }
}

/**
 * All groups, by id.
 *
 * @example
 * readGroups(doc).map((g) => g.title)
 */
export function readGroups(doc: Y.Doc): Group[] {
  return readAll(doc, 'groups', restoreGroup).sort((a, b) => compareIds(a.id, b.id))
}

/**
 * The vote tally with the budget enforced and votes for missing notes or groups ignored.
 *
 * @example
 * readTally(doc).byTarget.get('n1') // 3
 */
export function readTally(
  doc: Y.Doc,
  budget: number = readMeta(doc).voteBudget,
  targets: ReadonlySet<string> = new Set([...idsOf(doc, 'notes'), ...idsOf(doc, 'groups')]),
): VoteTally {
  return tallyVotes(readRawVotes(getVotes(doc)), budget, (id) => targets.has(id))
}

/**
 * All objectives by `order` then id. A `sourceGroupId` or `parentId` naming a missing entity
 * (or the objective itself) reads as null.
 *
 * @example
 * readObjectives(doc)[0]?.title
 */
export function readObjectives(
  doc: Y.Doc,
  groupIds: ReadonlySet<string> = idsOf(doc, 'groups'),
): ObjectiveRecord[] {
  const all = readAll(doc, 'objectives', restoreObjective)
  const ids = new Set(all.map((o) => o.id))
  return all
    .map((o) => {
      const sourceGroupId =
        o.sourceGroupId !== null && groupIds.has(o.sourceGroupId) ? o.sourceGroupId : null
      const parentId =
        o.parentId !== null && o.parentId !== o.id && ids.has(o.parentId) ? o.parentId : null
      return sourceGroupId === o.sourceGroupId && parentId === o.parentId
        ? o
        : { ...o, sourceGroupId, parentId }
    })
    .sort(byOrder)
}

/**
 * Key results of existing objectives, by `order` then id, with `sourceNoteIds` limited to notes
 * that exist. KRs whose objective is gone stay in the document but are not read.
 *
 * @example
 * readKeyResults(doc).filter((kr) => kr.objectiveId === 'o1')
 */
export function readKeyResults(
  doc: Y.Doc,
  objectiveIds: ReadonlySet<string> = idsOf(doc, 'objectives'),
  noteIds: ReadonlySet<string> = idsOf(doc, 'notes'),
): KeyResultRecord[] {
  return readAll(doc, 'keyResults', restoreKeyResult)
    .filter((kr) => objectiveIds.has(kr.objectiveId))
    .map((kr) => withExistingSources(kr, noteIds))
    .sort(byOrder)
}

/**
 * Check-ins of readable key results, oldest first (ties by id).
 *
 * @example
 * readCheckIns(doc).filter((c) => c.keyResultId === 'kr1').at(-1)?.value
 */
export function readCheckIns(
  doc: Y.Doc,
  keyResultIds: ReadonlySet<string> = new Set(readKeyResults(doc).map((kr) => kr.id)),
): CheckIn[] {
  return readAll(doc, 'checkIns', restoreCheckIn)
    .filter((c) => keyResultIds.has(c.keyResultId))
    .sort((a, b) => a.at - b.at || compareIds(a.id, b.id))
}

/**
 * Initiatives, by id. One that names a missing key result or objective is not read; one that
 * names neither is a free-standing initiative and is read.
 *
 * @example
 * readInitiatives(doc).filter((i) => i.keyResultId === 'kr1')
 */
export function readInitiatives(
  doc: Y.Doc,
  keyResultIds: ReadonlySet<string> = new Set(readKeyResults(doc).map((kr) => kr.id)),
  objectiveIds: ReadonlySet<string> = idsOf(doc, 'objectives'),
  noteIds: ReadonlySet<string> = idsOf(doc, 'notes'),
): InitiativeRecord[] {
  return readAll(doc, 'initiatives', restoreInitiative)
    .filter(
      (i) =>
        (i.keyResultId === null || keyResultIds.has(i.keyResultId)) &&
        (i.objectiveId === null || objectiveIds.has(i.objectiveId)),
    )
    .map((i) => withExistingSources(i, noteIds))
    .sort((a, b) => compareIds(a.id, b.id))
}

function withExistingSources<T extends { sourceNoteIds: readonly string[] }>(
  record: T,
  noteIds: ReadonlySet<string>,
): T {
  const kept = record.sourceNoteIds.filter((id) => noteIds.has(id))
  return kept.length === record.sourceNoteIds.length ? record : { ...record, sourceNoteIds: kept }
}

/**
 * Everything on the board, repaired, typed and with dangling references filtered.
 *
 * @example
 * const { notes, tally } = readBoard(doc)
 */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const meta = readMeta(doc)
  const groups = readGroups(doc)
  const groupIds = new Set(groups.map((g) => g.id))
  const notes = readNotes(doc, groupIds)
  const noteIds = new Set(notes.map((n) => n.id))
  const tally = readTally(doc, meta.voteBudget, new Set([...noteIds, ...groupIds]))
  const objectives = readObjectives(doc, groupIds)
  const objectiveIds = new Set(objectives.map((o) => o.id))
  const keyResults = readKeyResults(doc, objectiveIds, noteIds)
  const keyResultIds = new Set(keyResults.map((kr) => kr.id))
  const checkIns = readCheckIns(doc, keyResultIds)
  const initiatives = readInitiatives(doc, keyResultIds, objectiveIds, noteIds)
  const members = readMembers(doc)
  return { meta, notes, groups, tally, objectives, keyResults, checkIns, initiatives, members }
}

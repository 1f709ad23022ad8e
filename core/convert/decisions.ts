/**
 * The team's decisions about conversion drafts, so converting again does not undo them: an
 * objective left unticked stays unticked, a draft deleted after applying stays out, a key result
 * made an initiative comes back as an initiative.
 *
 * A draft's identity is its source (`group:<groupId>` for an objective, `note:<noteId>` for a key
 * result or initiative), which survives a note becoming an initiative or moving to another
 * group. The records live in the document (core/board/commands/conversion-decisions.ts); this
 * module reads them defensively (they come from peers) and applies them to a ConversionResult.
 * Pure: no Yjs, no clock.
 */
import type { BoardSnapshot } from '../board/board-model'
import type { ConversionResult, InitiativeDraft, KeyResultDraft, ObjectiveDraft } from './drafts'

/**
 * `applied`: the last conversion wrote `draftId`; if it is gone from the board now, someone
 * deleted it (or made the key result an initiative). The others are explicit decisions.
 */
export const DECISION_STATES = ['applied', 'unticked', 'removed', 'initiative'] as const
export type DecisionState = (typeof DECISION_STATES)[number]

export interface DecisionRecord {
  readonly state: DecisionState
  /** The draft the decision was taken on (`obj:g1`, `kr:n1`, `ini:n1`). */
  readonly draftId: string
  /** The draft's title then, so the preview can name a removed draft. */
  readonly title: string
}

/** Source key → decision. */
export type ConversionDecisions = ReadonlyMap<string, DecisionRecord>

/** A board keeps at most this many decisions; a peer writing more has the rest ignored. */
export const MAX_DECISIONS = 5000
/** Titles are a reminder in the preview, not data: longer ones are refused. */
export const MAX_DECISION_TITLE = 200
const MAX_SOURCE_ID = 196
const KEY_PATTERN = /^(group|note):(.+)$/s
const DRAFT_PREFIX = { group: ['obj:'], note: ['kr:', 'ini:'] } as const

/** A removed draft as the preview lists it, with the keys that bring it back. */
export interface RemovedDraft {
  readonly key: string
  readonly draftId: string
  readonly title: string
  readonly kind: 'objective' | 'key-result' | 'initiative'
  /** Withdrawing these decisions brings the draft back (an objective brings its drafts too). */
  readonly restoreKeys: readonly string[]
}

/** What the decisions did to a result: shown in the preview, recorded again when applied. */
export interface DecisionSummary {
  /** Objective drafts left unticked: not applied unless ticked again. */
  readonly unticked: readonly string[]
  readonly removed: readonly RemovedDraft[]
  /** Key result drafts that come back as initiatives: initiative draft id → the KR draft id. */
  readonly initiatives: Readonly<Record<string, string>>
}

export function groupKey(groupId: string): string {
  return `group:${groupId}`
}

export function noteKey(noteId: string): string {
  return `note:${noteId}`
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype

/**
 * One stored entry, or null when it is anything but a flat record of the expected shape (a
 * peer's shared type, a nested object, an oversized string, a draft id of the wrong kind).
 *
 * @example
 * readDecision('group:g1', { state: 'unticked', draftId: 'obj:g1', title: 'Delight' })
 */
export function readDecision(key: unknown, value: unknown): DecisionRecord | null {
  if (typeof key !== 'string' || !isPlainObject(value)) return null
  const match = KEY_PATTERN.exec(key)
  if (!match) return null
  const kind = match[1] as 'group' | 'note'
  const sourceId = match[2] as string
  if (sourceId.length > MAX_SOURCE_ID) return null
  const { state, draftId, title } = value
  if (typeof state !== 'string' || !(DECISION_STATES as readonly string[]).includes(state)) {
    return null
  }
  if (typeof draftId !== 'string' || draftId.length > MAX_SOURCE_ID + 4) return null
  if (!DRAFT_PREFIX[kind].some((prefix) => draftId.startsWith(prefix))) return null
  if (state === 'unticked' && kind !== 'group') return null
  if (state === 'initiative' && !draftId.startsWith('kr:')) return null
  if (typeof title !== 'string' || title.length > MAX_DECISION_TITLE) return null
  return { state: state as DecisionState, draftId, title }
}

/**
 * Every well-formed entry of the stored decisions, at most MAX_DECISIONS of them; anything
 * else is ignored, so a hostile peer can drop its own entries but never break a conversion.
 * Only well-formed entries count towards the limit: junk cannot push real decisions out.
 *
 * @example
 * readDecisions(Object.entries(meta.conversionDecisions)).get('note:n1')?.state // 'initiative'
 */
export function readDecisions(entries: Iterable<readonly [unknown, unknown]>): ConversionDecisions {
  const decisions = new Map<string, DecisionRecord>()
  for (const [key, value] of entries) {
    const record = readDecision(key, value)
    if (record === null) continue
    decisions.set(key as string, record)
    if (decisions.size >= MAX_DECISIONS) break
  }
  return decisions
}

/** The title kept with a decision: the draft's, cut to what a record accepts. */
export function decisionTitle(title: string): string {
  return title.length <= MAX_DECISION_TITLE ? title : `${title.slice(0, MAX_DECISION_TITLE - 1)}…`
}

type Effective = 'unticked' | 'removed' | 'initiative' | null

/**
 * What a record means on this board now. The board wins: a draft that is on the board is not
 * removed, whatever the record says (an undone delete brings it back for good).
 */
function effective(record: DecisionRecord | undefined, board: BoardIndex): Effective {
  if (record === undefined) return null
  if (record.state === 'unticked') return 'unticked'
  if (board.ids.has(record.draftId)) return null
  if (record.state !== 'applied') return record.state
  const noteId = record.draftId.startsWith('kr:') ? record.draftId.slice(3) : null
  return noteId !== null && board.initiativeByNote.has(noteId) ? 'initiative' : 'removed'
}

interface BoardIndex {
  readonly ids: ReadonlySet<string>
  /** A note id → the first initiative (by id) that names it as a source. */
  readonly initiativeByNote: ReadonlyMap<string, string>
}

/** Read as defensively as the rest of the snapshot: a list may be missing or hold junk. */
const listOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : [])
const idOf = (value: unknown): string | null =>
  isPlainObject(value) && typeof value.id === 'string' ? value.id : null

function indexBoard(snapshot: BoardSnapshot | undefined): BoardIndex {
  const board: Partial<BoardSnapshot> = snapshot ?? {}
  const ids = new Set<string>()
  for (const list of [board.objectives, board.keyResults, board.initiatives]) {
    for (const entity of listOf(list)) {
      const id = idOf(entity)
      if (id !== null) ids.add(id)
    }
  }
  const initiativeByNote = new Map<string, string>()
  for (const initiative of listOf(board.initiatives)) {
    const id = idOf(initiative)
    if (id === null) continue
    for (const noteId of listOf((initiative as { sourceNoteIds?: unknown }).sourceNoteIds)) {
      if (typeof noteId === 'string' && !initiativeByNote.has(noteId)) {
        initiativeByNote.set(noteId, id)
      }
    }
  }
  return { ids, initiativeByNote }
}

const sourceOf = (draft: { readonly sourceNoteIds: readonly string[] }): string | null => {
  const first = draft.sourceNoteIds[0]
  return first === undefined ? null : noteKey(first)
}

/** A KR draft the team made an initiative, as that initiative (the one on the board if any). */
function asInitiative(
  kr: KeyResultDraft,
  board: BoardIndex,
  used: ReadonlySet<string>,
): InitiativeDraft | null {
  const noteId = kr.sourceNoteIds[0] ?? ''
  const onBoard = board.initiativeByNote.get(noteId)
  const id = [onBoard, `ini:${noteId}`].find((c) => c !== undefined && !used.has(c))
  if (id === undefined) return null
  return {
    id,
    objectiveId: kr.objectiveId,
    keyResultId: null,
    title: kr.title,
    sourceNoteIds: kr.sourceNoteIds,
  }
}

/**
 * The result with the team's decisions honoured: removed drafts left out (and listed),
 * unticked objectives listed, key results made initiatives turned into initiative drafts.
 *
 * @example
 * const result = honourDecisions(convertBoard(snapshot), snapshot, decisions)
 * result.decisions.removed.length // 3 → "3 drafts you removed stay removed"
 */
export function honourDecisions(
  result: ConversionResult,
  snapshot: BoardSnapshot,
  decisions: ConversionDecisions,
): ConversionResult {
  // No decisions, no summary: the result is exactly what the board alone converts to.
  if (decisions.size === 0) return result
  const board = indexBoard(snapshot)
  const decide = (key: string | null): Effective =>
    key === null ? null : effective(decisions.get(key), board)
  const removed: RemovedDraft[] = []
  const unticked: string[] = []
  const objectives: ObjectiveDraft[] = []
  const gone = new Set<string>()
  for (const o of result.objectives) {
    const key = groupKey(o.sourceGroupId)
    const decision = decide(key)
    if (decision === 'removed') {
      gone.add(o.id)
      const children = [...result.keyResults, ...result.initiatives]
        .filter((d) => d.objectiveId === o.id)
        .map(sourceOf)
        .filter((k): k is string => k !== null && decide(k) === 'removed')
      removed.push({
        key,
        draftId: o.id,
        title: o.title,
        kind: 'objective',
        restoreKeys: [key, ...children],
      })
      continue
    }
    if (decision === 'unticked') unticked.push(o.id)
    objectives.push(o)
  }
  const used = new Set<string>(result.initiatives.map((i) => i.id))
  const keyResults: KeyResultDraft[] = []
  const initiatives: InitiativeDraft[] = []
  const madeInitiatives: Record<string, string> = {}
  const removeDraft = (
    d: KeyResultDraft | InitiativeDraft,
    key: string,
    kind: RemovedDraft['kind'],
  ) => removed.push({ key, draftId: d.id, title: d.title, kind, restoreKeys: [key] })
  for (const k of result.keyResults) {
    if (gone.has(k.objectiveId)) continue
    const key = sourceOf(k)
    const decision = decide(key)
    if (key !== null && decision === 'removed') removeDraft(k, key, 'key-result')
    else if (decision === 'initiative') {
      const initiative = asInitiative(k, board, used)
      if (initiative === null) continue
      used.add(initiative.id)
      madeInitiatives[initiative.id] = k.id
      initiatives.push(initiative)
    } else keyResults.push(k)
  }
  for (const i of result.initiatives) {
    if (gone.has(i.objectiveId)) continue
    const key = sourceOf(i)
    if (key !== null && decide(key) === 'removed') removeDraft(i, key, 'initiative')
    else initiatives.push(i)
  }
  return {
    ...result,
    objectives,
    keyResults,
    initiatives,
    decisions: { unticked, removed, initiatives: madeInitiatives },
  }
}

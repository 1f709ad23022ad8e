/**
 * The retrospective at the end of a timeframe: shared answers to the playbook's questions, and
 * "carry forward", which copies unfinished objectives into the next timeframe with a record of
 * where they came from.
 *
 * Answers live in `meta.retrospective`: a Y.Map keyed by timeframe label (`2026-Q4`) of Y.Maps
 * keyed by question id, each a Y.Text so several people can type in one answer at once.
 * A carried objective or key result holds `carriedFrom` (the id it was copied from); its id is
 * derived from that id and the target timeframe, so carrying twice never duplicates.
 */
import * as Y from 'yjs'
import type { Objective, Timeframe } from '../../okr/okr-model'
import type { EvaluationOptions } from '../../okr/figures'
import { evaluateOkrSet } from '../../okr/figures'
import { formatTimeframe, quarterTimeframe, yearTimeframe } from '../../okr/timeframe'
import { isRecord } from '../coerce'
import { BoardCommandError } from '../errors'
import type { BoardSnapshot } from '../board-model'
import { restoreTimeframe } from '../restore'
import { getCollection, getEntity, getMeta } from '../schema'
import { checkArgs, checkEnum, checkIds, checkLine, checkText, MAX_ID_LENGTH } from '../validate'
import { sanitizeLine, sanitizeMultiline } from '../../text/sanitize'
import { materializeMap } from '../text-materialize'
import { childMap, childText, collection, metaMap, newEntity, replaceText } from './internal'
import { checkDelta, type TextDeltaOp } from './text-delta'

/** The playbook's retrospective questions, with stable ids for the stored answers. */
export const RETRO_QUESTIONS = [
  { id: 'ambition', text: 'Were our objectives ambitious enough?' },
  {
    id: 'measurable',
    text: 'Were our key results measurable? Did we know what our baseline was at the start?',
  },
  { id: 'forgotten', text: 'Did we "set \'em and forget \'em"? If so, why?' },
  { id: 'aligned', text: "Were our OKRs aligned with the company's broader strategies?" },
  { id: 'customers', text: 'Did they keep us focused on delivering value to customers?' },
  { id: 'connected', text: 'Did we feel connected to our OKRs?' },
  {
    id: 'learnt',
    text: 'What have we learnt from this quarter? How do we lift the bar moving into the next?',
  },
] as const
export type RetroQuestionId = (typeof RETRO_QUESTIONS)[number]['id']
const QUESTION_IDS = RETRO_QUESTIONS.map((q) => q.id)

const MAX_ANSWER_LENGTH = 20_000

function retroRoot(doc: Y.Doc, create: boolean): Y.Map<unknown> | null {
  const meta = getMeta(doc)
  if (!meta) return null
  const current = meta.get('retrospective')
  if (current instanceof Y.Map) return current as Y.Map<unknown>
  if (!create) return null
  return materializeMap(meta, 'retrospective')
}

function checkTimeframeKey(value: unknown): string {
  const key = checkLine(value, 'timeframe', 100)
  if (key.trim() === '')
    throw new BoardCommandError('invalid-argument', 'timeframe: is empty', 'timeframe')
  return key
}

/**
 * Creates the shared texts of one timeframe's answers that do not exist yet, so editors can
 * bind them before anyone types. Every peer creates them identically (text-materialize.ts),
 * so two people opening the retrospective at once share one text per answer. Writes nothing
 * when they exist. Run it with an origin the undo manager does not track: undoing it would
 * delete everyone's answers.
 *
 * @example
 * openRetroAnswers(doc, { timeframe: '2026-Q4' }, 'stretchboard:retro-open')
 */
export function openRetroAnswers(
  doc: Y.Doc,
  args: { readonly timeframe: string },
  origin: unknown,
): void {
  const key = checkTimeframeKey(checkArgs(args, 'openRetroAnswers').timeframe)
  metaMap(doc)
  const existing = retroRoot(doc, false)?.get(key)
  if (existing instanceof Y.Map && QUESTION_IDS.every((q) => existing.get(q) instanceof Y.Text))
    return
  doc.transact(() => {
    const answers = childMap(retroRoot(doc, true) as Y.Map<unknown>, key)
    for (const question of QUESTION_IDS) childText(answers, question)
  }, origin)
}

/**
 * One answer's shared text, for binding an editor; null until `openRetroAnswers` (or a first
 * answer) created it.
 *
 * @example
 * getRetroAnswerText(doc, '2026-Q4', 'ambition')?.toString()
 */
export function getRetroAnswerText(
  doc: Y.Doc,
  timeframe: string,
  question: RetroQuestionId,
): Y.Text | null {
  const answers = retroRoot(doc, false)?.get(timeframe)
  const text = answers instanceof Y.Map ? (answers as Y.Map<unknown>).get(question) : null
  return text instanceof Y.Text ? text : null
}

/**
 * Applies an editor's delta to one answer (the bound textarea's keystrokes): inserts are
 * sanitised as multi-line text and the answer stays within its length limit.
 *
 * @example
 * editRetroAnswer(doc, { timeframe: '2026-Q4', question: 'ambition', delta: [{ insert: 'No.' }] }, origin)
 */
export function editRetroAnswer(
  doc: Y.Doc,
  args: {
    readonly timeframe: string
    readonly question: RetroQuestionId
    readonly delta: readonly TextDeltaOp[]
  },
  origin: unknown,
): void {
  const a = checkArgs(args, 'editRetroAnswer')
  const key = checkTimeframeKey(a.timeframe)
  const question = checkEnum(a.question, QUESTION_IDS, 'question')
  metaMap(doc)
  const length = getRetroAnswerText(doc, key, question)?.length ?? 0
  const delta = checkDelta(a.delta, length, { multiline: true, max: MAX_ANSWER_LENGTH })
  doc.transact(() => {
    const answers = childMap(retroRoot(doc, true) as Y.Map<unknown>, key)
    childText(answers, question).applyDelta(delta)
  }, origin)
}

/**
 * Sets one shared answer (whole value; only the changed middle is written, so someone typing
 * elsewhere in the same answer keeps their text).
 *
 * @example
 * setRetroAnswer(doc, { timeframe: '2026-Q4', question: 'ambition', text: 'Not quite.' }, origin)
 */
export function setRetroAnswer(
  doc: Y.Doc,
  args: { readonly timeframe: string; readonly question: RetroQuestionId; readonly text: string },
  origin: unknown,
): void {
  const a = checkArgs(args, 'setRetroAnswer')
  const key = checkTimeframeKey(a.timeframe)
  const question = checkEnum(a.question, QUESTION_IDS, 'question')
  const text = checkText(a.text, 'text', MAX_ANSWER_LENGTH)
  metaMap(doc)
  doc.transact(() => {
    const root = retroRoot(doc, true) as Y.Map<unknown>
    replaceText(childText(childMap(root, key), question), text)
  }, origin)
}

/**
 * The stored answers of one timeframe; questions nobody answered read as ''.
 *
 * @example
 * readRetroAnswers(doc, '2026-Q4').ambition // 'Not quite.'
 */
export function readRetroAnswers(doc: Y.Doc, timeframe: string): Record<RetroQuestionId, string> {
  const answers = retroRoot(doc, false)?.get(timeframe)
  const out = Object.fromEntries(QUESTION_IDS.map((id) => [id, ''])) as Record<
    RetroQuestionId,
    string
  >
  if (!(answers instanceof Y.Map)) return out
  for (const id of QUESTION_IDS) {
    const value: unknown = answers.get(id)
    if (value instanceof Y.Text || typeof value === 'string') out[id] = value.toString()
  }
  return out
}

/**
 * The timeframe after this one: the next quarter, the next year, or a custom range of the same
 * length starting where this one ends.
 *
 * @example
 * formatTimeframe(nextTimeframe(quarterTimeframe(2026, 4))) // '2027-Q1'
 */
export function nextTimeframe(timeframe: Timeframe): Timeframe {
  if (timeframe.kind === 'quarter') {
    return timeframe.quarter === 4
      ? quarterTimeframe(timeframe.year + 1, 1)
      : quarterTimeframe(timeframe.year, (timeframe.quarter + 1) as 2 | 3 | 4)
  }
  if (timeframe.kind === 'year') return yearTimeframe(timeframe.year + 1)
  const length = timeframe.end - timeframe.start
  return { kind: 'custom', start: timeframe.end, end: (timeframe.end + length) as Timeframe['end'] }
}

/**
 * Objectives worth carrying forward: not completed or cancelled, with a key result scored
 * below 1 (or none at all), each with the ids of its unfinished key results.
 *
 * @example
 * unfinishedObjectives(readBoard(doc), { now }) // [{ objectiveId: 'o1', keyResultIds: ['kr2'] }]
 */
export function unfinishedObjectives(
  snapshot: BoardSnapshot,
  options: EvaluationOptions,
): { objectiveId: string; keyResultIds: string[] }[] {
  const report = evaluateOkrSet(snapshot, { timeframe: snapshot.meta.timeframe, ...options })
  return snapshot.objectives.flatMap((o: Objective, i) => {
    if (o.status === 'completed' || o.status === 'cancelled') return []
    const krs = report.objectives[i]?.keyResults ?? []
    const open = krs.filter((kr) => kr.score < 1).map((kr) => kr.id)
    return krs.length === 0 || open.length > 0 ? [{ objectiveId: o.id, keyResultIds: open }] : []
  })
}

/** The id a carried copy gets: stable per source and target timeframe. */
export function carriedId(sourceId: string, timeframe: Timeframe): string {
  return `${sourceId}@${formatTimeframe(timeframe)}`.slice(0, MAX_ID_LENGTH)
}

export interface CarryForwardReport {
  readonly created: readonly string[]
  /** Copies that already existed from an earlier carry. */
  readonly skipped: readonly string[]
}

/** An entity's fields as plain values, without the `omit`ted ones, for a carried copy. */
function copyOf(entity: Y.Map<unknown>, omit: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const [key, value] of entity.entries()) {
    if (omit.includes(key)) continue
    fields[key] = value instanceof Y.AbstractType ? value.toJSON() : value
  }
  // A copy is a new write: it follows today's text rules even if its source predates them.
  for (const key of ['title', 'owner', 'metric']) {
    if (typeof fields[key] === 'string') fields[key] = sanitizeLine(fields[key])
  }
  if (typeof fields.description === 'string') {
    fields.description = sanitizeMultiline(fields.description)
  }
  return fields
}

/**
 * Copies objectives (and the listed key results, default all of theirs) into `timeframe` as
 * drafts with `carriedFrom` provenance. A carried key result starts where the old one stands:
 * its `start` is the current value for `currentValues[krId]` when given. Check-ins stay behind.
 *
 * @example
 * const next = nextTimeframe(q4)
 * carryForward(doc, { objectiveIds: ['o1'], timeframe: next, currentValues: { kr1: 176 } }, origin)
 */
export function carryForward(
  doc: Y.Doc,
  args: {
    readonly objectiveIds: readonly string[]
    readonly timeframe: Timeframe
    readonly keyResultIds?: readonly string[]
    readonly currentValues?: Readonly<Record<string, number>>
  },
  origin: unknown,
): CarryForwardReport {
  const a = checkArgs(args, 'carryForward')
  const objectiveIds = checkIds(a.objectiveIds, 'objectiveIds')
  const timeframe = isRecord(a.timeframe) ? restoreTimeframe(a.timeframe) : null
  if (!timeframe) {
    throw new BoardCommandError(
      'invalid-argument',
      'timeframe: must be a quarter, year or custom timeframe',
      'timeframe',
    )
  }
  const only =
    a.keyResultIds === undefined ? null : new Set(checkIds(a.keyResultIds, 'keyResultIds'))
  const values = isRecord(a.currentValues) ? a.currentValues : {}
  for (const id of objectiveIds) {
    if (!getEntity(doc, 'objectives', id)) {
      throw new BoardCommandError('not-found', `objectiveIds: no objective "${id}"`, 'objectiveIds')
    }
  }
  const created: string[] = []
  const skipped: string[] = []
  doc.transact(() => {
    const objectives = collection(doc, 'objectives')
    const keyResults = collection(doc, 'keyResults')
    for (const id of objectiveIds) {
      const source = getEntity(doc, 'objectives', id) as Y.Map<unknown>
      const newId = carriedId(id, timeframe)
      if (objectives.has(newId)) skipped.push(newId)
      else {
        const fields = copyOf(source, ['draftBase', 'sourceGroupId', 'carriedFrom'])
        Object.assign(fields, { status: 'draft', timeframe, carriedFrom: id })
        objectives.set(newId, newEntity(fields, 'title'))
        created.push(newId)
      }
      for (const [krId, kr] of [...keyResults.entries()]) {
        if (!(kr instanceof Y.Map) || kr.get('objectiveId') !== id) continue
        if (only !== null && !only.has(krId)) continue
        const newKrId = carriedId(krId, timeframe)
        if (keyResults.has(newKrId)) {
          skipped.push(newKrId)
          continue
        }
        const fields = copyOf(kr as Y.Map<unknown>, ['draftBase', 'sourceNoteIds', 'carriedFrom'])
        const current = values[krId]
        const absolute =
          fields.calculation === undefined || fields.calculation === 'absolute-target'
        if (absolute && typeof current === 'number' && Number.isFinite(current)) {
          fields.start = current
        }
        Object.assign(fields, { objectiveId: newId, carriedFrom: krId })
        keyResults.set(newKrId, newEntity(fields, 'title'))
        created.push(newKrId)
      }
    }
  }, origin)
  return { created, skipped }
}

/**
 * Where carried objectives and key results came from: copy id → source id.
 *
 * @example
 * readCarriedFrom(doc).get('o1@2027-Q1') // 'o1'
 */
export function readCarriedFrom(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>()
  for (const name of ['objectives', 'keyResults'] as const) {
    for (const [id, entity] of getCollection(doc, name)?.entries() ?? []) {
      const from = entity instanceof Y.Map ? entity.get('carriedFrom') : null
      if (typeof from === 'string') out.set(id, from)
    }
  }
  return out
}

/**
 * Board → draft OKR set: the top-voted groups become objectives, their notes key results or
 * initiatives. Pure and total: the snapshot is repaired first (conversion-input.ts), anything
 * odd becomes a diagnostic, and the rest is still converted.
 */
import type { BoardSnapshot } from '../board/board-model'
import type {
  ConversionOptions,
  ConversionResult,
  InitiativeDraft,
  KeyResultDraft,
  ObjectiveDraft,
} from './drafts'
import {
  compareIds,
  ConversionDiagnostics,
  CONVERSION_CODES,
  type ConversionCode,
} from './conversion-diagnostics'
import { cleanText, readConversionInput, type InputNote } from './conversion-input'
import { honourDecisions } from './decisions'
import { parseKeyResult } from './parse-key-result'
import { selectGroups, type ChosenGroup } from './select-groups'
import { terms } from './terms'

export { CONVERSION_CODES } from './conversion-diagnostics'
export { DEFAULT_MAX_OBJECTIVES } from './conversion-input'

/** Parses below this confidence get a `kr-parse-uncertain` note for the facilitator. */
export const UNCERTAIN_PARSE = 0.7
/** Text limits the board's applyConversion enforces; drafts are cut to fit, not rejected. */
const MAX_TITLE_LENGTH = 1000
const MAX_METRIC_LENGTH = 500

interface Drafts {
  readonly objectives: ObjectiveDraft[]
  readonly keyResults: KeyResultDraft[]
  readonly initiatives: InitiativeDraft[]
}

/** A title for a group nobody named: its notes' most frequent content words. */
const titleFromNotes = (notes: readonly InputNote[]): string => {
  const counts = new Map<string, number>()
  for (const note of notes) {
    for (const { word } of terms(note.text)) counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  const top = [...counts]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(0, 3)
    .map(([word]) => word)
  if (top.length === 0) return 'Untitled objective'
  const title = top.join(', ')
  return title.charAt(0).toUpperCase() + title.slice(1)
}

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`

/** Clips a title to what the document accepts, and says so when it had to. */
const fitTitle = (
  text: string,
  what: string,
  targetId: string,
  diagnostics: ConversionDiagnostics,
): string => {
  if (text.length > MAX_TITLE_LENGTH) {
    diagnostics.add(
      'info',
      CONVERSION_CODES.textTruncated,
      `The ${what} was cut to ${MAX_TITLE_LENGTH} characters.`,
      targetId,
    )
  }
  return clip(text, MAX_TITLE_LENGTH)
}

/** One note of a chosen group → a key result or an initiative draft (none for an empty note). */
const convertNote = (
  note: InputNote,
  objectiveId: string,
  order: number,
  drafts: Drafts,
  diagnostics: ConversionDiagnostics,
): void => {
  const text = cleanText(note.text)
  if (text === '') {
    diagnostics.add(
      'info',
      CONVERSION_CODES.noteEmpty,
      `Note "${note.id}" is empty and was skipped.`,
      note.id,
    )
    return
  }
  const parsed = parseKeyResult(text)
  if (parsed.kind === 'initiative') {
    const id = `ini:${note.id}`
    drafts.initiatives.push({
      id,
      objectiveId,
      keyResultId: null,
      title: fitTitle(text, 'initiative title', id, diagnostics),
      sourceNoteIds: [note.id],
    })
    return
  }
  const id = `kr:${note.id}`
  const measurable = parsed.kind === 'key-result'
  const title = fitTitle(text, 'key result title', id, diagnostics)
  drafts.keyResults.push({
    id,
    objectiveId,
    title,
    metric: clip(parsed.metric === '' ? title : parsed.metric, MAX_METRIC_LENGTH),
    unit: parsed.unit,
    start: measurable ? parsed.start : null,
    target: measurable ? parsed.target : null,
    direction: parsed.direction,
    calculation: parsed.calculation,
    measurable,
    sourceNoteIds: [note.id],
    order,
  })
  const report = (code: ConversionCode, severity: 'warning' | 'info', message: string) =>
    diagnostics.add(severity, code, message, id)
  if (!measurable) {
    report(
      CONVERSION_CODES.krNotMeasurable,
      'warning',
      `"${title}" names no number to measure: give it a target (e.g. "from 40 to 55").`,
    )
    return
  }
  if (parsed.start === null) {
    report(
      CONVERSION_CODES.krNoBaseline,
      'info',
      `"${title}" has no starting value: set a baseline before tracking.`,
    )
  }
  if (parsed.confidence < UNCERTAIN_PARSE) {
    report(
      CONVERSION_CODES.krParseUncertain,
      'info',
      `Check "${title}": ${parsed.notes.join('; ')}.`,
    )
  }
}

/** One chosen group → its objective draft and the drafts of its notes. */
const convertGroup = (
  { group, votes, notes }: ChosenGroup,
  order: number,
  drafts: Drafts,
  diagnostics: ConversionDiagnostics,
): void => {
  const objectiveId = `obj:${group.id}`
  let title = group.title
  if (title === '') {
    title = titleFromNotes(notes)
    diagnostics.add(
      'warning',
      CONVERSION_CODES.groupUntitled,
      `Group "${group.id}" has no title; "${title}" was made from its notes.`,
      objectiveId,
    )
  }
  drafts.objectives.push({
    id: objectiveId,
    title: fitTitle(title, 'objective title', objectiveId, diagnostics),
    sourceGroupId: group.id,
    votes,
    order,
  })
  if (notes.length === 0) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.groupEmpty,
      `Objective "${title}" comes from a group with no notes: add key results by hand.`,
      objectiveId,
    )
    return
  }
  const before = drafts.keyResults.length
  for (const note of notes) {
    convertNote(note, objectiveId, drafts.keyResults.length - before, drafts, diagnostics)
  }
  if (drafts.keyResults.length === before) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.objectiveNoKeyResults,
      `Objective "${title}" has no key result, only initiatives or empty notes: ` +
        'add a measurable outcome.',
      objectiveId,
    )
  }
}

/**
 * Converts a voted board into draft objectives, key results and initiatives. Groups are ranked
 * by their dots plus their notes' dots (ties by group id); by default the top five with at least
 * one dot become objectives. Ids derive from the source (`obj:<groupId>`, `kr:<noteId>`,
 * `ini:<noteId>`), so converting again yields the same ids and `applyConversion` updates
 * instead of duplicating. The team's recorded decisions (`options.decisions`) are honoured:
 * removed drafts stay out, unticked objectives are listed, key results made initiatives come
 * back as initiatives (core/convert/decisions.ts). Never throws: problems come back as
 * diagnostics.
 *
 * @example
 * const result = convertBoard(readBoard(doc), { maxObjectives: 3 })
 * result.objectives.map((o) => o.id) // ['obj:g2', 'obj:g1', 'obj:g7']
 * result.diagnostics.filter((d) => d.code === 'kr-not-measurable')
 */
export function convertBoard(
  snapshot: BoardSnapshot,
  options: ConversionOptions = {},
): ConversionResult {
  const diagnostics = new ConversionDiagnostics()
  const input = readConversionInput(snapshot, options, diagnostics)
  const drafts: Drafts = { objectives: [], keyResults: [], initiatives: [] }
  selectGroups(input, diagnostics).forEach((chosen, order) =>
    convertGroup(chosen, order, drafts, diagnostics),
  )
  // A decisions value that is not a Map (a server request, a file) counts as none.
  const decisions = options.decisions instanceof Map ? options.decisions : new Map()
  return honourDecisions({ ...drafts, diagnostics: diagnostics.list }, snapshot, decisions)
}

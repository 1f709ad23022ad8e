/**
 * Board → draft OKR set: the top-voted groups become objectives, their notes key results or
 * initiatives. Pure and total: the snapshot is untrusted (it may come from an old board, a file
 * or a server), so anything odd becomes a diagnostic and the rest is still converted.
 */
import type { BoardSnapshot, VoteTally } from '../board/model'
import type { Diagnostic, Severity } from '../okr/model'
import type {
  ConversionOptions,
  ConversionResult,
  InitiativeDraft,
  KeyResultDraft,
  ObjectiveDraft,
} from './model'
import { parseKeyResult } from './parse-key-result'
import { terms } from './terms'

/** Every code convertBoard reports, so UIs and tests can match on them. */
export const CONVERSION_CODES = {
  invalidSnapshot: 'invalid-snapshot',
  invalidOption: 'invalid-option',
  noGroups: 'no-groups',
  noVotedGroups: 'no-voted-groups',
  objectiveLimit: 'objective-limit',
  voteTieAtLimit: 'vote-tie-at-limit',
  groupEmpty: 'group-empty',
  groupUntitled: 'group-untitled',
  objectiveNoKeyResults: 'objective-no-key-results',
  krNotMeasurable: 'kr-not-measurable',
  krNoBaseline: 'kr-no-baseline',
  krParseUncertain: 'kr-parse-uncertain',
  noteEmpty: 'note-empty',
  notesUngrouped: 'notes-ungrouped',
  noteGroupMissing: 'note-group-missing',
  duplicateId: 'duplicate-id',
  invalidId: 'invalid-id',
  textTruncated: 'text-truncated',
} as const

export const DEFAULT_MAX_OBJECTIVES = 5
/** Parses below this confidence get a `kr-parse-uncertain` note for the facilitator. */
export const UNCERTAIN_PARSE = 0.7
/** Limits the board's applyConversion enforces; drafts are cut to fit rather than rejected. */
const MAX_ID_LENGTH = 200
const MAX_TITLE_LENGTH = 1000
const MAX_METRIC_LENGTH = 500
const ID_PREFIX_LENGTH = 4

/** Code-unit order, independent of locale, as the board's vote ranking uses. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

const cleanText = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : ''

const finiteOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

class Diagnostics {
  readonly list: Diagnostic[] = []
  add(severity: Severity, code: string, message: string, targetId: string | null = null): void {
    this.list.push({ code, severity, message, targetId })
  }
}

interface CleanNote {
  readonly id: string
  readonly text: string
  readonly groupId: string | null
  readonly createdAt: number
}

interface CleanGroup {
  readonly id: string
  readonly title: string
}

const validId = (id: unknown): id is string =>
  typeof id === 'string' && id !== '' && id.length <= MAX_ID_LENGTH - ID_PREFIX_LENGTH

/** Repairs the parts of the snapshot conversion reads; first occurrence of an id wins. */
const cleanSnapshot = (
  snapshot: unknown,
  diagnostics: Diagnostics,
): { notes: CleanNote[]; groups: CleanGroup[]; votes: (id: string) => number } => {
  const s = isRecord(snapshot) ? snapshot : {}
  if (!isRecord(snapshot)) {
    diagnostics.add('error', CONVERSION_CODES.invalidSnapshot, 'The board snapshot is missing.')
  }
  const rawGroups: unknown[] = Array.isArray(s['groups']) ? s['groups'] : []
  const rawNotes: unknown[] = Array.isArray(s['notes']) ? s['notes'] : []
  if (isRecord(snapshot) && (!Array.isArray(s['groups']) || !Array.isArray(s['notes']))) {
    diagnostics.add(
      'error',
      CONVERSION_CODES.invalidSnapshot,
      'The board snapshot has no notes or groups list; the missing list was read as empty.',
    )
  }
  const take = <T extends { id: string }>(
    raw: readonly unknown[],
    kind: string,
    make: (r: Record<string, unknown>, id: string) => T,
  ): T[] => {
    const seen = new Map<string, T>()
    let invalid = 0
    for (const item of raw) {
      const id = isRecord(item) ? item['id'] : undefined
      if (!isRecord(item) || !validId(id)) {
        invalid++
        continue
      }
      if (seen.has(id)) {
        diagnostics.add(
          'warning',
          CONVERSION_CODES.duplicateId,
          `Two ${kind}s share the id "${id}"; the first was used.`,
          id,
        )
        continue
      }
      seen.set(id, make(item, id))
    }
    if (invalid > 0) {
      diagnostics.add(
        'warning',
        CONVERSION_CODES.invalidId,
        `${invalid} ${kind}(s) without a usable id (a non-empty string of at most ${MAX_ID_LENGTH - ID_PREFIX_LENGTH} characters) were skipped.`,
      )
    }
    return [...seen.values()]
  }
  const groups = take<CleanGroup>(rawGroups, 'group', (g, id) => ({
    id,
    title: cleanText(g['title']),
  }))
  const notes = take<CleanNote>(rawNotes, 'note', (n, id) => ({
    id,
    text: typeof n['text'] === 'string' ? n['text'] : '',
    groupId: typeof n['groupId'] === 'string' ? n['groupId'] : null,
    createdAt: finiteOr(n['createdAt'], 0),
  }))
  const tally = isRecord(s['tally']) ? (s['tally'] as Partial<VoteTally>) : null
  const byTarget = tally?.byTarget instanceof Map ? tally.byTarget : null
  if (isRecord(snapshot) && byTarget === null) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.invalidSnapshot,
      'The board snapshot has no vote tally; every group counts 0 votes.',
    )
  }
  const votes = (id: string): number => {
    const n: unknown = byTarget?.get(id)
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
  }
  return { notes, groups, votes }
}

const readMaxObjectives = (
  options: unknown,
  diagnostics: Diagnostics,
): { max: number; includeUnvoted: boolean } => {
  const o = isRecord(options) ? (options as Partial<ConversionOptions>) : {}
  let max = DEFAULT_MAX_OBJECTIVES
  if (o.maxObjectives !== undefined) {
    if (
      typeof o.maxObjectives === 'number' &&
      Number.isFinite(o.maxObjectives) &&
      o.maxObjectives >= 0
    ) {
      max = Math.floor(o.maxObjectives)
    } else {
      diagnostics.add(
        'warning',
        CONVERSION_CODES.invalidOption,
        `maxObjectives must be a number ≥ 0; ${DEFAULT_MAX_OBJECTIVES} was used.`,
      )
    }
  }
  return { max, includeUnvoted: o.includeUnvoted === true }
}

/** A title for a group nobody named: its notes' most frequent content words. */
const titleFromNotes = (notes: readonly CleanNote[]): string => {
  const counts = new Map<string, number>()
  for (const note of notes)
    for (const { word } of terms(note.text)) counts.set(word, (counts.get(word) ?? 0) + 1)
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(0, 3)
    .map(([word]) => word)
  if (top.length === 0) return 'Untitled objective'
  const title = top.join(', ')
  return title.charAt(0).toUpperCase() + title.slice(1)
}

const clip = (
  text: string,
  max: number,
  what: string,
  targetId: string,
  diagnostics: Diagnostics,
): string => {
  if (text.length <= max) return text
  diagnostics.add(
    'info',
    CONVERSION_CODES.textTruncated,
    `The ${what} was cut to ${max} characters.`,
    targetId,
  )
  return `${text.slice(0, max - 1)}…`
}

/**
 * Converts a voted board into draft objectives, key results and initiatives. Groups are ranked
 * by their dots plus their notes' dots (ties by group id); by default the top five with at least
 * one dot become objectives. Ids derive from the source (`obj:<groupId>`, `kr:<noteId>`,
 * `ini:<noteId>`), so converting again yields the same ids and `applyConversion` updates
 * instead of duplicating. Never throws: problems come back as diagnostics.
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
  const diagnostics = new Diagnostics()
  const { max, includeUnvoted } = readMaxObjectives(options, diagnostics)
  const { notes, groups, votes } = cleanSnapshot(snapshot, diagnostics)

  const groupIds = new Set(groups.map((g) => g.id))
  const notesOf = new Map<string, CleanNote[]>()
  const ungrouped: CleanNote[] = []
  const orphans = new Map<string, number>()
  for (const note of notes) {
    if (note.groupId === null) ungrouped.push(note)
    else if (!groupIds.has(note.groupId))
      orphans.set(note.groupId, (orphans.get(note.groupId) ?? 0) + 1)
    else notesOf.set(note.groupId, [...(notesOf.get(note.groupId) ?? []), note])
  }
  if (ungrouped.length > 0) {
    const voted = ungrouped.filter((n) => votes(n.id) > 0).length
    diagnostics.add(
      voted > 0 ? 'warning' : 'info',
      CONVERSION_CODES.notesUngrouped,
      `${ungrouped.length} note(s) are in no group and were not converted` +
        (voted > 0 ? `, ${voted} of them with votes: group them to convert them.` : '.'),
    )
  }
  for (const [groupId, count] of [...orphans.entries()].sort((a, b) => compareIds(a[0], b[0]))) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.noteGroupMissing,
      `${count} note(s) point to group "${groupId}", which does not exist; they were not converted.`,
      groupId,
    )
  }

  const total = (g: CleanGroup): number =>
    votes(g.id) + (notesOf.get(g.id) ?? []).reduce((sum, n) => sum + votes(n.id), 0)
  const ranked = groups
    .map((group) => ({ group, votes: total(group) }))
    .sort((a, b) => b.votes - a.votes || compareIds(a.group.id, b.group.id))
  const voted = ranked.filter((r) => r.votes > 0)
  const chosen = voted.slice(0, max)
  if (includeUnvoted && chosen.length < max) {
    const unvoted = ranked
      .filter((r) => r.votes === 0)
      .sort(
        (a, b) =>
          (notesOf.get(b.group.id)?.length ?? 0) - (notesOf.get(a.group.id)?.length ?? 0) ||
          compareIds(a.group.id, b.group.id),
      )
    chosen.push(...unvoted.slice(0, max - chosen.length))
  }
  if (groups.length === 0) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.noGroups,
      'The board has no groups: group notes into themes first.',
    )
  } else if (voted.length === 0) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.noVotedGroups,
      includeUnvoted
        ? 'No group has votes; unvoted groups were converted as asked.'
        : 'No group has votes, so nothing was converted: vote first, or convert unvoted groups.',
    )
  }
  if (voted.length > max) {
    const left = voted.slice(max)
    diagnostics.add(
      'info',
      CONVERSION_CODES.objectiveLimit,
      `${left.length} voted group(s) beyond the first ${max} were not converted: ` +
        left.map((r) => `"${r.group.id}" (${r.votes})`).join(', ') +
        '.',
    )
    const last = voted[max - 1]
    const first = left[0]
    if (last !== undefined && first !== undefined && last.votes === first.votes) {
      diagnostics.add(
        'warning',
        CONVERSION_CODES.voteTieAtLimit,
        `Groups "${last.group.id}" and "${first.group.id}" tie at ${last.votes} vote(s) across the limit; ` +
          'the tie was broken by group id. Raise maxObjectives or break the tie by vote.',
        `obj:${last.group.id}`,
      )
    }
  }

  const objectives: ObjectiveDraft[] = []
  const keyResults: KeyResultDraft[] = []
  const initiatives: InitiativeDraft[] = []
  chosen.forEach(({ group, votes: groupVotes }, order) => {
    const objectiveId = `obj:${group.id}`
    const members = [...(notesOf.get(group.id) ?? [])].sort(
      (a, b) => votes(b.id) - votes(a.id) || a.createdAt - b.createdAt || compareIds(a.id, b.id),
    )
    let title = group.title
    if (title === '') {
      title = titleFromNotes(members)
      diagnostics.add(
        'warning',
        CONVERSION_CODES.groupUntitled,
        `Group "${group.id}" has no title; "${title}" was made from its notes.`,
        objectiveId,
      )
    }
    objectives.push({
      id: objectiveId,
      title: clip(title, MAX_TITLE_LENGTH, 'objective title', objectiveId, diagnostics),
      sourceGroupId: group.id,
      votes: groupVotes,
      order,
    })
    if (members.length === 0) {
      diagnostics.add(
        'warning',
        CONVERSION_CODES.groupEmpty,
        `Objective "${title}" comes from a group with no notes: add key results by hand.`,
        objectiveId,
      )
      return
    }
    let krOrder = 0
    for (const note of members) {
      const text = cleanText(note.text)
      if (text === '') {
        diagnostics.add(
          'info',
          CONVERSION_CODES.noteEmpty,
          `Note "${note.id}" is empty and was skipped.`,
          note.id,
        )
        continue
      }
      const parsed = parseKeyResult(text)
      if (parsed.kind === 'initiative') {
        const id = `ini:${note.id}`
        initiatives.push({
          id,
          objectiveId,
          keyResultId: null,
          title: clip(text, MAX_TITLE_LENGTH, 'initiative title', id, diagnostics),
          sourceNoteIds: [note.id],
        })
        continue
      }
      const id = `kr:${note.id}`
      const measurable = parsed.kind === 'key-result'
      const krTitle = clip(text, MAX_TITLE_LENGTH, 'key result title', id, diagnostics)
      const metric = parsed.metric === '' ? krTitle : parsed.metric
      keyResults.push({
        id,
        objectiveId,
        title: krTitle,
        metric:
          metric.length > MAX_METRIC_LENGTH ? `${metric.slice(0, MAX_METRIC_LENGTH - 1)}…` : metric,
        unit: parsed.unit,
        start: measurable ? parsed.start : null,
        target: measurable ? parsed.target : null,
        direction: parsed.direction,
        calculation: parsed.calculation,
        measurable,
        sourceNoteIds: [note.id],
        order: krOrder++,
      })
      if (!measurable) {
        diagnostics.add(
          'warning',
          CONVERSION_CODES.krNotMeasurable,
          `"${krTitle}" names no number to measure: give it a target (e.g. "from 40 to 55").`,
          id,
        )
      } else {
        if (parsed.start === null) {
          diagnostics.add(
            'info',
            CONVERSION_CODES.krNoBaseline,
            `"${krTitle}" has no starting value: set a baseline before tracking.`,
            id,
          )
        }
        if (parsed.confidence < UNCERTAIN_PARSE) {
          diagnostics.add(
            'info',
            CONVERSION_CODES.krParseUncertain,
            `Check "${krTitle}": ${parsed.notes.join('; ')}.`,
            id,
          )
        }
      }
    }
    if (!keyResults.some((kr) => kr.objectiveId === objectiveId)) {
      diagnostics.add(
        'warning',
        CONVERSION_CODES.objectiveNoKeyResults,
        `Objective "${title}" has no key result, only initiatives or empty notes: add a measurable outcome.`,
        objectiveId,
      )
    }
  })
  return { objectives, keyResults, initiatives, diagnostics: diagnostics.list }
}

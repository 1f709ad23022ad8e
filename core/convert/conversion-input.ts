/**
 * Repairs the parts of a board snapshot that conversion reads, before conversion sees them: the
 * snapshot may come from an old board, a file or a server, so lists may be missing, ids
 * duplicated or unusable and vote counts junk. Each repair is reported.
 */
import type { ConversionOptions } from './drafts'
import { CONVERSION_CODES, type ConversionDiagnostics } from './conversion-diagnostics'

export const DEFAULT_MAX_OBJECTIVES = 5
/** The document's id limit (core/board) less the longest draft id prefix ("obj:"). */
export const MAX_SOURCE_ID_LENGTH = 200 - 4

export interface InputNote {
  readonly id: string
  readonly text: string
  readonly groupId: string | null
  readonly createdAt: number
}

export interface InputGroup {
  readonly id: string
  /** Whitespace collapsed; '' when the group has none. */
  readonly title: string
}

export interface ConversionInput {
  readonly notes: readonly InputNote[]
  readonly groups: readonly InputGroup[]
  /** Counted dots on a note or group; 0 for anything unknown or not a positive number. */
  readonly votes: (targetId: string) => number
  readonly maxObjectives: number
  readonly includeUnvoted: boolean
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** Collapses whitespace; anything that is not a string reads as ''. */
export const cleanText = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : ''

const usableId = (id: unknown): id is string =>
  typeof id === 'string' && id !== '' && id.length <= MAX_SOURCE_ID_LENGTH

/** The items of `raw` with a usable id, first occurrence winning. */
const uniqueById = <T>(
  raw: readonly unknown[],
  kind: 'note' | 'group',
  make: (item: Record<string, unknown>, id: string) => T,
  diagnostics: ConversionDiagnostics,
): T[] => {
  const seen = new Map<string, T>()
  let unusable = 0
  for (const item of raw) {
    const id = isRecord(item) ? item['id'] : undefined
    if (!isRecord(item) || !usableId(id)) {
      unusable++
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
  if (unusable > 0) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.invalidId,
      `${unusable} ${kind}(s) without a usable id (a non-empty string of at most ` +
        `${MAX_SOURCE_ID_LENGTH} characters) were skipped.`,
    )
  }
  return [...seen.values()]
}

const readOptions = (
  options: unknown,
  diagnostics: ConversionDiagnostics,
): Pick<ConversionInput, 'maxObjectives' | 'includeUnvoted'> => {
  const o = isRecord(options) ? options : {}
  const max = o['maxObjectives']
  let maxObjectives = DEFAULT_MAX_OBJECTIVES
  if (typeof max === 'number' && Number.isFinite(max) && max >= 0) maxObjectives = Math.floor(max)
  else if (max !== undefined) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.invalidOption,
      `maxObjectives must be a number ≥ 0; ${DEFAULT_MAX_OBJECTIVES} was used.`,
    )
  }
  return { maxObjectives, includeUnvoted: o['includeUnvoted'] === true }
}

/**
 * The repaired input of a conversion. Never throws.
 *
 * @example
 * const input = readConversionInput(readBoard(doc), { maxObjectives: 3 }, diagnostics)
 * input.votes('g1') // 4
 */
export function readConversionInput(
  snapshot: unknown,
  options: ConversionOptions | undefined,
  diagnostics: ConversionDiagnostics,
): ConversionInput {
  const settings = readOptions(options, diagnostics)
  if (!isRecord(snapshot)) {
    diagnostics.add('error', CONVERSION_CODES.invalidSnapshot, 'The board snapshot is missing.')
    return { notes: [], groups: [], votes: () => 0, ...settings }
  }
  const rawGroups = snapshot['groups']
  const rawNotes = snapshot['notes']
  if (!Array.isArray(rawGroups) || !Array.isArray(rawNotes)) {
    diagnostics.add(
      'error',
      CONVERSION_CODES.invalidSnapshot,
      'The board snapshot has no notes or groups list; the missing list was read as empty.',
    )
  }
  const groups = uniqueById<InputGroup>(
    Array.isArray(rawGroups) ? rawGroups : [],
    'group',
    (g, id) => ({ id, title: cleanText(g['title']) }),
    diagnostics,
  )
  const notes = uniqueById<InputNote>(
    Array.isArray(rawNotes) ? rawNotes : [],
    'note',
    (n, id) => ({
      id,
      text: typeof n['text'] === 'string' ? n['text'] : '',
      groupId: typeof n['groupId'] === 'string' ? n['groupId'] : null,
      createdAt:
        typeof n['createdAt'] === 'number' && Number.isFinite(n['createdAt']) ? n['createdAt'] : 0,
    }),
    diagnostics,
  )
  const tally = snapshot['tally']
  const byTarget = isRecord(tally) && tally['byTarget'] instanceof Map ? tally['byTarget'] : null
  if (byTarget === null) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.invalidSnapshot,
      'The board snapshot has no vote tally; every group counts 0 votes.',
    )
  }
  const votes = (targetId: string): number => {
    const n: unknown = byTarget?.get(targetId)
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
  }
  return { notes, groups, votes, ...settings }
}

/**
 * "Tidy up": lays out a selection (or the whole board) without overlaps, frames with their
 * notes in grids (geometry in ../tidy-pack.ts). One gesture over many entities, so it checks
 * every argument and every derived position first and writes in ONE transaction: one undo
 * step, all or nothing.
 */
import type * as Y from 'yjs'
import type { Box } from '../layout'
import { noteBox } from '../layout'
import { readGroups, readNotes } from '../read'
import { getEntity } from '../schema'
import { tidyLayout } from '../tidy-pack'
import { BoardCommandError } from '../errors'
import { checkArgs, checkCoordinate, checkId, checkNumber, MAX_COORDINATE } from '../validate'
import { collection, setIfChanged } from './internal'
import { placeNotes } from './notes'

/** The most ids one tidy may list; far above any selection a person makes. */
const MAX_IDS = 100_000

function invalid(field: string, message: string): never {
  throw new BoardCommandError('invalid-argument', `${field}: ${message}`, field)
}

/** The listed ids (notes or frames, in any mix); ids naming nothing are skipped later. */
function scopeOf(value: unknown): Set<string> | null {
  if (value === undefined || value === null) return null
  if (!Array.isArray(value)) invalid('ids', 'must be an array of ids')
  if (value.length > MAX_IDS) invalid('ids', `must list at most ${MAX_IDS} ids`)
  const out = new Set<string>()
  for (let i = 0; i < value.length; i++) out.add(checkId(value[i], `ids[${i}]`))
  return out
}

function requireOnBoard(boxes: readonly Box[]): void {
  for (const b of boxes) {
    checkCoordinate(b.x, 'ids')
    checkCoordinate(b.y, 'ids')
    checkNumber(b.w, 'ids', 0, MAX_COORDINATE)
    checkNumber(b.h, 'ids', 0, MAX_COORDINATE)
  }
}

export interface TidyUpArgs {
  /** Notes and frames to tidy; absent: the whole board. A note in a frame tidies its frame. */
  readonly ids?: readonly string[]
}

/**
 * Tidies a selection or the whole board: each frame's notes in its grid (the frame grows to
 * hold them), frames and loose notes packed in rows without any overlap, in reading order.
 * Returns the ids of the frames and notes it laid out.
 *
 * @example
 * tidyUp(doc, {}, origin) // the whole board
 * tidyUp(doc, { ids: ['g1', 'n7'] }, origin)
 */
export function tidyUp(doc: Y.Doc, args: TidyUpArgs, origin: unknown): string[] {
  const a = checkArgs(args, 'tidyUp')
  const scope = scopeOf(a.ids)
  // Only frames a command can write take part: a group still stored as plain JSON (before
  // migrate repairs it) could not be resized.
  const groups = readGroups(doc).filter((g) => getEntity(doc, 'groups', g.id) !== null)
  const notes = readNotes(doc, new Set(groups.map((g) => g.id)))
  const layout = tidyLayout(notes, groups, scope)
  if (layout.frames.length === 0 && layout.positions.length === 0) return []
  requireOnBoard([...layout.frames, ...layout.positions.map(noteBox)])
  collection(doc, 'notes')
  collection(doc, 'groups')
  doc.transact(() => {
    // The frames' bounds are written as they are, not through setGroupBounds: that would carry
    // every note along first, and each note is placed in its own cell right after.
    for (const f of layout.frames) {
      const group = getEntity(doc, 'groups', f.id)
      if (!group) continue
      for (const key of ['x', 'y', 'w', 'h'] as const) setIfChanged(group, key, f[key])
    }
    placeNotes(doc, { positions: [...layout.positions] }, origin)
  }, origin)
  return [...layout.frames.map((f) => f.id), ...layout.positions.map((p) => p.id)]
}

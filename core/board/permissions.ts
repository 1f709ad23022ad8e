/**
 * What each role may change in the board document, as a value the relay applies to every
 * update (core/sync/update-places.ts says where an update writes; this says whether it may).
 * docs/private-brainstorm.md "Roles" is the contract; docs/roles.md the per-action table.
 *
 * Places are judged, not commands: a stock client can write anything a command could and more,
 * so each facilitator-only command is listed by the places only it writes. What carry-forward
 * and conversion-apply write besides these (new objectives, key results, their fields) is what
 * an editor may write by hand too, so only their marks are facilitator-only: `carriedFrom`,
 * `draftBase`, `meta.conversionDecisions` and the board's `meta.timeframe`.
 */
import * as Y from 'yjs'
import type { Place, UpdatePlaces } from '../sync/update-places'
import { readMeta } from './read'
import { getCollection, getMeta, type EntityRoot } from './schema'
import type { Phase } from './board-model'

/** What a board link grants (server/relay/connection.ts Role). */
export type BoardRole = 'facilitate' | 'edit' | 'view'

/** Who sends an update: the link's role and the member id the socket claims (may be absent). */
export interface Writer {
  readonly role: BoardRole
  readonly member: string | null
  /**
   * A board file merged over HTTP rather than a socket's update. A file carries the `sealed`
   * root of the board it was taken from: a facilitator's import may bring it, and the relay
   * then drops the counts of members with no private room here.
   */
  readonly importing?: boolean
}

export type Judgement =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: string }

/** `meta` keys only a facilitator writes, with what writing one means to a person. */
export const FACILITATOR_ONLY_META: Readonly<Record<string, string>> = {
  phase: 'change the phase',
  notesRevealed: 'reveal or hide the notes',
  votesRevealed: 'reveal or hide the votes',
  voteBudget: 'change the dot budget',
  timer: 'start or stop the timer',
  anonymous: 'switch anonymous mode',
  // updateBoardSettings; carry-forward moves the board's timeframe too.
  title: 'rename the board',
  timeframe: "change the board's cycle",
  cadence: "change the board's cycle length",
  // applyConversion records what it wrote; the convert panel's ticks are decisions too.
  conversionDecisions: 'apply or change the conversion',
  agenda: 'run the agenda',
}

/**
 * Facilitator-only `meta` keys any editor may write while the board holds none (or null): the
 * app's own setup writes them on whichever device opens a board first (board-defaults.ts seeds
 * the cycle of a board without one, migrate creates the empty decisions map). Refusing those
 * would close every participant's socket as they open such a board. Entries inside the map
 * stay refused.
 */
export const SEEDED_BY_ANYONE: readonly string[] = ['timeframe', 'conversionDecisions']

/** Entity fields only carry-forward (`carriedFrom`) and conversion-apply (`draftBase`) write. */
export const FACILITATOR_ONLY_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  objectives: { draftBase: 'apply the conversion', carriedFrom: 'carry objectives forward' },
  keyResults: { draftBase: 'apply the conversion', carriedFrom: 'carry objectives forward' },
  initiatives: { draftBase: 'apply the conversion' },
}

/** Roots only the relay writes (with its own origin): no client role may touch them. */
export const RELAY_ONLY_ROOTS: readonly string[] = ['sealed']

/** Phases in which an editor may delete only what they wrote themselves. */
export const OWN_CONTENT_PHASES: readonly Phase[] = ['brainstorm', 'vote']

/** Collections whose entities carry an `author` (absent counts as someone else's). */
export const AUTHORED_ROOTS: readonly string[] = ['notes', 'groups']

const ALLOWED: Judgement = { allowed: true }

/**
 * Whether `writer` may make the changes `found` lists on `doc` as it is now (before the update
 * is applied): the first refused place decides, with a sentence the app can show.
 *
 * @example
 * const verdict = judgeUpdate(doc, updatePlaces(doc, bytes), { role: 'edit', member: 'u1' })
 * if (!verdict.allowed) socket.close(4403, verdict.reason)
 */
export function judgeUpdate(doc: Y.Doc, found: UpdatePlaces, writer: Writer): Judgement {
  const { places } = found
  if (writer.role === 'view' && places.length > 0) {
    return refused('A view link cannot change the board')
  }
  const sealed = places.find((p) => RELAY_ONLY_ROOTS.includes(p.path[0] ?? ''))
  const fileImport = writer.importing === true && writer.role === 'facilitate'
  if (sealed !== undefined && !fileImport) {
    return refused(`Only the server writes the hidden-note counts (${sealed.path[0]})`)
  }
  if (writer.role === 'facilitate') return ALLOWED
  if (found.unresolved.length > 0) {
    return refused('Part of this change could not be placed on the board')
  }
  const phase = readMeta(doc).phase
  for (const place of places) {
    const reason =
      metaReason(doc, place) ??
      fieldReason(place, places) ??
      voteReason(place, places, writer) ??
      reactionReason(place, writer) ??
      authorReason(doc, place, phase, writer)
    if (reason !== null) return refused(reason)
  }
  return ALLOWED
}

function refused(reason: string): Judgement {
  return { allowed: false, reason }
}

function metaReason(doc: Y.Doc, place: Place): string | null {
  const [root, key] = place.path
  if (root !== 'meta' || key === undefined) return null
  const label = FACILITATOR_ONLY_META[key]
  if (label === undefined) return null
  const seeding =
    place.kind === 'write' &&
    place.path.length === 2 &&
    SEEDED_BY_ANYONE.includes(key) &&
    (getMeta(doc)?.get(key) ?? null) === null
  return seeding ? null : `Only a facilitator can ${label} (meta.${key})`
}

/** A mark deleted with its whole entity goes with it; written or deleted alone it is refused. */
function fieldReason(place: Place, places: readonly Place[]): string | null {
  const [root, id, field] = place.path
  if (root === undefined || id === undefined || field === undefined) return null
  const label = FACILITATOR_ONLY_FIELDS[root]?.[field]
  if (label === undefined) return null
  if (place.kind === 'delete' && places.some((p) => isEntityDelete(p, root, id))) return null
  return `Only a facilitator can ${label} (${root}.${field})`
}

function isEntityDelete(place: Place, root: string, id: string): boolean {
  return (
    place.kind === 'delete' &&
    place.path.length === 2 &&
    place.path[0] === root &&
    place.path[1] === id
  )
}

/**
 * A voter's dots are theirs in every phase: an editor writes and retracts only under their
 * own `votes.<member>` (a peer that moved someone else's dots would change the ranking).
 */
function voteReason(place: Place, places: readonly Place[], writer: Writer): string | null {
  const [root, voter, target] = place.path
  if (root !== 'votes' || voter === undefined) return null
  if (writer.member !== null && voter === writer.member) return null
  // Deleting a note or group takes its dots with it (deleteNotes): allowed with the entity.
  const withTarget = (p: Place) =>
    isEntityDelete(p, 'notes', target!) || isEntityDelete(p, 'groups', target!)
  if (place.kind === 'delete' && target !== undefined && places.some(withTarget)) return null
  return `Only a facilitator can change another person's dots (votes.${voter})`
}

/** Reactions are their author's, as dots are: an editor writes only `reactions.<member>`. */
function reactionReason(place: Place, writer: Writer): string | null {
  const [root, member] = place.path
  if (root !== 'reactions' || member === undefined) return null
  if (writer.member !== null && member === writer.member) return null
  return `Only a facilitator can change another person's reactions (reactions.${member})`
}

/**
 * In the brainstorm and the vote, an editor deletes, replaces or re-attributes only their own
 * notes and groups. A write at an entity's key replaces the entity (Yjs deletes the old value),
 * and a write to its `author` would make it theirs first.
 */
function authorReason(doc: Y.Doc, place: Place, phase: Phase, writer: Writer): string | null {
  const [root, id, field] = place.path
  if (!OWN_CONTENT_PHASES.includes(phase) || root === undefined || id === undefined) return null
  if (!AUTHORED_ROOTS.includes(root)) return null
  const entityPlace = place.path.length === 2
  if (!entityPlace && !(place.path.length === 3 && field === 'author')) return null
  const current = liveEntry(doc, root, id)
  if (current === undefined) return null
  if (mayRemoveAuthored(phase, writer, authorOf(current))) return null
  const what = root === 'notes' ? 'note' : 'group'
  const during = phase === 'vote' ? 'During the vote' : 'During the brainstorm'
  const action = entityPlace ? 'delete or replace' : 'change the author of'
  return `${during} only a facilitator can ${action} a ${what} someone else wrote (${root}.${id})`
}

/**
 * Whether `writer` may delete (or replace) a note or group whose `author` is `author` in
 * `phase`: the rule the relay applies, for the app to check before it offers a deletion.
 *
 * @example
 * mayRemoveAuthored('vote', { role: 'edit', member: 'ann' }, 'bob') // false
 */
export function mayRemoveAuthored(phase: Phase, writer: Writer, author: string | null): boolean {
  if (writer.role === 'facilitate' || !OWN_CONTENT_PHASES.includes(phase)) return true
  return writer.member !== null && author === writer.member
}

function liveEntry(doc: Y.Doc, root: string, id: string): unknown {
  // getCollection, not doc.share: the relay's roots are untyped until someone asks for a map.
  return getCollection(doc, root as EntityRoot)?.get(id)
}

function authorOf(entry: unknown): string | null {
  const author =
    entry instanceof Y.Map
      ? (entry as Y.Map<unknown>).get('author')
      : typeof entry === 'object' && entry !== null
        ? (entry as { author?: unknown }).author
        : null
  return typeof author === 'string' ? author : null
}

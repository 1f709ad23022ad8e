/**
 * Members: everyone who has opened the board with an edit link, by the stable user id their
 * device generated, with the name and colour they chose. Owner fields store a member's id, so
 * "Ana" and "Ana Ruiz" are one person once Ana picks herself, and a rename shows everywhere
 * the owner is read. An owner that is not a member id (a board from before members, or someone
 * who is not on the board) is a free-text name and reads as typed.
 *
 * The `members` root maps a user id to a plain `{ name, color }` object, written only by the
 * commands in ./commands/members.ts. Any peer can write any entry, so a reader takes nothing
 * on trust: an entry that is not a plain object, has a name that is not a short string, or a
 * key that is not an id, is left out, never repaired into something nobody wrote.
 */
import type * as Y from 'yjs'
import { colorOr } from './colors'
import { fieldsOf, isRecord } from './coerce'
import { sanitizeLine } from '../text/sanitize'
import { MAX_ID_LENGTH } from './validate'

/** A member's name as commands store it; the client's own limit (40) sits well inside it. */
export const MAX_MEMBER_NAME = 80
/**
 * Readers stop here: a real team is a few dozen people, and a peer that writes thousands of
 * entries must not make every filter and picker slow for everyone else.
 */
export const MAX_MEMBERS = 500
/** A member whose stored colour is unusable is drawn in this neutral grey. */
export const DEFAULT_MEMBER_COLOR = '#6b7280'

export interface Member {
  readonly id: string
  readonly name: string
  readonly color: string
}

/**
 * The `members` root, or null when another tool took the name with a different Y type.
 *
 * @example
 * getMembers(doc)?.has('u1') // whether u1 has joined
 */
export function getMembers(doc: Y.Doc): Y.Map<unknown> | null {
  try {
    return doc.getMap<unknown>('members')
  } catch (_error) {
    return null
  }
}

/** One stored entry as a member, or null when it is malformed in any way. */
export function memberOf(id: string, value: unknown): Member | null {
  // Ids as long as any entity id: the limit `checkId` enforces on the member commands.
  if (id === '' || id.length > MAX_ID_LENGTH) return null
  // A plain object only: a shared type here was not written by a member command.
  if (!isRecord(value)) return null
  const get = fieldsOf(value)
  const name = get?.('name')
  if (typeof name !== 'string' || name.length > MAX_MEMBER_NAME) return null
  const clean = sanitizeLine(name).trim()
  if (clean === '') return null
  return { id, name: clean, color: colorOr(get?.('color'), DEFAULT_MEMBER_COLOR) }
}

/**
 * Every well-formed member, sorted by name (then id, so peers agree), at most MAX_MEMBERS.
 * An absent root reads as no members.
 *
 * @example
 * readMembers(doc) // [{ id: 'u1', name: 'Ana Ruiz', color: '#e11d48' }]
 */
export function readMembers(doc: Y.Doc): Member[] {
  const root = getMembers(doc)
  if (root === null) return []
  const ids = [...root.keys()].sort()
  const members: Member[] = []
  for (const id of ids) {
    if (members.length >= MAX_MEMBERS) break
    const member = memberOf(id, root.get(id))
    if (member !== null) members.push(member)
  }
  return members.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
}

/** Who an owner field names: a member (by id) or a name typed in as text. */
export interface OwnerRef {
  /** What groups owners: the member's id, or the typed name itself. */
  readonly key: string
  /** What people read: the member's current name, or the text as typed. */
  readonly name: string
  readonly member: Member | null
}

/** Members by id, for resolving many owners at once. */
export type MemberIndex = ReadonlyMap<string, Member>

export function indexMembers(members: readonly Member[]): MemberIndex {
  return new Map(members.map((m) => [m.id, m]))
}

/**
 * What an owner field holds, resolved: a member id reads as that member's current name, any
 * other text as typed; empty or null is nobody.
 *
 * @example
 * resolveOwner('u1', index)?.name // 'Ana Ruiz' (after Ana renamed herself)
 * resolveOwner('Dana from sales', index) // { key: 'Dana from sales', name: …, member: null }
 */
export function resolveOwner(
  owner: string | null | undefined,
  members: MemberIndex,
): OwnerRef | null {
  if (owner === null || owner === undefined) return null
  const member = members.get(owner)
  if (member !== undefined) return { key: member.id, name: member.name, member }
  const name = sanitizeLine(owner).trim()
  return name === '' ? null : { key: owner, name, member: null }
}

/** The name an owner field shows, or null for nobody. */
export function ownerName(owner: string | null | undefined, members: MemberIndex): string | null {
  return resolveOwner(owner, members)?.name ?? null
}

/**
 * Two letters for an avatar: the first letters of the first and last words, where a word is a
 * run of letters or digits, so punctuation and brackets never become an initial.
 *
 * @example
 * initials('Fiona (facilitator)') // 'FF'
 * initials('ana ruiz') // 'AR'
 * initials('Bo') // 'B'
 */
export function initials(name: string): string {
  const words = name.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu) ?? []
  const first = words[0]
  const last = words[words.length - 1]
  if (first === undefined || last === undefined) return '?'
  const letters = words.length > 1 ? [first, last] : [first]
  return letters
    .map((word) => Array.from(word)[0] ?? '')
    .join('')
    .toUpperCase()
}

/**
 * Member commands: a person joins the board (written once, when they first open it with an
 * edit link) and renames themself. Both write one plain `{ name, color }` entry under the
 * person's user id in the `members` root (../members.ts says why plain and how it is read).
 */
import type * as Y from 'yjs'
import { BoardCommandError } from '../errors'
import { getMembers, MAX_MEMBER_NAME, memberOf, type Member } from '../members'
import { checkArgs, checkColor, checkId, checkLine } from '../validate'

function membersRoot(doc: Y.Doc): Y.Map<unknown> {
  const root = getMembers(doc)
  if (root === null) {
    throw new BoardCommandError('invalid-argument', 'the document\'s "members" root is not a Y.Map')
  }
  return root
}

function checkName(value: unknown): string {
  const name = checkLine(value, 'name', MAX_MEMBER_NAME).trim()
  if (name === '')
    throw new BoardCommandError('invalid-argument', 'name: must not be empty', 'name')
  return name
}

/** Writes the entry unless it already reads exactly so: reopening a board writes nothing. */
function writeMember(doc: Y.Doc, member: Member, origin: unknown): boolean {
  const root = membersRoot(doc)
  const current = memberOf(member.id, root.get(member.id))
  if (current?.name === member.name && current.color === member.color) return false
  doc.transact(() => {
    root.set(member.id, { name: member.name, color: member.color })
  }, origin)
  return true
}

/**
 * Records the person as a member of the board, or brings their entry up to date (a rename made
 * on another board, or offline, reaches this one the next time it is opened). Returns whether
 * anything was written.
 *
 * @example
 * joinBoard(doc, { id: identity.id, name: 'Ana Ruiz', color: '#e11d48' }, origin) // true
 * joinBoard(doc, { id: identity.id, name: 'Ana Ruiz', color: '#e11d48' }, origin) // false
 */
export function joinBoard(
  doc: Y.Doc,
  args: { readonly id: string; readonly name: string; readonly color: string },
  origin: unknown,
): boolean {
  const a = checkArgs(args, 'joinBoard')
  const member = {
    id: checkId(a.id, 'id'),
    name: checkName(a.name),
    color: checkColor(a.color, 'color'),
  }
  return writeMember(doc, member, origin)
}

/**
 * A member's new name; every owner field that holds their id reads it at once. Throws
 * `not-found` for someone who never joined (join them instead), and keeps their colour.
 *
 * @example
 * renameMember(doc, { id: 'u1', name: 'Ana Ruiz' }, origin)
 */
export function renameMember(
  doc: Y.Doc,
  args: { readonly id: string; readonly name: string },
  origin: unknown,
): boolean {
  const a = checkArgs(args, 'renameMember')
  const id = checkId(a.id, 'id')
  const name = checkName(a.name)
  const current = memberOf(id, membersRoot(doc).get(id))
  if (current === null) throw new BoardCommandError('not-found', `members: no member "${id}"`, 'id')
  return writeMember(doc, { ...current, name }, origin)
}

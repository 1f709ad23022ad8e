/**
 * What the owner picker offers, as plain functions: the members whose names match what is
 * typed, and what a typed name stores (a member's id when it names exactly one member, else the
 * text itself, for someone who is not on the board).
 */
import { html } from 'lit'
import { styleMap } from 'lit/directives/style-map.js'
import {
  indexMembers,
  initials,
  resolveOwner,
  type Member,
  type OwnerRef,
} from '../../core/board/members'

/** Longest free-text owner the commands accept (an id's length). */
export const MAX_OWNER_TEXT = 200

export function currentOwner(value: string | null, members: readonly Member[]): OwnerRef | null {
  return resolveOwner(value, indexMembers(members))
}

const fold = (text: string) => text.trim().toLocaleLowerCase()

/** Members whose name contains the query (any case), in the board's member order. */
export function matchingMembers(members: readonly Member[], query: string): Member[] {
  const q = fold(query)
  return q === '' ? [...members] : members.filter((m) => fold(m.name).includes(q))
}

/** The one member called exactly `text` (any case), or null when none or several are. */
export function memberNamed(members: readonly Member[], text: string): Member | null {
  const named = members.filter((m) => fold(m.name) === fold(text))
  return named.length === 1 ? (named[0] ?? null) : null
}

/**
 * What typing `text` and pressing Enter stores: nobody for an empty field, the member it names
 * exactly, or the text as a free-text owner.
 *
 * @example
 * ownerFromText('ana ruiz', members) // 'u-ana' (Ana Ruiz is a member)
 * ownerFromText('Dana from sales', members) // 'Dana from sales'
 */
export function ownerFromText(text: string, members: readonly Member[]): string | null {
  const name = text.replace(/\s+/g, ' ').trim().slice(0, MAX_OWNER_TEXT)
  if (name === '') return null
  return memberNamed(members, name)?.id ?? name
}

/**
 * A round avatar with the person's initials in their colour; a free-text owner gets a hollow
 * one, since they are not on the board. Colours reach CSS only after core's colour check.
 */
export function ownerAvatar(owner: { readonly name: string; readonly member: Member | null }) {
  const color = owner.member?.color
  return html`<span
    class=${color === undefined ? 'avatar outside' : 'avatar'}
    style=${styleMap(color === undefined ? {} : { background: color })}
    aria-hidden="true"
    >${initials(owner.name)}</span
  >`
}

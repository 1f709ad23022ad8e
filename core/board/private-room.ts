/**
 * Reading a private room and the shared `sealed` root (docs/private-brainstorm.md). A private
 * room has the shared document's `notes` layout, so the usual note readers and commands work
 * on it; its `votes` root is `targetId → count` for its one voter. `sealed` is written by the
 * relay only and read here defensively: a peer may have put anything there.
 */
import * as Y from 'yjs'
import { asNumber, isRecord } from './coerce'

/** A root as a Y.Map, or null when the name is taken by another Y type on this Doc. */
function mapRoot(doc: Y.Doc, name: string): Y.Map<unknown> | null {
  try {
    return doc.getMap<unknown>(name)
  } catch (_error) {
    return null
  }
}

/** A private room's dots: target id → count (whole, positive; anything else is ignored). */
export function readPrivateVotes(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>()
  const votes = mapRoot(doc, 'votes')
  if (votes === null) return out
  for (const [targetId, raw] of votes.entries()) {
    const count = Math.trunc(asNumber(raw, 0))
    if (count > 0) out.set(targetId, count)
  }
  return out
}

/** One member's hidden work as everyone else may know it: how much, never what. */
export interface SealedCounts {
  readonly notes: number
  readonly dots: number
}

/** Largest count believed: a hostile writer must not make the app draw a million cards. */
const MAX_SEALED = 1000

function count(value: unknown): number {
  const n = Math.trunc(asNumber(value, 0))
  return n > 0 ? Math.min(n, MAX_SEALED) : 0
}

/**
 * The shared `sealed` root as member id → counts; members with nothing hidden are left out.
 *
 * @example
 * readSealed(doc).get('bo')?.notes // 3
 */
export function readSealed(doc: Y.Doc): Map<string, SealedCounts> {
  const out = new Map<string, SealedCounts>()
  const sealed = mapRoot(doc, 'sealed')
  if (sealed === null) return out
  for (const [member, raw] of sealed.entries()) {
    const value: unknown = raw instanceof Y.Map ? (raw as Y.Map<unknown>).toJSON() : raw
    if (!isRecord(value)) continue
    const counts = { notes: count(value.notes), dots: count(value.dots) }
    if (counts.notes > 0 || counts.dots > 0) out.set(member, counts)
  }
  return out
}

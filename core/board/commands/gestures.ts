/**
 * Commands for gestures that change several entities at once. Each validates everything first
 * and then writes in ONE transaction, so a peer never sees half a gesture, a rejected gesture
 * writes nothing, and the undo manager reverts the whole gesture in one step.
 */
import type * as Y from 'yjs'
import { BoardCommandError } from '../errors'
import { readKeyResults, readObjectives } from '../read'
import { createInitiative, deleteKeyResult, updateKeyResult, updateObjective } from './okr'

/**
 * Turns a key result phrased as a task into an initiative of its objective, keeping its title
 * and source notes, and removes the key result (with its check-ins).
 *
 * @example
 * makeKeyResultAnInitiative(doc, { keyResultId: 'kr:n1', initiativeId: 'i1' }, origin)
 */
export function makeKeyResultAnInitiative(
  doc: Y.Doc,
  args: { readonly keyResultId: string; readonly initiativeId: string },
  origin: unknown,
): void {
  const kr = readKeyResults(doc).find((k) => k.id === args.keyResultId)
  if (!kr) {
    throw new BoardCommandError('not-found', `No key result ${args.keyResultId}`, 'keyResultId')
  }
  doc.transact(() => {
    // createInitiative validates before writing and runs first, so a rejection writes nothing.
    createInitiative(
      doc,
      {
        id: args.initiativeId,
        title: kr.title,
        objectiveId: kr.objectiveId,
        sourceNoteIds: kr.sourceNoteIds,
      },
      origin,
    )
    deleteKeyResult(doc, { id: kr.id }, origin)
  }, origin)
}

function checkOrder(ids: unknown, known: ReadonlySet<string>, what: string): readonly string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw new BoardCommandError('invalid-argument', `ids must be a list of ${what} ids`, 'ids')
  }
  const list = ids as string[]
  if (new Set(list).size !== list.length) {
    throw new BoardCommandError('invalid-argument', `ids lists a ${what} twice`, 'ids')
  }
  const missing = list.find((id) => !known.has(id))
  if (missing !== undefined) {
    throw new BoardCommandError('not-found', `No ${what} ${missing}`, 'ids')
  }
  return list
}

/**
 * Gives the listed objectives the orders 0, 1, 2 … in list order, writing only those that
 * change (so a concurrent edit of an unmoved objective is not overwritten).
 *
 * @example
 * reorderObjectives(doc, { ids: ['o2', 'o1', 'o3'] }, origin)
 */
export function reorderObjectives(
  doc: Y.Doc,
  args: { readonly ids: readonly string[] },
  origin: unknown,
): void {
  const current = new Map(readObjectives(doc).map((o) => [o.id, o.order]))
  const ids = checkOrder(args.ids, new Set(current.keys()), 'objective')
  doc.transact(() => {
    ids.forEach((id, order) => {
      if (current.get(id) !== order) updateObjective(doc, { id, order }, origin)
    })
  }, origin)
}

/**
 * Gives the listed key results the orders 0, 1, 2 … in list order, writing only those that
 * change.
 *
 * @example
 * reorderKeyResults(doc, { ids: ['kr2', 'kr1'] }, origin)
 */
export function reorderKeyResults(
  doc: Y.Doc,
  args: { readonly ids: readonly string[] },
  origin: unknown,
): void {
  const current = new Map(readKeyResults(doc).map((kr) => [kr.id, kr.order]))
  const ids = checkOrder(args.ids, new Set(current.keys()), 'key result')
  doc.transact(() => {
    ids.forEach((id, order) => {
      if (current.get(id) !== order) updateKeyResult(doc, { id, order }, origin)
    })
  }, origin)
}

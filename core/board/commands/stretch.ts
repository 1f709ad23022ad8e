/**
 * "Amp up your ambition" as a board command: the key result's target is stretched once (the
 * rule is core/okr/stretch.ts), the target it had is kept beside it, and the title may be
 * rewritten in the same step, so the number in the title and the target never disagree in
 * anyone's copy, and one undo takes all of it back.
 */
import type * as Y from 'yjs'
import { formatNumber } from '../../export/format'
import { stretchTarget } from '../../okr/stretch'
import { BoardCommandError } from '../errors'
import { restoreKeyResult } from '../restore'
import { checkArgs, checkId, checkLine, optional } from '../validate'
import { replaceText, requireEntity, textOf } from './internal'

/** What `stretchKeyResult` wrote: the target before and after. */
export interface StretchOutcome {
  readonly originalTarget: number
  readonly target: number
}

/**
 * Stretches a key result's target by the playbook's 30 %, in its goal's direction and within
 * its metric's bounds (`stretchTarget`), and records the target it had as `originalTarget`.
 * `title`, when given, replaces the title in the same transaction (the client proposes it with
 * `retitle`). Refused with `invalid-argument` when the key result was already stretched (the
 * stretch applies once: a second click must not stack 5 → 4.1 → 2.93) or has nothing to
 * stretch; `not-found` when it does not exist.
 *
 * @example
 * stretchKeyResult(doc, { id: 'kr1', title: 'Raise NPS from 32 to 48.9' }, origin) // { originalTarget: 45, target: 48.9 }
 */
export function stretchKeyResult(
  doc: Y.Doc,
  args: { readonly id: string; readonly title?: string },
  origin: unknown,
): StretchOutcome {
  const a = checkArgs(args, 'stretchKeyResult')
  const id = checkId(a.id, 'id')
  const title = optional(a, 'title', (v, f) => checkLine(v, f, 1000))
  if (title === '') {
    throw new BoardCommandError('invalid-argument', 'title: must not be empty', 'title')
  }
  const entity = requireEntity(doc, 'keyResults', id)
  const kr = restoreKeyResult(id, entity)
  if (kr === null) throw new BoardCommandError('not-found', `keyResults: no entity "${id}"`, 'id')
  if (typeof kr.originalTarget === 'number') {
    throw new BoardCommandError(
      'invalid-argument',
      `id: already stretched from ${formatNumber(kr.originalTarget)}; a stretch applies once`,
      'id',
    )
  }
  const result = kr.measurable === false ? null : stretchTarget(kr)
  if (result === null || !result.changed) {
    const why = result?.diagnostics[0]?.message ?? 'Nothing to stretch: the target is not set.'
    throw new BoardCommandError('invalid-argument', `id: ${why}`, 'id')
  }
  doc.transact(() => {
    entity.set('originalTarget', kr.target)
    entity.set('target', result.target)
    if (title !== undefined) replaceText(textOf(entity, 'keyResults'), title)
  }, origin)
  return { originalTarget: kr.target, target: result.target }
}

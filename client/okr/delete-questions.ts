/**
 * What the editor asks before a delete takes history with it. An objective with key results or
 * check-ins, or a key result with check-ins, is asked about first ("Delete “Cut churn” with 2
 * key results and 5 check-ins?"); an empty one goes at once, with its undo toast either way.
 */
import { formatAmount } from '../../core/export/format'
import type { KeyResultCard, ObjectiveCard } from './editor-model'

function count(n: number, one: string, many: string): string {
  return `${formatAmount(n)} ${n === 1 ? one : many}`
}

function question(title: string, parts: readonly string[]): string | null {
  if (parts.length === 0) return null
  const name = title.trim() === '' ? 'this untitled item' : `“${title}”`
  return `Delete ${name} with ${parts.join(' and ')}?`
}

/**
 * @example
 * objectiveDeleteQuestion(card) // 'Delete “Cut churn” with 2 key results and 5 check-ins?'
 */
export function objectiveDeleteQuestion(card: ObjectiveCard): string | null {
  const keyResults = card.keyResults.length
  const checkIns = card.keyResults.reduce((n, kr) => n + (kr.figures?.checkInCount ?? 0), 0)
  const parts = [
    ...(keyResults > 0 ? [count(keyResults, 'key result', 'key results')] : []),
    ...(checkIns > 0 ? [count(checkIns, 'check-in', 'check-ins')] : []),
  ]
  return question(card.record.title, parts)
}

export function keyResultDeleteQuestion(card: KeyResultCard): string | null {
  const checkIns = card.figures?.checkInCount ?? 0
  return question(card.record.title, checkIns > 0 ? [count(checkIns, 'check-in', 'check-ins')] : [])
}

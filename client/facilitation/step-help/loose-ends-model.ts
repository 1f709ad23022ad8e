/**
 * "Agree next steps": the loose ends to tie before the team goes into execution – owners
 * missing, numbers that are missing or plainly placeholders, key results nothing measures –
 * each with the one field that fixes it in place (the element runs the existing
 * updateKeyResult / updateObjective commands with what is typed there).
 *
 * The findings follow core/okr's checklist (lint.ts: kr-no-owner, kr-not-measurable,
 * kr-no-baseline; objective-no-owner) and add the placeholders a checklist cannot call errors:
 * 999, 12345, "TBD", "X %".
 */
import type { BoardSnapshot, KeyResultRecord } from '../../../core/board/board-model'
import { baselineUnknown } from '../../../core/okr/lint-metrics'
import { isFiniteNumber, textOf } from '../../../core/okr/numbers'
import { resolveTarget } from '../../../core/okr/targets'
import { liveKeyResults, type KeyResultRef } from './help-model'

export const LOOSE_END_KINDS = [
  'objective-no-owner',
  'no-owner',
  'no-target',
  'no-baseline',
  'start-equals-target',
  'placeholder-target',
  'placeholder-start',
  'placeholder-title',
  'no-metric',
] as const
export type LooseEndKind = (typeof LOOSE_END_KINDS)[number]

/** The field that ties the loose end: what the element shows beside it. */
export type LooseEndFix = 'objective-owner' | 'owner' | 'target' | 'start' | 'title' | 'metric'

export interface LooseEnd {
  /** Unique in the list: `${kind}:${id}`; the element's test ids use it. */
  readonly key: string
  readonly kind: LooseEndKind
  readonly fix: LooseEndFix
  /** The objective or key result to change. */
  readonly id: string
  /** What people read: the key result (or, for an objective, its title as `title`). */
  readonly subject: KeyResultRef
  readonly message: string
  /** The field's value now, to start the input from (a title to correct, a number to replace). */
  readonly current: string
}

/** Numbers people type when they do not know yet: 999, 9999, 1234, 12345, 123456. */
export function isPlaceholderNumber(value: unknown): boolean {
  if (!isFiniteNumber(value)) return false
  const digits = String(Math.abs(value))
  return /^9{3,}$/.test(digits) || /^12345?6?$/.test(digits)
}

// "TBD", "TBC", "TODO", "??", a lone "X"/"XX" where a number belongs ("grow by X %"), "[number]".
const PLACEHOLDER_TITLE: readonly RegExp[] = [
  /(?<![\p{L}\p{N}])(?:tbd|tbc|tba|todo|t\.b\.d\.?)(?![\p{L}\p{N}])/iu,
  /\?{2,}/u,
  /(?<![\p{L}\p{N}.-])(?:X{1,3}|x{2,3})(?![\p{L}\p{N}-])/u,
  /\[[^\]]{0,40}\]/u,
]

/** The part of a title that is a placeholder ("TBD", "X"), or null. */
export function placeholderInTitle(title: unknown): string | null {
  const text = textOf(title)
  for (const pattern of PLACEHOLDER_TITLE) {
    const match = pattern.exec(text)
    if (match !== null) return match[0].trim()
  }
  return null
}

/** What the number fields hold as text for the input (an unset field is empty). */
const numberText = (value: unknown): string => (isFiniteNumber(value) ? String(value) : '')

function keyResultEnds(kr: KeyResultRecord, ref: KeyResultRef): LooseEnd[] {
  const out: LooseEnd[] = []
  const end = (kind: LooseEndKind, fix: LooseEndFix, message: string, current: string) =>
    out.push({ key: `${kind}:${kr.id}`, kind, fix, id: kr.id, subject: ref, message, current })
  if (!textOf(kr.owner).trim()) end('no-owner', 'owner', 'No owner: who checks in on it?', '')
  const titlePlaceholder = placeholderInTitle(kr.title)
  if (titlePlaceholder !== null) {
    end(
      'placeholder-title',
      'title',
      `The title holds a placeholder (“${titlePlaceholder}”): write the real number.`,
      textOf(kr.title),
    )
  }
  if (kr.measurable === false || !isFiniteNumber(kr.target)) {
    end('no-target', 'target', 'No target yet: what number means done?', '')
    return out
  }
  const startKnown = !baselineUnknown(kr)
  if (!startKnown) {
    end('no-baseline', 'start', 'No baseline: where does it stand today?', '')
  } else if (isPlaceholderNumber(kr.start)) {
    end(
      'placeholder-start',
      'start',
      `The start ${kr.start} looks like a placeholder: firm it up.`,
      numberText(kr.start),
    )
  }
  let measurable = true
  try {
    measurable = resolveTarget(kr).measurable
  } catch {
    measurable = false
  }
  if (startKnown && !measurable) {
    end(
      'start-equals-target',
      'target',
      `Start and target are both ${String(kr.start)}: there is nothing to measure.`,
      numberText(kr.target),
    )
  } else if (isPlaceholderNumber(kr.target)) {
    end(
      'placeholder-target',
      'target',
      `The target ${kr.target} looks like a placeholder: firm it up.`,
      numberText(kr.target),
    )
  }
  if (!textOf(kr.metric).trim() && !/\d/.test(textOf(kr.title))) {
    end('no-metric', 'metric', 'Nothing says what is measured: name the metric.', '')
  }
  return out
}

/**
 * Every loose end on the board, objective owners first, then each key result's in board order.
 * An empty list means the team is ready to go.
 *
 * @example
 * looseEnds(snapshot).map((e) => e.key) // ['no-owner:kr1', 'no-target:kr2', 'placeholder-target:kr3']
 */
export function looseEnds(snapshot: BoardSnapshot): LooseEnd[] {
  const out: LooseEnd[] = []
  for (const o of Array.isArray(snapshot.objectives) ? snapshot.objectives : []) {
    if (o.status === 'cancelled' || typeof o.id !== 'string' || textOf(o.owner).trim()) continue
    const title = textOf(o.title).trim() || 'Untitled objective'
    out.push({
      key: `objective-no-owner:${o.id}`,
      kind: 'objective-no-owner',
      fix: 'objective-owner',
      id: o.id,
      subject: { id: o.id, title, objectiveTitle: title },
      message: 'The objective has no owner.',
      current: '',
    })
  }
  for (const { record, ref } of liveKeyResults(snapshot)) out.push(...keyResultEnds(record, ref))
  return out
}

/**
 * A number typed into a loose end's field: digits with an optional sign, decimals and
 * grouping commas or spaces ("40,000"); null for anything else, so a typo never writes a 0.
 *
 * @example
 * parseNumberInput('40,000') // 40000
 */
export function parseNumberInput(text: string): number | null {
  const cleaned = text.trim().replace(/(\d)[,\s\u202f](?=\d{3}(?!\d))/g, '$1')
  if (!/^[-−]?\d+(?:\.\d+)?$/.test(cleaned)) return null
  const value = Number(cleaned.replace('−', '-'))
  return Number.isFinite(value) ? value : null
}

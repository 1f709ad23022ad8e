/**
 * Focus limits of the OKR checklist (lint.ts): how many objectives a timeframe and how many
 * key results an objective should hold, the playbooks' defaults, and the finding for a count
 * outside them.
 */
import type { Diagnostic } from './okr-model'
import { diagnostic, isFiniteNumber } from './numbers'

export interface CountLimits {
  readonly min: number
  readonly max: number
}

export interface LintLimits {
  /** Focus: how many objectives one timeframe should hold (cancelled ones do not count). */
  readonly objectivesPerTimeframe: CountLimits
  /** How many key results an objective should have. */
  readonly keyResultsPerObjective: CountLimits
}

/** The playbooks' ranges: 3–5 objectives per quarter, 2–5 key results each. */
export const DEFAULT_LIMITS: LintLimits = {
  objectivesPerTimeframe: { min: 3, max: 5 },
  keyResultsPerObjective: { min: 2, max: 5 },
}

export function checkCount(
  count: number,
  limits: CountLimits,
  codes: { few: string; many: string },
  what: string,
  where: string,
  targetId: string | null,
): Diagnostic[] {
  // "1 key result", not "1 key results": `what` is the plural, which the caller passes.
  const counted = `${count} ${count === 1 ? what.replace(/s$/, '') : what}`
  if (count < limits.min) {
    return [
      diagnostic(
        codes.few,
        'warning',
        `${where} has ${counted}; aim for ${limits.min}–${limits.max}.`,
        targetId,
      ),
    ]
  }
  if (count > limits.max) {
    return [
      diagnostic(
        codes.many,
        'warning',
        `${where} has ${counted}; more than ${limits.max} dilutes focus — aim for ${limits.min}–${limits.max}.`,
        targetId,
      ),
    ]
  }
  return []
}

export function resolveLimits(input: Partial<LintLimits> | undefined): {
  limits: LintLimits
  diagnostics: Diagnostic[]
} {
  const valid = (l: CountLimits | undefined): l is CountLimits =>
    l !== undefined &&
    isFiniteNumber(l.min) &&
    isFiniteNumber(l.max) &&
    l.min >= 0 &&
    l.min <= l.max
  const diagnostics: Diagnostic[] = []
  const pick = (given: CountLimits | undefined, fallback: CountLimits, name: string) => {
    if (given === undefined || valid(given)) return given ?? fallback
    diagnostics.push(
      diagnostic(
        'lint-limits-invalid',
        'warning',
        `Limits for ${name} need 0 ≤ min ≤ max; using ${fallback.min}–${fallback.max}.`,
        null,
      ),
    )
    return fallback
  }
  return {
    limits: {
      objectivesPerTimeframe: pick(
        input?.objectivesPerTimeframe,
        DEFAULT_LIMITS.objectivesPerTimeframe,
        'objectives per timeframe',
      ),
      keyResultsPerObjective: pick(
        input?.keyResultsPerObjective,
        DEFAULT_LIMITS.keyResultsPerObjective,
        'key results per objective',
      ),
    },
    diagnostics,
  }
}

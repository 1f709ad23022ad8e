/**
 * The OKR quality checklist as diagnostics: focus (3–5 objectives per timeframe, 2–5 key
 * results per objective), ownership, measurability, outcomes rather than tasks, no duplicates,
 * and the data checks every other module applies. Findings are returned, never thrown.
 */
import type { CheckIn, Diagnostic, Initiative, KeyResult, Objective } from './okr-model'
import { diagnostic, idOf, isFiniteNumber, textOf } from './numbers'
import { checkInProblem, resolveRollup } from './rollup'
import { gradingScale, resolveWeight } from './score'
import { resolveTarget } from './targets'
import { formatTimeframe, periodOf } from './timeframe'

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

export interface LintInput {
  readonly objectives: readonly Objective[]
  readonly keyResults: readonly KeyResult[]
  readonly checkIns?: readonly CheckIn[]
  readonly initiatives?: readonly Initiative[]
}

/**
 * Verbs that name an output (something done) rather than an outcome (something changed).
 * "Add" and "grow" are left out: "add 500 customers" is a measurable outcome.
 */
export const TASK_VERBS: readonly string[] = [
  'ship',
  'launch',
  'write',
  'build',
  'create',
  'implement',
  'develop',
  'design',
  'redesign',
  'deliver',
  'release',
  'publish',
  'complete',
  'finish',
  'migrate',
  'introduce',
  'organize',
  'organise',
  'host',
  'conduct',
  'prepare',
  'draft',
  'rebuild',
  'rewrite',
  'set up',
  'roll out',
]

const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  write: ['wrote', 'written'],
  rewrite: ['rewrote', 'rewritten'],
  build: ['built'],
  rebuild: ['rebuilt'],
  hold: ['held'],
  set: ['set'],
}

/** The inflections of a verb that a title might start with: ship, ships, shipped… */
function inflections(verb: string): string[] {
  // No -ing forms: a leading gerund is usually a noun ("Shipping cost below $4").
  const forms = [verb, `${verb}s`, `${verb}es`, `${verb}ed`, `${verb}d`]
  const last = verb[verb.length - 1] ?? ''
  if (
    /[bdgmnprt]/.test(last) &&
    /[aeiou][bdgmnprt]$/.test(verb) &&
    !/[aeiou]{2}/.test(verb.slice(-3))
  ) {
    forms.push(`${verb}${last}ed`)
  }
  return [...forms, ...(IRREGULAR[verb] ?? [])]
}

function phraseForms(phrase: string): string[] {
  const [head, ...rest] = phrase.split(' ')
  const tail = rest.length ? ` ${rest.join(' ')}` : ''
  return inflections(head ?? '').map((form) => `${form}${tail}`)
}

// Inflected forms per verb list, built once: linting 10k key results should not rebuild them.
const formsCache = new WeakMap<readonly string[], ReadonlyMap<string, string>>()

function formsOf(verbs: readonly string[]): ReadonlyMap<string, string> {
  let forms = formsCache.get(verbs)
  if (!forms) {
    const map = new Map<string, string>()
    for (const verb of verbs)
      for (const form of phraseForms(verb)) if (!map.has(form)) map.set(form, verb)
    forms = map
    formsCache.set(verbs, forms)
  }
  return forms
}

/**
 * The task verb a title starts with (after "we will", "to", a "KR1:" label…), or null.
 *
 * @example
 * taskVerbOf('KR2: Launch the mobile app') // 'launch'
 * taskVerbOf('Reach 1000 followers') // null
 */
export function taskVerbOf(title: string, verbs: readonly string[] = TASK_VERBS): string | null {
  const words = title
    .toLowerCase()
    .replace(/^\s*(kr\s*\d*\s*[:.)-]|\d+\s*[.):-])\s*/, '')
    .replace(/^\s*(we\s+will|we'll|will|to)\s+/, '')
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .trim()
    .split(/\s+/)
  const forms = formsOf(verbs)
  // Two-word phrases ("set up") first, so "set" alone never shadows them.
  return forms.get(words.slice(0, 2).join(' ')) ?? forms.get(words[0] ?? '') ?? null
}

function normalise(text: string): string {
  return (
    text
      .toLowerCase()
      // "1,000", "1 000" and "1'000" are the same number.
      .replace(/(\d)[,\s'_](?=\d{3}(?!\d))/g, '$1')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  )
}

function checkCount(
  count: number,
  limits: CountLimits,
  codes: { few: string; many: string },
  what: string,
  where: string,
  targetId: string | null,
): Diagnostic[] {
  if (count < limits.min) {
    return [
      diagnostic(
        codes.few,
        'warning',
        `${where} has ${count} ${what}; aim for ${limits.min}–${limits.max}.`,
        targetId,
      ),
    ]
  }
  if (count > limits.max) {
    return [
      diagnostic(
        codes.many,
        'warning',
        `${where} has ${count} ${what}; more than ${limits.max} dilutes focus — aim for ${limits.min}–${limits.max}.`,
        targetId,
      ),
    ]
  }
  return []
}

function resolveLimits(input: Partial<LintLimits> | undefined): {
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

function lintObjectives(objectives: readonly Objective[], limits: LintLimits): Diagnostic[] {
  const out: Diagnostic[] = []
  const byId = new Map<string, Objective>()
  const perTimeframe = new Map<string, number>()
  for (const objective of objectives) {
    const id = idOf(objective)
    if (id === null) {
      out.push(
        diagnostic(
          'objective-invalid-id',
          'error',
          'An objective has no id; it cannot be referenced.',
          null,
        ),
      )
      continue
    }
    if (byId.has(id))
      out.push(
        diagnostic('objective-duplicate-id', 'error', `Two objectives share the id "${id}".`, id),
      )
    byId.set(id, objective)
    if (!textOf(objective.title).trim())
      out.push(diagnostic('objective-no-title', 'error', 'Objective has no title.', id))
    if (!textOf(objective.owner).trim())
      out.push(diagnostic('objective-no-owner', 'info', 'Objective has no owner.', id))
    if (objective.status === 'cancelled') continue
    const timeframe = objective.timeframe
    let key = 'no timeframe'
    if (timeframe !== null && timeframe !== undefined) {
      if (periodOf(timeframe)) key = formatTimeframe(timeframe)
      else
        out.push(
          diagnostic(
            'objective-invalid-timeframe',
            'warning',
            'Objective timeframe has no usable start before its end.',
            id,
          ),
        )
    }
    perTimeframe.set(key, (perTimeframe.get(key) ?? 0) + 1)
  }
  for (const [key, count] of perTimeframe) {
    out.push(
      ...checkCount(
        count,
        limits.objectivesPerTimeframe,
        { few: 'timeframe-too-few-objectives', many: 'timeframe-too-many-objectives' },
        'objectives',
        key === 'no timeframe' ? 'The set without a timeframe' : `Timeframe ${key}`,
        null,
      ),
    )
  }
  for (const [id, objective] of byId) {
    const parentId = objective.parentId
    if (parentId === null || parentId === undefined) continue
    if (!byId.has(parentId)) {
      out.push(
        diagnostic(
          'objective-parent-missing',
          'warning',
          `Aligned to objective "${String(parentId)}", which is not in this set.`,
          id,
        ),
      )
      continue
    }
    // Walk up the alignment chain; meeting this objective again means a cycle.
    const seen = new Set<string>([id])
    let cursor: string | null | undefined = parentId
    while (typeof cursor === 'string' && !seen.has(cursor)) {
      seen.add(cursor)
      cursor = byId.get(cursor)?.parentId
    }
    if (cursor === id)
      out.push(
        diagnostic(
          'objective-parent-cycle',
          'error',
          'Alignment loops back to this objective.',
          id,
        ),
      )
  }
  return out
}

function lintKeyResult(kr: KeyResult): Diagnostic[] {
  const id = idOf(kr)
  const out: Diagnostic[] = []
  const title = textOf(kr.title)
  if (!title.trim()) out.push(diagnostic('kr-no-title', 'error', 'Key result has no title.', id))
  if (!textOf(kr.owner).trim()) {
    out.push(
      diagnostic(
        'kr-no-owner',
        'warning',
        `"${title}" has no owner: someone must check in on it.`,
        id,
      ),
    )
  }
  out.push(...resolveTarget(kr).diagnostics)
  out.push(...resolveRollup(kr).diagnostics, ...resolveWeight(kr).diagnostics)
  out.push(...gradingScale(kr.grading, id).diagnostics)
  const verb = taskVerbOf(title)
  if (verb !== null) {
    out.push(
      diagnostic(
        'kr-task-phrasing',
        'warning',
        `"${title}" describes a task ("${verb}"), not an outcome: make it an initiative and measure what it should change.`,
        id,
      ),
    )
  }
  return out
}

function lintKeyResults(
  keyResults: readonly KeyResult[],
  objectiveIds: ReadonlySet<unknown>,
  limits: LintLimits,
  objectives: readonly Objective[],
): Diagnostic[] {
  const out: Diagnostic[] = []
  const perObjective = new Map<unknown, number>()
  const seenIds = new Set<string>()
  const firstByKey = new Map<string, string>()
  for (const kr of keyResults) {
    const id = idOf(kr)
    if (id === null) {
      out.push(
        diagnostic(
          'kr-invalid-id',
          'error',
          'A key result has no id; its check-ins cannot find it.',
          null,
        ),
      )
      continue
    }
    if (seenIds.has(id))
      out.push(diagnostic('kr-duplicate-id', 'error', `Two key results share the id "${id}".`, id))
    seenIds.add(id)
    if (!objectiveIds.has(kr.objectiveId)) {
      out.push(
        diagnostic(
          'kr-orphan',
          'error',
          `Key result belongs to objective "${String(kr.objectiveId)}", which does not exist.`,
          id,
        ),
      )
    }
    perObjective.set(kr.objectiveId, (perObjective.get(kr.objectiveId) ?? 0) + 1)
    out.push(...lintKeyResult(kr))
    const target = resolveTarget(kr)
    const keys = [`title:${normalise(textOf(kr.title))}`]
    const metric = normalise(textOf(kr.metric))
    if (metric) keys.push(`metric:${metric}:${target.direction}:${target.target}`)
    for (const key of keys) {
      if (key === 'title:') continue
      const scoped = `${String(kr.objectiveId)}\u0000${key}`
      const first = firstByKey.get(scoped)
      if (first === undefined) firstByKey.set(scoped, id)
      else {
        out.push(
          diagnostic(
            'kr-duplicate',
            'warning',
            `Duplicates key result "${first}" (${key.startsWith('title') ? 'same title' : 'same metric and target'}); merge them.`,
            id,
          ),
        )
        break
      }
    }
  }
  for (const objective of objectives) {
    const id = idOf(objective)
    if (id === null || objective.status === 'cancelled') continue
    const count = perObjective.get(id) ?? 0
    if (count === 0) {
      out.push(
        diagnostic(
          'objective-no-krs',
          'warning',
          `"${textOf(objective.title)}" has no key results: how will you know it is achieved?`,
          id,
        ),
      )
    } else {
      out.push(
        ...checkCount(
          count,
          limits.keyResultsPerObjective,
          { few: 'objective-too-few-krs', many: 'objective-too-many-krs' },
          'key results',
          `"${textOf(objective.title)}"`,
          id,
        ),
      )
    }
  }
  return out
}

const FRACTION_FIELDS = ['predictedScore', 'confidence'] as const

function lintCheckIns(
  checkIns: readonly CheckIn[],
  keyResultIds: ReadonlySet<unknown>,
): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const c of checkIns) {
    if (typeof c !== 'object' || c === null) continue
    const problem = checkInProblem(c)
    if (problem) out.push(problem)
    const id = idOf(c)
    if (!keyResultIds.has(c.keyResultId)) {
      out.push(
        diagnostic(
          'checkin-orphan',
          'warning',
          `Check-in for key result "${String(c.keyResultId)}", which does not exist.`,
          id,
        ),
      )
    }
    for (const field of FRACTION_FIELDS) {
      const value: unknown = c[field]
      if (value === null || value === undefined) continue
      if (!isFiniteNumber(value) || value < 0 || value > 1) {
        out.push(
          diagnostic(
            `checkin-${field === 'predictedScore' ? 'predicted' : 'confidence'}-out-of-range`,
            'warning',
            `${field} ${String(value)} is not in [0, 1]; it is clamped or ignored.`,
            id,
          ),
        )
      }
    }
  }
  return out
}

/**
 * Checks an OKR set against the quality checklist and the data rules. Codes include
 * `timeframe-too-few-objectives`, `timeframe-too-many-objectives`, `objective-no-krs`,
 * `objective-too-few-krs`, `objective-too-many-krs`, `kr-no-owner`, `kr-not-measurable`,
 * `kr-task-phrasing`, `kr-duplicate`, `kr-orphan`, `objective-parent-cycle` (full list in
 * docs/scoring.md). Cancelled objectives are not counted or required to have key results.
 *
 * @example
 * lintOkrSet({ objectives: [o], keyResults: [{ ...kr, title: 'Launch the app', owner: null }] })
 * // → objective-too-few-krs, kr-no-owner, kr-task-phrasing, timeframe-too-few-objectives …
 */
export function lintOkrSet(input: LintInput, limitsInput?: Partial<LintLimits>): Diagnostic[] {
  const { limits, diagnostics } = resolveLimits(limitsInput)
  const objectives = (Array.isArray(input.objectives) ? input.objectives : []).filter(
    (o): o is Objective => typeof o === 'object' && o !== null,
  )
  const keyResults = (Array.isArray(input.keyResults) ? input.keyResults : []).filter(
    (kr): kr is KeyResult => typeof kr === 'object' && kr !== null,
  )
  const objectiveIds = new Set<unknown>(objectives.map((o) => o.id))
  const keyResultIds = new Set<unknown>(keyResults.map((kr) => kr.id))
  const out = [
    ...diagnostics,
    ...lintObjectives(objectives, limits),
    ...lintKeyResults(keyResults, objectiveIds, limits, objectives),
    ...lintCheckIns(Array.isArray(input.checkIns) ? input.checkIns : [], keyResultIds),
  ]
  for (const initiative of Array.isArray(input.initiatives) ? input.initiatives : []) {
    if (typeof initiative !== 'object' || initiative === null) continue
    const { keyResultId, objectiveId } = initiative
    const dangling =
      (keyResultId !== null && keyResultId !== undefined && !keyResultIds.has(keyResultId)) ||
      (objectiveId !== null && objectiveId !== undefined && !objectiveIds.has(objectiveId))
    if (dangling) {
      out.push(
        diagnostic(
          'initiative-orphan',
          'warning',
          `Initiative "${textOf(initiative.title)}" points at a key result or objective that does not exist.`,
          idOf(initiative),
        ),
      )
    }
  }
  return out
}

/**
 * Seeded synthetic OKR sets for benchmarks: the same seed gives the same set on every machine,
 * so runs compare. Check-ins come shuffled, as a merged Yjs array may deliver them.
 */
import * as prng from 'lib0/prng'
import type { CheckIn, EpochMs, KeyResult, Objective } from '../../core/okr/okr-model'
import { CALCULATIONS, DIRECTIONS, ROLLUPS } from '../../core/okr/okr-model'
import { quarterTimeframe } from '../../core/okr/timeframe'

export interface SyntheticOkrSet {
  readonly objectives: Objective[]
  readonly keyResults: KeyResult[]
  readonly checkIns: CheckIn[]
}

export interface SyntheticOptions {
  readonly objectives: number
  readonly keyResultsPerObjective: number
  readonly checkInsPerKeyResult: number
  readonly seed?: number
}

const DAY = 86_400_000
const timeframe = quarterTimeframe(2026, 4)

/** The middle of the synthetic quarter: a sensible "now" for dashboards over these sets. */
export const syntheticNow = (timeframe.start + 46 * DAY) as EpochMs

export function syntheticOkrSet(options: SyntheticOptions): SyntheticOkrSet {
  const gen = prng.create(options.seed ?? 42)
  const objectives: Objective[] = []
  const keyResults: KeyResult[] = []
  const checkIns: CheckIn[] = []
  for (let o = 0; o < options.objectives; o++) {
    const objectiveId = `o${o}`
    objectives.push({
      id: objectiveId,
      title: `Objective ${o}: ${prng.word(gen, 4, 10)}`,
      description: '',
      owner: `owner-${o % 7}`,
      status: 'active',
      type: prng.oneOf(gen, ['committed', 'aspirational', 'learning'] as const),
      timeframe,
      parentId: o > 0 && prng.bool(gen) ? `o${prng.int32(gen, 0, o - 1)}` : null,
      tags: [],
      visibility: 'public',
    })
    for (let k = 0; k < options.keyResultsPerObjective; k++) {
      const id = `${objectiveId}-k${k}`
      const direction = prng.oneOf(gen, [...DIRECTIONS])
      const start = prng.int32(gen, 0, 1000)
      const calculation = prng.oneOf(gen, [...CALCULATIONS])
      const target =
        calculation === 'absolute-target'
          ? direction === 'increase'
            ? start + prng.int32(gen, 1, 1000)
            : prng.int32(gen, 0, Math.max(0, start - 1))
          : prng.int32(gen, 1, 50)
      keyResults.push({
        id,
        objectiveId,
        title: `Move ${prng.word(gen, 4, 10)} ${direction === 'increase' ? 'up' : 'down'} ${k}`,
        metric: prng.word(gen, 4, 10),
        unit: { kind: 'count' },
        start,
        target,
        direction,
        calculation,
        rollup: prng.oneOf(gen, [...ROLLUPS]),
        frequency: 'weekly',
        owner: prng.int32(gen, 0, 9) === 0 ? null : `owner-${k}`,
        weight: prng.int32(gen, 1, 3),
        grading:
          prng.int32(gen, 0, 4) === 0
            ? [
                { value: start, score: 0 },
                { value: start + 100, score: 0.5 },
                { value: start + 400, score: 1 },
              ]
            : null,
      })
      for (let c = 0; c < options.checkInsPerKeyResult; c++) {
        checkIns.push({
          id: `${id}-c${c}`,
          keyResultId: id,
          at: (timeframe.start + c * 7 * DAY + prng.int32(gen, 0, DAY)) as EpochMs,
          value: start + (prng.real53(gen) - 0.3) * 100 * c,
          note: '',
          predictedScore:
            c === options.checkInsPerKeyResult - 1 && prng.bool(gen) ? prng.real53(gen) : null,
          confidence: null,
          author: 'bench',
        })
      }
    }
  }
  // Fisher–Yates with the seeded generator: arrival order of a merged document, not time order.
  for (let i = checkIns.length - 1; i > 0; i--) {
    const j = prng.int32(gen, 0, i)
    const a = checkIns[i] as CheckIn
    checkIns[i] = checkIns[j] as CheckIn
    checkIns[j] = a
  }
  return { objectives, keyResults, checkIns }
}

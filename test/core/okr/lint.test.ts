import { describe, expect, it } from 'vitest'
import type { Diagnostic, KeyResult, Objective } from '../../../core/okr/okr-model'
import { lintOkrSet, taskVerbOf } from '../../../core/okr/lint'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import { checkIn, keyResult, objective, untrusted } from './fixtures'

/** A set that passes every check: 3 objectives in Q4 with 2 owned, measurable KRs each. */
function healthySet(): { objectives: Objective[]; keyResults: KeyResult[] } {
  const objectives = [1, 2, 3].map((n) => objective({ id: `o${n}`, title: `Objective ${n}` }))
  const keyResults = objectives.flatMap((o) => [
    keyResult({ id: `${o.id}-a`, objectiveId: o.id, title: 'Reach 1000 followers' }),
    keyResult({
      id: `${o.id}-b`,
      objectiveId: o.id,
      title: 'Cut churn to 5 %',
      metric: 'churn',
      start: 8,
      target: 5,
      direction: 'decrease',
    }),
  ])
  return { objectives, keyResults }
}

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code)
const find = (diagnostics: readonly Diagnostic[], code: string) =>
  diagnostics.filter((d) => d.code === code)

describe('quality lint', () => {
  it('finds nothing wrong in a healthy set', () => {
    expect(lintOkrSet(healthySet())).toEqual([])
  })

  it('asks for 3–5 objectives per timeframe, not counting cancelled ones', () => {
    const { objectives, keyResults } = healthySet()
    const two = lintOkrSet({ objectives: objectives.slice(0, 2), keyResults })
    expect(find(two, 'timeframe-too-few-objectives')).toHaveLength(1)
    expect(find(two, 'timeframe-too-few-objectives')[0]?.message).toContain('2026-Q4')
    const cancelled = objectives.map((o, i) =>
      i === 0 ? { ...o, status: 'cancelled' as const } : o,
    )
    expect(codes(lintOkrSet({ objectives: cancelled, keyResults }))).toContain(
      'timeframe-too-few-objectives',
    )
    const six = [...objectives, ...objectives.map((o) => ({ ...o, id: `${o.id}x` }))]
    const sixKrs = [
      ...keyResults,
      ...keyResults.map((kr) => ({ ...kr, id: `${kr.id}x`, objectiveId: `${kr.objectiveId}x` })),
    ]
    expect(codes(lintOkrSet({ objectives: six, keyResults: sixKrs }))).toEqual([
      'timeframe-too-many-objectives',
    ])
  })

  it('counts each timeframe separately', () => {
    const { objectives, keyResults } = healthySet()
    const q1 = objectives.map((o) => ({
      ...o,
      id: `${o.id}-q1`,
      timeframe: quarterTimeframe(2027, 1),
    }))
    const q1Krs = keyResults.map((kr) => ({
      ...kr,
      id: `${kr.id}-q1`,
      objectiveId: `${kr.objectiveId}-q1`,
    }))
    expect(
      lintOkrSet({ objectives: [...objectives, ...q1], keyResults: [...keyResults, ...q1Krs] }),
    ).toEqual([])
  })

  it('asks for 2–5 key results per objective, with configurable limits', () => {
    const { objectives, keyResults } = healthySet()
    const one = keyResults.filter((kr) => kr.id !== 'o1-b')
    const [few] = find(lintOkrSet({ objectives, keyResults: one }), 'objective-too-few-krs')
    expect(few?.targetId).toBe('o1')
    // One is counted in the singular.
    expect(few?.message).toMatch(/ has 1 key result; aim for 2–5\.$/)
    const strict = { keyResultsPerObjective: { min: 3, max: 4 } }
    expect(
      find(lintOkrSet({ objectives, keyResults }, strict), 'objective-too-few-krs'),
    ).toHaveLength(3)
    const loose = { keyResultsPerObjective: { min: 1, max: 1 } }
    expect(
      find(lintOkrSet({ objectives, keyResults }, loose), 'objective-too-many-krs'),
    ).toHaveLength(3)
  })

  it('falls back to the default limits when configured ones make no sense', () => {
    const { objectives, keyResults } = healthySet()
    const diagnostics = lintOkrSet(
      { objectives, keyResults },
      { keyResultsPerObjective: { min: 4, max: 2 } },
    )
    expect(codes(diagnostics)).toEqual(['lint-limits-invalid'])
  })

  it('flags an objective without key results', () => {
    const { objectives, keyResults } = healthySet()
    const diagnostics = lintOkrSet({
      objectives,
      keyResults: keyResults.filter((kr) => kr.objectiveId !== 'o2'),
    })
    expect(find(diagnostics, 'objective-no-krs').map((d) => d.targetId)).toEqual(['o2'])
    expect(find(diagnostics, 'objective-too-few-krs')).toEqual([])
  })

  it('flags a key result without an owner', () => {
    const { objectives, keyResults } = healthySet()
    const unowned = keyResults.map((kr) => (kr.id === 'o1-a' ? { ...kr, owner: '  ' } : kr))
    expect(
      find(lintOkrSet({ objectives, keyResults: unowned }), 'kr-no-owner').map((d) => d.targetId),
    ).toEqual(['o1-a'])
  })

  it('flags a key result that is not measurable: no numeric target, or target equals start', () => {
    const { objectives, keyResults } = healthySet()
    const broken = keyResults.map((kr) =>
      kr.id === 'o1-a'
        ? { ...kr, target: 0 }
        : kr.id === 'o2-a'
          ? { ...kr, target: untrusted<number>('lots') }
          : kr,
    )
    const diagnostics = lintOkrSet({ objectives, keyResults: broken })
    expect(find(diagnostics, 'kr-not-measurable').map((d) => d.targetId)).toEqual(['o1-a'])
    expect(find(diagnostics, 'kr-invalid-target').map((d) => d.targetId)).toEqual(['o2-a'])
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true)
  })

  it.each([
    ['Launch the mobile app', 'launch'],
    ['Ship v2 to all customers', 'ship'],
    ['We will write 4 blog posts', 'write'],
    ['KR2: Build a referral program', 'build'],
    ['Create onboarding videos', 'create'],
    ['Shipped the new pricing page', 'ship'],
    ['Set up a status page', 'set up'],
    ['Roll out SSO to every team', 'roll out'],
  ])('flags "%s" as a task (%s) and suggests an initiative', (title, verb) => {
    expect(taskVerbOf(title)).toBe(verb)
    const { objectives, keyResults } = healthySet()
    const tasky = keyResults.map((kr) => (kr.id === 'o1-a' ? { ...kr, title } : kr))
    const [finding] = find(lintOkrSet({ objectives, keyResults: tasky }), 'kr-task-phrasing')
    expect(finding?.targetId).toBe('o1-a')
    expect(finding?.message).toContain('initiative')
  })

  it.each([
    'Reach 1000 followers',
    'Add 500 new customers',
    'Grow NPS from 30 to 45',
    'Shipping cost below $4',
    'Hold churn under 5 %',
    'Settle 90 % of claims in a day',
  ])('does not flag the outcome "%s"', (title) => {
    expect(taskVerbOf(title)).toBeNull()
  })

  it('flags duplicate key results by title or by metric and target, within an objective', () => {
    const { objectives, keyResults } = healthySet()
    const dupes = [
      ...keyResults,
      keyResult({
        id: 'o1-c',
        objectiveId: 'o1',
        title: 'reach 1,000 followers!',
        metric: 'reach',
      }),
      keyResult({
        id: 'o1-d',
        objectiveId: 'o1',
        title: 'Lower churn',
        metric: 'Churn',
        start: 8,
        target: 5,
        direction: 'decrease',
      }),
      keyResult({
        id: 'o1-e',
        objectiveId: 'o1',
        title: 'Reach 1 000 followers',
        metric: 'fans',
        owner: 'bo',
      }),
    ]
    const found = find(lintOkrSet({ objectives, keyResults: dupes }), 'kr-duplicate')
    expect(found.map((d) => d.targetId)).toEqual(['o1-c', 'o1-d', 'o1-e'])
    expect(found[0]?.message).toContain('o1-a')
    const distinct = [
      ...keyResults,
      keyResult({ id: 'o1-f', objectiveId: 'o1', title: 'Reach 10 000 followers', target: 10000 }),
    ]
    expect(find(lintOkrSet({ objectives, keyResults: distinct }), 'kr-duplicate')).toEqual([])
  })

  it('flags orphans, duplicate ids and broken alignment', () => {
    const { objectives, keyResults } = healthySet()
    const aligned = objectives.map((o) =>
      o.id === 'o1'
        ? { ...o, parentId: 'o2' }
        : o.id === 'o2'
          ? { ...o, parentId: 'o1' }
          : { ...o, parentId: 'nope' },
    )
    const extra = [
      keyResult({ id: 'lost', objectiveId: 'gone' }),
      keyResult({ id: 'o1-a', objectiveId: 'o1', title: 'Other' }),
    ]
    const diagnostics = lintOkrSet({
      objectives: aligned,
      keyResults: [...keyResults, ...extra],
      checkIns: [checkIn({ keyResultId: 'ghost', value: 1 })],
      initiatives: [{ id: 'i1', keyResultId: 'ghost', objectiveId: null, title: 'Run ads' }],
    })
    expect(find(diagnostics, 'objective-parent-cycle').map((d) => d.targetId)).toEqual(['o1', 'o2'])
    expect(find(diagnostics, 'objective-parent-missing').map((d) => d.targetId)).toEqual(['o3'])
    expect(find(diagnostics, 'kr-orphan').map((d) => d.targetId)).toEqual(['lost'])
    expect(find(diagnostics, 'kr-duplicate-id').map((d) => d.targetId)).toEqual(['o1-a'])
    expect(codes(diagnostics)).toContain('checkin-orphan')
    expect(codes(diagnostics)).toContain('initiative-orphan')
  })

  it('flags missing titles and owners and duplicate objective ids', () => {
    const { objectives, keyResults } = healthySet()
    const damaged = [
      { ...objectives[0], title: ' ', owner: null } as Objective,
      ...objectives.slice(1),
      objectives[2] as Objective,
    ]
    const untitled = keyResults.map((kr) => (kr.id === 'o2-a' ? { ...kr, title: '' } : kr))
    const diagnostics = lintOkrSet({ objectives: damaged, keyResults: untitled })
    expect(find(diagnostics, 'objective-no-title').map((d) => d.targetId)).toEqual(['o1'])
    expect(find(diagnostics, 'objective-no-owner').map((d) => [d.targetId, d.severity])).toEqual([
      ['o1', 'info'],
    ])
    expect(find(diagnostics, 'objective-duplicate-id').map((d) => d.targetId)).toEqual(['o3'])
    expect(find(diagnostics, 'kr-no-title').map((d) => d.targetId)).toEqual(['o2-a'])
  })

  it('checks check-in values, predicted scores and confidence', () => {
    const { objectives, keyResults } = healthySet()
    const checkIns = [
      checkIn({ keyResultId: 'o1-a', value: NaN }),
      checkIn({ keyResultId: 'o1-a', value: 3, predictedScore: 1.5 }),
      checkIn({ keyResultId: 'o1-a', value: 3, confidence: -1 }),
      checkIn({ keyResultId: 'o1-a', value: 3, predictedScore: 0.7, confidence: 0.9 }),
    ]
    expect(codes(lintOkrSet({ objectives, keyResults, checkIns }))).toEqual([
      'checkin-invalid-value',
      'checkin-predicted-out-of-range',
      'checkin-confidence-out-of-range',
    ])
  })

  it('never throws on malformed input', () => {
    const garbage = untrusted<Objective[]>([
      null,
      7,
      { id: 3 },
      { id: 'x', timeframe: { start: 5, end: 1 } },
    ])
    const krs = untrusted<KeyResult[]>([null, { id: 'k', objectiveId: 'x' }, {}])
    expect(() =>
      lintOkrSet({ objectives: garbage, keyResults: krs, checkIns: untrusted([null, {}]) }),
    ).not.toThrow()
    const diagnostics = lintOkrSet({ objectives: untrusted(undefined), keyResults: untrusted('x') })
    expect(diagnostics).toEqual([])
    const found = codes(lintOkrSet({ objectives: garbage, keyResults: krs }))
    expect(found).toEqual(
      expect.arrayContaining([
        'objective-invalid-id',
        'objective-invalid-timeframe',
        'kr-no-owner',
        'kr-invalid-target',
        'kr-invalid-id',
      ]),
    )
  })
})

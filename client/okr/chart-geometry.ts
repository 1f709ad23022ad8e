/**
 * The check-in chart's geometry, apart from Lit so it can be tested in Node: the value series
 * (each check-in's rolled-up current value, as core/okr computes it), the expected straight
 * path from start to target over the period, and their mapping onto an SVG box.
 */
import type { CheckIn, KeyResult } from '../../core/okr/okr-model'
import { orderCheckIns, prefixRollups, resolveRollup } from '../../core/okr/rollup'
import { resolveTarget } from '../../core/okr/targets'
import type { Period } from '../../core/okr/timeframe'

export interface ChartPoint {
  readonly at: number
  readonly value: number
}

export interface ChartModel {
  readonly series: readonly ChartPoint[]
  /** Start value at the period start to the effective target at its end. */
  readonly expected: readonly [ChartPoint, ChartPoint] | null
  readonly target: number
  readonly start: number
}

export function chartModel(
  kr: KeyResult,
  checkIns: readonly CheckIn[],
  period: Period | null,
): ChartModel {
  const target = resolveTarget(kr)
  const ordered = orderCheckIns(checkIns.filter((c) => c.keyResultId === kr.id)).checkIns
  const values = prefixRollups(
    resolveRollup(kr).rollup,
    ordered.map((c) => c.value),
  )
  const series = ordered.map((c, i) => ({ at: c.at, value: values[i] ?? c.value }))
  return {
    series,
    expected: period
      ? [
          { at: period.start, value: target.start },
          { at: period.end, value: target.target },
        ]
      : null,
    target: target.target,
    start: target.start,
  }
}

export interface Box {
  readonly width: number
  readonly height: number
  readonly pad: number
}

export interface Scaled {
  readonly x: (at: number) => number
  readonly y: (value: number) => number
  readonly minAt: number
  readonly maxAt: number
  readonly minValue: number
  readonly maxValue: number
}

/** Scales that fit the series, the expected path and the target into the box. */
export function scales(model: ChartModel, box: Box): Scaled {
  const ats = [...model.series.map((p) => p.at), ...(model.expected ?? []).map((p) => p.at)]
  const vals = [
    ...model.series.map((p) => p.value),
    model.start,
    model.target,
    ...(model.expected ?? []).map((p) => p.value),
  ].filter(Number.isFinite)
  let minAt = Math.min(...ats)
  let maxAt = Math.max(...ats)
  if (!Number.isFinite(minAt) || !Number.isFinite(maxAt)) [minAt, maxAt] = [0, 1]
  if (maxAt === minAt) maxAt = minAt + 86_400_000
  let minValue = Math.min(...vals)
  let maxValue = Math.max(...vals)
  if (!Number.isFinite(minValue) || !Number.isFinite(maxValue)) [minValue, maxValue] = [0, 1]
  if (maxValue === minValue) maxValue = minValue + 1
  const w = box.width - 2 * box.pad
  const h = box.height - 2 * box.pad
  return {
    x: (at) => box.pad + ((at - minAt) / (maxAt - minAt)) * w,
    y: (value) => box.pad + h - ((value - minValue) / (maxValue - minValue)) * h,
    minAt,
    maxAt,
    minValue,
    maxValue,
  }
}

export function polyline(points: readonly ChartPoint[], s: Scaled): string {
  return points.map((p) => `${s.x(p.at).toFixed(1)},${s.y(p.value).toFixed(1)}`).join(' ')
}

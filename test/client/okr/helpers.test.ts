import { describe, expect, it } from 'vitest'
import { exportOkrs } from '../../../core/export/index'
import { chartModel, polyline, scales } from '../../../client/okr/chart-geometry'
import {
  NO_FILTER,
  alignmentTree,
  filterObjectives,
  ownerOptions,
} from '../../../client/okr/dashboard-model'
import {
  parseGradingInput,
  parseNumberInput,
  parseOptionalNumber,
  parseTimeframeInput,
} from '../../../client/okr/parse-input'
import { escapeHtml, printHtml } from '../../../client/okr/print-view'
import { moveTo } from '../../../client/okr/reorder'
import { byTarget, lintBoard } from '../../../client/board/lint-board'
import { unitFrom, unitParts } from '../../../client/okr/labels'
import { NOW, Q4, okrSnapshot } from '../../core/export/fixtures'

describe('parseNumberInput', () => {
  it('reads numbers as people type them', () => {
    const value = (text: string) => {
      const parsed = parseNumberInput(text)
      return parsed.ok ? parsed.value : parsed.message
    }
    expect(value('1200')).toBe(1200)
    expect(value(' 1,200 ')).toBe(1200)
    expect(value('12,5')).toBe(12.5)
    expect(value('-3.25')).toBe(-3.25)
    expect(value('45 %')).toBe(45)
    expect(value('lots')).toBe('"lots" is not a number.')
    expect(value('')).toBe('Enter a number.')
    expect(value('1e999')).toBe('That number is too large.')
  })

  it('checks bounds and treats empty optional values as none', () => {
    expect(parseNumberInput('1.5', { max: 1 })).toEqual({
      ok: false,
      message: 'Must be at most 1.',
    })
    expect(parseOptionalNumber('  ')).toEqual({ ok: true, value: null })
    expect(parseOptionalNumber('0.7', { min: 0, max: 1 })).toEqual({ ok: true, value: 0.7 })
  })
})

describe('other field parsers', () => {
  it('reads grading scales and refuses bad points', () => {
    expect(parseGradingInput('0: 0, 500: 0.5, 1000: 1')).toEqual({
      ok: true,
      value: [
        { value: 0, score: 0 },
        { value: 500, score: 0.5 },
        { value: 1000, score: 1 },
      ],
    })
    expect(parseGradingInput('')).toEqual({ ok: true, value: null })
    expect(parseGradingInput('0: 0, 10: 2').ok).toBe(false)
    expect(parseGradingInput('0: 0').ok).toBe(false)
  })

  it('reads timeframes through core', () => {
    const parsed = parseTimeframeInput('2026-Q4')
    expect(parsed.ok && parsed.value?.start).toBe(Q4.start)
    expect(parseTimeframeInput('soon').ok).toBe(false)
  })

  it('splits and rebuilds units', () => {
    expect(unitParts({ kind: 'currency', code: 'EUR' })).toEqual({ kind: 'currency', extra: 'EUR' })
    expect(unitFrom('currency', 'usd')).toEqual({ kind: 'currency', code: 'USD' })
    expect(unitFrom('text', '')).toEqual({ kind: 'count' })
  })
})

describe('dashboard model', () => {
  const data = exportOkrs(okrSnapshot(), { now: NOW })

  it('filters by owner (objective or key result), status and type', () => {
    expect(ownerOptions(data.objectives).map((o) => o.label)).toEqual(['Ann', 'Bo'])
    const ids = (f: Partial<typeof NO_FILTER>) =>
      filterObjectives(data.objectives, { ...NO_FILTER, ...f }).map((o) => o.id)
    expect(ids({})).toEqual(['o1', 'o2'])
    expect(ids({ owner: 'Bo' })).toEqual(['o1'])
    expect(ids({ status: 'draft' })).toEqual(['o2'])
    expect(ids({ status: 'active', owner: 'Bo' })).toEqual(['o1'])
    expect(ids({ type: 'aspirational' })).toEqual([])
  })

  it('nests children under parents and survives a cycle', () => {
    const [a, b] = data.objectives
    if (!a || !b) throw new Error('fixture')
    const tree = alignmentTree([
      { ...a, parentId: null },
      { ...b, parentId: a.id },
    ])
    expect(tree.map((n) => n.objective.id)).toEqual(['o1'])
    expect(tree[0]?.children.map((n) => n.objective.id)).toEqual(['o2'])
    const loop = alignmentTree([
      { ...a, parentId: b.id },
      { ...b, parentId: a.id },
    ])
    const all = (nodes: readonly (typeof loop)[number][]): string[] =>
      nodes.flatMap((n) => [n.objective.id, ...all(n.children)])
    expect(all(loop).sort()).toEqual(['o1', 'o2'])
  })
})

describe('chart geometry', () => {
  it('plots the rolled-up values against the expected path inside the box', () => {
    const snapshot = okrSnapshot()
    const kr = snapshot.keyResults.find((k) => k.id === 'kr1')
    if (!kr) throw new Error('fixture')
    const model = chartModel(kr, snapshot.checkIns, Q4)
    expect(model.series.map((p) => p.value)).toEqual([150, 176])
    expect(model.expected?.map((p) => p.value)).toEqual([120, 200])
    const box = { width: 400, height: 200, pad: 20 }
    const s = scales(model, box)
    expect(s.x(Q4.start)).toBe(20)
    expect(s.x(Q4.end)).toBe(380)
    expect(s.y(200)).toBe(20)
    expect(s.y(120)).toBe(180)
    expect(polyline(model.expected ?? [], s)).toBe('20.0,180.0 380.0,20.0')
  })
})

describe('print view and reorder', () => {
  it('escapes every text it prints', () => {
    expect(escapeHtml(`<b>"x" & 'y'</b>`)).toBe(
      '&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;',
    )
    const html = printHtml(exportOkrs(okrSnapshot(), { now: NOW }))
    expect(html).toContain('O1. Delight new customers')
    expect(html).toContain('@media print')
    expect(html).not.toContain('<script')
    // The window inherits the app's CSP, which refuses inline handlers: the button has none.
    expect(html).not.toMatch(/\son[a-z]+=/i)
    expect(html).toContain('<button id="print" type="button">Print</button>')
  })

  it('moves an id to a position', () => {
    expect(moveTo(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b'])
    expect(moveTo(['a', 'b', 'c'], 'a', 5)).toEqual(['b', 'c', 'a'])
    expect(moveTo(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c'])
  })
})

describe('lintBoard', () => {
  it("counts objectives without a timeframe in the board's quarter", () => {
    const snapshot = okrSnapshot()
    const loose = {
      ...snapshot,
      meta: { ...snapshot.meta, timeframe: { start: Q4.start, end: Q4.end } },
      objectives: snapshot.objectives.map((o) => ({ ...o, timeframe: null })),
    }
    const focus = lintBoard(loose).filter((d) => d.code === 'timeframe-too-few-objectives')
    expect(focus.map((d) => d.message)).toEqual([expect.stringContaining('2026-Q4')])
    expect(byTarget(lintBoard(loose)).get('kr1')).toBeUndefined()
    expect(
      byTarget(lintBoard(loose))
        .get('o2')
        ?.map((d) => d.code),
    ).toContain('objective-no-krs')
  })
})

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  csvField,
  exportOkrs,
  formatScore,
  formatValue,
  guardFormula,
  timeframeOfRange,
  toCsv,
  toMarkdown,
} from '../../../core/export/index'
import { quarterTimeframe, yearTimeframe } from '../../../core/okr/timeframe'
import type { EpochMs } from '../../../core/okr/okr-model'
import { NOW, okrSnapshot } from './fixtures'

/** A minimal RFC 4180 reader, to prove the writer's quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

describe('formatting', () => {
  it('shows scores with one decimal and values with their unit', () => {
    expect(formatScore(0.6999)).toBe('0.7')
    expect(formatScore(0)).toBe('0.0')
    expect(formatScore(null)).toBe('–')
    expect(formatValue(45, { kind: 'percent' })).toBe('45%')
    expect(formatValue(120.004, { kind: 'text', label: 'ms' })).toBe('120 ms')
    expect(formatValue(1200, { kind: 'currency', code: 'EUR' })).toBe('1,200 EUR')
  })
})

describe('toCsv', () => {
  it('quotes per RFC 4180 and round-trips through a reader', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    const csv = toCsv(exportOkrs(okrSnapshot(), { now: NOW }))
    expect(csv.endsWith('\r\n')).toBe(true)
    const rows = parseCsv(csv)
    const header = rows[0] ?? []
    expect(rows).toHaveLength(4)
    const col = (row: string[] | undefined, name: string) => row?.[header.indexOf(name)]
    expect(col(rows[1], 'Key result')).toBe('Grow weekly active teams from 120 to 200')
    expect(col(rows[1], 'Current')).toBe('176')
    expect(col(rows[1], 'Score')).toBe('0.7')
    expect(col(rows[2], 'Unit')).toBe('%')
    expect(col(rows[2], 'Score')).toBe('0.3')
    // The objective without key results still gets its row.
    expect(col(rows[3], 'Objective')).toBe(`'=Reach, | pipes, "quotes"`)
    expect(col(rows[3], 'Key result')).toBe('')
  })

  it('defuses cells that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t']) {
      expect(guardFormula(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`)
    }
    expect(guardFormula('Grow 10%')).toBe('Grow 10%')
  })
})

describe('toMarkdown', () => {
  it('writes one table with objective rows and their key results, figures as on screen', () => {
    const md = toMarkdown(exportOkrs(okrSnapshot(), { now: NOW }))
    const rows = md.split('\n').filter((l) => l.startsWith('|'))
    expect(rows).toHaveLength(2 + 2 + 2)
    expect(rows[1]).toMatch(/^\| --- \| --- \| ---: /)
    expect(rows[2]).toContain('**O1. Delight new customers**')
    expect(rows[2]).toContain('**0.5**')
    expect(rows[3]).toContain('| Bo | 120 | 176 | 200 | 70% | 0.7 |')
    expect(rows[4]).toContain('| 8% | 7% | 4% | 25% | 0.3 |')
    // A pipe in a title is escaped so it cannot split the row.
    expect(rows[5]).toContain('=Reach, \\| pipes')
    expect(rows.every((r) => r.split(/(?<!\\)\|/).length === 10)).toBe(true)
  })

  it('writes titles as text, never as HTML', () => {
    const snapshot = okrSnapshot()
    const hostile = {
      ...snapshot,
      objectives: snapshot.objectives.map((o) =>
        o.id === 'o1' ? { ...o, title: '<img src=x onerror=alert(1)> R&D\nnext' } : o,
      ),
    }
    const md = toMarkdown(exportOkrs(hostile, { now: NOW }))
    // A title is one line: a break stored before commands flattened titles reads as a space.
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; R&D next')
    expect(md).not.toContain('<img')
  })

  it('says so when there is nothing to export', () => {
    const empty = { ...okrSnapshot(), objectives: [], keyResults: [], checkIns: [] }
    expect(toMarkdown(exportOkrs(empty, { now: NOW }))).toContain('_No objectives yet._')
  })
})

describe('timeframeOfRange', () => {
  it('names a range by the quarter or year it covers', () => {
    expect(timeframeOfRange(quarterTimeframe(2026, 4))).toEqual(quarterTimeframe(2026, 4))
    expect(timeframeOfRange(yearTimeframe(2027))).toEqual(yearTimeframe(2027))
    const odd = { start: quarterTimeframe(2026, 4).start, end: Date.UTC(2026, 11, 15) as EpochMs }
    expect(timeframeOfRange(odd).kind).toBe('custom')
  })
})

describe('csvField (property)', () => {
  it('round-trips any text through an RFC 4180 reader', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          const line = cells.map(csvField).join(',') + '\r\n'
          expect(parseCsv(line)).toEqual([cells])
        },
      ),
      { numRuns: 300 },
    )
  })
})

/**
 * What the exports carry beyond the table (issue 14's polish list): initiatives, the comments
 * people wrote with their check-ins, the target a stretch replaced, pace labelled as pace, and
 * numbers grouped for readers while CSV cells stay machine-readable.
 */
import { describe, expect, it } from 'vitest'
import { exportOkrs, toCsv, toMarkdown } from '../../../core/export/index'
import { formatAmount } from '../../../core/export/format'
import type { BoardSnapshot } from '../../../core/board/board-model'
import type { EpochMs } from '../../../core/okr/okr-model'
import { NOW, Q4, okrSnapshot } from './fixtures'

const DAY = 86_400_000

function richSnapshot(): BoardSnapshot {
  const base = okrSnapshot()
  return {
    ...base,
    keyResults: base.keyResults.map((kr) =>
      kr.id === 'kr1' ? { ...kr, start: 12000, target: 52000, originalTarget: 40000 } : kr,
    ),
    checkIns: [
      ...base.checkIns.filter((c) => c.keyResultId !== 'kr1'),
      {
        id: 'c9',
        keyResultId: 'kr1',
        at: (Q4.start + 41 * DAY) as EpochMs,
        value: 23456.5,
        note: 'Trial cohort R&D, see #12\nsecond line',
        predictedScore: 0.6,
        confidence: null,
        author: 'ann',
      },
    ],
    initiatives: [
      ...base.initiatives,
      { id: 'i9', title: 'Hire a PM', keyResultId: null, objectiveId: 'o1', sourceNoteIds: [] },
    ],
  }
}

/** Reads the CSV back into rows of cells (RFC 4180: quoted fields, doubled quotes). */
function cells(csv: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i] ?? ''
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') field += csv[++i]
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',' || c === '\n') {
      row.push(field)
      field = ''
      if (c === '\n') {
        rows.push(row)
        row = []
      }
    } else if (c !== '\r') field += c
  }
  return rows
}

describe('exports carry initiatives, comments and the stretched target', () => {
  it('Markdown lists them under the table with the table’s labels, numbers grouped', () => {
    const md = toMarkdown(exportOkrs(richSnapshot(), { now: NOW }))
    expect(md).toContain('| Score | Pace |')
    expect(md).toContain('| 12,000 | 23,456.5 | 52,000 (stretched from 40,000) |')
    expect(md).toContain('### Initiatives\n\n- O1: Hire a PM\n- KR1.1: Onboarding tour\n')
    expect(md).toContain(
      '### Check-in comments\n\n- KR1.1, 2026-11-11 (23,456.5): Trial cohort R&D, see \\#12 second line\n',
    )
  })

  it('CSV has columns for them, with plain numbers a spreadsheet reads back', () => {
    const rows = cells(toCsv(exportOkrs(richSnapshot(), { now: NOW })))
    const header = rows[0] ?? []
    const col = (name: string) => rows[1]?.[header.indexOf(name)]
    expect(header).toContain('Pace')
    expect(header).not.toContain('Trend')
    expect(col('Target')).toBe('52000')
    expect(col('Original target')).toBe('40000')
    expect(col('Current')).toBe('23456.5')
    expect(col('Objective initiatives')).toBe('Hire a PM')
    expect(col('Initiatives')).toBe('Onboarding tour')
    expect(col('Check-in comments')).toBe(
      '2026-11-11 23456.5: Trial cohort R&D, see #12 second line',
    )
    // A KR never stretched has an empty original target; every row has every column.
    expect(rows[2]?.[header.indexOf('Original target')]).toBe('')
    expect(rows.every((r) => r.length === header.length)).toBe(true)
  })

  it('JSON keeps the original target and the comments as data', () => {
    const data = exportOkrs(richSnapshot(), { now: NOW })
    const kr = data.objectives[0]?.keyResults[0]
    expect(kr?.originalTarget).toBe(40000)
    expect(kr?.comments).toEqual([
      { at: Q4.start + 41 * DAY, value: 23456.5, note: 'Trial cohort R&D, see #12\nsecond line' },
    ])
    expect(data.objectives[0]?.keyResults[1]?.originalTarget).toBeNull()
  })
})

describe('formatAmount', () => {
  it('groups thousands the same way on every device and keeps two decimals at most', () => {
    expect(formatAmount(40000)).toBe('40,000')
    expect(formatAmount(-1234567.891)).toBe('-1,234,567.89')
    expect(formatAmount(999)).toBe('999')
    expect(formatAmount(286.00000000000006)).toBe('286')
    expect(formatAmount(-0.001)).toBe('0')
    expect(formatAmount(null)).toBe('–')
    expect(formatAmount(Number.NaN)).toBe('–')
  })
})

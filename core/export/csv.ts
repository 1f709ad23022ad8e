/**
 * The OKR set as CSV (RFC 4180): one row per key result with its objective's columns repeated,
 * so a spreadsheet can filter and pivot it. Text cells are guarded against formula injection.
 */
import { formatDate, formatNumber, formatScore, unitLabel } from './format'
import { trendLabel } from './markdown'
import type { OkrExport } from './report'

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / CR that hides one) as a
 * formula: a KR titled `=HYPERLINK(…)` would run on the reader's machine. A leading
 * apostrophe makes it text (OWASP's advice). Numbers are written by us, never guarded.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export const CSV_COLUMNS = [
  'Objective',
  'Objective owner',
  'Status',
  'Type',
  'Timeframe',
  'Objective score',
  'Key result',
  'KR owner',
  'Metric',
  'Unit',
  'Direction',
  'Start',
  'Current',
  'Target',
  'Progress',
  'Score',
  'Band',
  'Trend',
  'Frequency',
  'Check-ins',
  'Last check-in',
] as const

type Cell = { readonly text: string } | { readonly number: string }
const text = (value: string | null): Cell => ({ text: value ?? '' })
const number = (value: string): Cell => ({ number: value })

/**
 * @example
 * toCsv(exportOkrs(readBoard(doc), { now })).split('\r\n')[0] // 'Objective,Objective owner,…'
 */
export function toCsv(data: OkrExport): string {
  const rows: Cell[][] = []
  for (const o of data.objectives) {
    const objective = [
      text(o.title),
      text(o.owner),
      text(o.status),
      text(o.type),
      text(o.timeframe ?? data.board.timeframe),
      number(formatScore(o.score)),
    ]
    if (o.keyResults.length === 0) {
      rows.push([...objective, ...Array.from({ length: 15 }, () => text(''))])
      continue
    }
    for (const kr of o.keyResults) {
      rows.push([
        ...objective,
        text(kr.title),
        text(kr.owner),
        text(kr.metric),
        text(unitLabel(kr.unit)),
        text(kr.direction),
        number(formatNumber(kr.start)),
        number(kr.current === null ? '' : formatNumber(kr.current)),
        number(formatNumber(kr.effectiveTarget)),
        number(String(Math.round(kr.progress * 100) / 100)),
        number(formatScore(kr.score)),
        text(kr.band),
        text(trendLabel(kr.trend)),
        text(kr.frequency),
        number(String(kr.checkInCount)),
        text(formatDate(kr.lastCheckInAt)),
      ])
    }
  }
  const render = (c: Cell) => csvField('text' in c ? guardFormula(c.text) : c.number)
  const lines = [CSV_COLUMNS.map(csvField).join(','), ...rows.map((r) => r.map(render).join(','))]
  return lines.join('\r\n') + '\r\n'
}

/**
 * The OKR set as CSV (RFC 4180): one row per key result with its objective's columns repeated,
 * so a spreadsheet can filter and pivot it. Text cells are guarded against formula injection.
 */
import { sanitizeLine } from '../text/sanitize'
import { formatDate, formatNumber, formatScore, unitLabel } from './format'
import { trendLabel } from './markdown'
import type { OkrExport } from './export-model'

/**
 * What makes a spreadsheet read a cell as a formula: = + - @, a tab or CR that hides one, and
 * their fullwidth forms (Excel on CJK systems reads `＝` as `=`).
 */
const FORMULA_START = '=+\\-@\\t\\r\\uff1d\\uff0b\\uff0d\\uff20'

/**
 * Where a spreadsheet may start a cell. We write `,`, but a reader set to another separator
 * (`;` in German, French or Dutch settings, tab, `|`) splits our quoted field wherever that
 * character occurs, and a quote in the middle of its field means nothing to it. Line breaks
 * start a cell for a reader that ignores our quoting altogether.
 */
const CELL_BOUNDARY = ',;\\t|\\r\\n'

/**
 * Every position right after a boundary (or at the start) followed by optional spaces and
 * quotes a reader may strip, then a trigger. Zero-width on both sides, so a boundary that is
 * itself a trigger (a tab) is both guarded and seen as a boundary. Also a boundary with nothing
 * but spaces and quotes after it: there the reader's next cell starts with the quote that
 * closes our field, which it takes for an opening quote, and what it then swallows (the rest
 * of our row, the next row) is ours to keep text.
 */
const FORMULA_FRAGMENT = new RegExp(
  `(?<=^|[${CELL_BOUNDARY}])(?=[\\s"]*[${FORMULA_START}])|(?<=[${CELL_BOUNDARY}])(?=[\\s"]*$)`,
  'g',
)

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / CR that hides one) as a
 * formula: a KR titled `=HYPERLINK(…)` would run on the reader's machine. OWASP's rule: any
 * cell, and any fragment a reader with another separator would make a cell, gets a leading
 * apostrophe, which spreadsheets read as "this is text" and do not show. The price is a
 * visible `'` after the separator when the file is read with `,`: `a,' -5` instead of
 * `a, -5`. Numbers are written by us and never pass through here.
 *
 * @example
 * guardFormula('x;=cmd|calc') // "x;'=cmd|calc"
 */
export function guardFormula(text: string): string {
  return text.replace(FORMULA_FRAGMENT, "'")
}

/**
 * RFC 4180: double inner quotes and quote a field holding a quote, a line break or any
 * character some reader uses as a separator (`,` `;` tab `|`), so every reader that honours
 * quotes keeps the field whole.
 */
export function csvField(value: string): string {
  return /[",;\t|\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export const CSV_COLUMNS = [
  'Objective',
  'Objective owner',
  'Status',
  'Type',
  'Timeframe',
  'Objective score',
  'Objective initiatives',
  'Key result',
  'KR owner',
  'Metric',
  'Unit',
  'Direction',
  'Start',
  'Current',
  'Target',
  'Original target',
  'Progress',
  'Score',
  'Band',
  'Pace',
  'Frequency',
  'Check-ins',
  'Last check-in',
  'Initiatives',
  'Check-in comments',
] as const

const KR_COLUMNS = CSV_COLUMNS.length - CSV_COLUMNS.indexOf('Key result')

/** Several short texts in one cell, in order; the cell is quoted because `;` is a separator. */
const list = (items: readonly string[]) => items.map(sanitizeLine).join('; ')

type Cell = { readonly text: string } | { readonly number: string }
// One line, without controls or bidi overrides, even for data stored before commands refused them.
const text = (value: string | null): Cell => ({ text: sanitizeLine(value ?? '') })
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
      text(list(o.initiatives)),
    ]
    if (o.keyResults.length === 0) {
      rows.push([...objective, ...Array.from({ length: KR_COLUMNS }, () => text(''))])
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
        number(kr.originalTarget === null ? '' : formatNumber(kr.originalTarget)),
        number(String(Math.round(kr.progress * 100) / 100)),
        number(formatScore(kr.score)),
        text(kr.band),
        text(trendLabel(kr.trend)),
        text(kr.frequency),
        number(String(kr.checkInCount)),
        text(formatDate(kr.lastCheckInAt)),
        text(list(kr.initiatives)),
        text(
          list(kr.comments.map((c) => `${formatDate(c.at)} ${formatNumber(c.value)}: ${c.note}`)),
        ),
      ])
    }
  }
  const render = (c: Cell) => csvField('text' in c ? guardFormula(c.text) : c.number)
  const lines = [CSV_COLUMNS.map(csvField).join(','), ...rows.map((r) => r.map(render).join(','))]
  return lines.join('\r\n') + '\r\n'
}

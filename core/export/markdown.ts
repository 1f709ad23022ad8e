/**
 * The OKR set as a Markdown table to paste into a wiki page (Confluence, GitHub, Notion all
 * read GFM tables): one row per objective in bold with its score, its key results below it.
 */
import { formatPercent, formatScore, formatValue } from './format'
import type { ExportedKeyResult, OkrExport } from './report'

/**
 * A cell's text on one line, with the characters that would break the table escaped. Titles
 * come from anyone on the board, and wikis render inline HTML: `<`, `>` and `&` become
 * entities so a pasted table shows the text and runs nothing.
 */
function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>')
    .trim()
}

const TREND_LABELS = { 'on-track': 'on track', 'at-risk': 'at risk', behind: 'behind' } as const

export function trendLabel(trend: ExportedKeyResult['trend']): string {
  return trend === null ? '' : TREND_LABELS[trend]
}

const HEADER = [
  'Objective / key result',
  'Owner',
  'Start',
  'Current',
  'Target',
  'Progress',
  'Score',
  'Trend',
]

/**
 * @example
 * toMarkdown(exportOkrs(readBoard(doc), { now }))
 * // | Objective / key result | Owner | Start | … |
 * // | **Delight new customers** | ann |  |  |  |  | **0.6** |  |
 */
export function toMarkdown(data: OkrExport): string {
  const lines: string[] = []
  const title = cell(data.board.title || 'OKRs')
  lines.push(`## ${title}${data.board.timeframe ? ` (${cell(data.board.timeframe)})` : ''}`, '')
  lines.push(
    `Overall score: **${formatScore(data.board.score)}** · scores run 0.0–1.0, ` +
      `${formatScore(data.board.bands.greenFrom)} is success. Exported ${data.board.exportedAt.slice(0, 10)}.`,
    '',
  )
  if (data.objectives.length === 0) {
    lines.push('_No objectives yet._', '')
    return lines.join('\n')
  }
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  lines.push(row(HEADER), row(HEADER.map((_, i) => (i >= 2 ? '---:' : '---'))))
  data.objectives.forEach((o, i) => {
    const meta = [o.status, o.type, o.timeframe].filter((x): x is string => Boolean(x)).join(', ')
    lines.push(
      row([
        `**O${i + 1}. ${cell(o.title)}** (${meta})`,
        cell(o.owner ?? ''),
        '',
        '',
        '',
        formatPercent(o.progress),
        `**${formatScore(o.score)}**`,
        trendLabel(o.trend),
      ]),
    )
    o.keyResults.forEach((kr, j) => {
      lines.push(
        row([
          `KR${i + 1}.${j + 1} ${cell(kr.title)}`,
          cell(kr.owner ?? ''),
          cell(formatValue(kr.start, kr.unit)),
          cell(formatValue(kr.current, kr.unit)),
          cell(formatValue(kr.effectiveTarget, kr.unit)),
          formatPercent(kr.progress),
          formatScore(kr.score),
          trendLabel(kr.trend),
        ]),
      )
    })
  })
  lines.push('')
  return lines.join('\n')
}

/**
 * The OKR set as a Markdown table to paste into a wiki page (Confluence, GitHub, Notion all
 * read GFM tables): one row per objective in bold with its score, its key results below it.
 */
import { sanitizeLine } from '../text/sanitize'
import { formatDate, formatPercent, formatScore, formatValue } from './format'
import type { ExportedKeyResult, OkrExport } from './export-model'

/**
 * Markdown punctuation that can start a link, an image, emphasis, code, a heading's closing
 * run, a table cell, strikethrough, math or a GitHub reference (`#12`): each is written with a
 * backslash, which CommonMark reads as "this character, literally".
 */
const MARKDOWN_PUNCTUATION = '\\\\`*_[\\]()!#|~$@{}'

/**
 * One pass over everything that needs escaping, so no escape is itself escaped again: `<` and
 * `>`, an `&` that would start an entity (`&lt;`, `&#x6a;`), and the punctuation above.
 */
const ACTIVE_SYNTAX = new RegExp(`[<>]|&(?=#?[a-z0-9]+;)|[${MARKDOWN_PUNCTUATION}]`, 'gi')

function escapeOne(c: string): string {
  if (c === '<') return '&lt;'
  if (c === '>') return '&gt;'
  return `\\${c}`
}

/**
 * User text as inline Markdown that renders as exactly that text: no link, image, autolink,
 * raw HTML, entity or emphasis. Titles come from anyone on the board, and the table is pasted
 * into wikis that render Markdown, where `![x](https://…/p.png)` would be a tracking pixel in
 * every reader's browser and `[click](javascript:…)` a live link.
 *
 * - `<` and `>` become entities: no raw HTML, no `<https://…>` autolink. An `&` that would
 *   start an entity of the writer's choosing (`&#x6a;avascript`, `&lt;`) gets a backslash;
 *   any other `&` stays as typed, so "R&D" reads "R&D" in the raw file too.
 * - the rest of the punctuation above gets a backslash; `[`, `]`, `(`, `)` and `!` together
 *   rule out inline, reference-style and image links.
 * - GFM also links bare `https://…` and `www.…` (and `@` for e-mail and mentions, escaped
 *   above): the `:` of `://` and the `.` after `www` get a backslash, which splits the text
 *   the autolinker scans.
 * - controls and bidi overrides are dropped and line breaks become spaces (sanitizeLine), for
 *   data stored before commands refused them; a cell holds one line.
 *
 * @example
 * markdownText('![x](https://evil.example/p.png)') // '\\!\\[x\\]\\(https\\://evil.example/p.png\\)'
 */
export function markdownText(text: string): string {
  return sanitizeLine(text)
    .replace(ACTIVE_SYNTAX, escapeOne)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .trim()
}

const cell = markdownText

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
  'Pace',
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
        `**O${i + 1}. ${cell(o.title)}** (${cell(meta)})`,
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
          targetText(kr),
          formatPercent(kr.progress),
          formatScore(kr.score),
          trendLabel(kr.trend),
        ]),
      )
    })
  })
  lines.push('', ...notesSection(data))
  return lines.join('\n')
}

function targetText(kr: ExportedKeyResult): string {
  const target = cell(formatValue(kr.effectiveTarget, kr.unit))
  if (kr.originalTarget === null) return target
  return `${target} (stretched from ${cell(formatValue(kr.originalTarget, kr.unit))})`
}

/**
 * What the table has no room for: each objective's and key result's initiatives and the
 * comments people wrote with their check-ins, under the same O1 / KR1.1 labels as the table.
 */
function notesSection(data: OkrExport): string[] {
  const initiatives: string[] = []
  const comments: string[] = []
  data.objectives.forEach((o, i) => {
    for (const title of o.initiatives) initiatives.push(`- O${i + 1}: ${cell(title)}`)
    o.keyResults.forEach((kr, j) => {
      const label = `KR${i + 1}.${j + 1}`
      for (const title of kr.initiatives) initiatives.push(`- ${label}: ${cell(title)}`)
      for (const c of kr.comments) {
        const value = cell(formatValue(c.value, kr.unit))
        comments.push(`- ${label}, ${formatDate(c.at)} (${value}): ${cell(c.note)}`)
      }
    })
  })
  const out: string[] = []
  if (initiatives.length > 0) out.push('### Initiatives', '', ...initiatives, '')
  if (comments.length > 0) out.push('### Check-in comments', '', ...comments, '')
  return out
}

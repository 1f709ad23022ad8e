/**
 * The print view: a standalone HTML page of the OKR set (the same figures as the Markdown and
 * CSV) with print CSS, opened in its own window so the board's chrome never ends up on paper.
 */
import { formatPercent, formatScore, formatValue } from '../../core/export/format'
import type { OkrExport } from '../../core/export/export-model'
import { TREND_LABELS } from './labels'
import { BAND_COLORS } from './okr-styles'

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

function bar(score: number, band: keyof typeof BAND_COLORS): string {
  const width = Math.round(Math.min(1, Math.max(0, score)) * 100)
  return `<span class="bar"><span style="width:${width}%;background:${BAND_COLORS[band]}"></span><i></i></span> <b>${formatScore(score)}</b>`
}

export function printHtml(data: OkrExport): string {
  const e = escapeHtml
  const objectives = data.objectives
    .map((o, i) => {
      const krs = o.keyResults
        .map(
          (kr, j) => `<tr>
  <td>KR${i + 1}.${j + 1} ${e(kr.title)}</td><td>${e(kr.owner ?? '')}</td>
  <td class="n">${e(formatValue(kr.start, kr.unit))}</td><td class="n">${e(formatValue(kr.current, kr.unit))}</td>
  <td class="n">${e(formatValue(kr.effectiveTarget, kr.unit))}</td><td class="n">${formatPercent(kr.progress)}</td>
  <td>${bar(kr.score, kr.band)}</td><td>${kr.trend ? TREND_LABELS[kr.trend] : ''}</td></tr>`,
        )
        .join('\n')
      return `<section><h2>O${i + 1}. ${e(o.title)} ${bar(o.score, o.band)}</h2>
<p class="meta">${e([o.owner ?? 'No owner', o.status, o.type, o.timeframe ?? data.board.timeframe ?? ''].filter(Boolean).join(' · '))}</p>
${o.description ? `<p>${e(o.description)}</p>` : ''}
<table><thead><tr><th>Key result</th><th>Owner</th><th class="n">Start</th><th class="n">Current</th><th class="n">Target</th><th class="n">Progress</th><th>Score</th><th>Trend</th></tr></thead>
<tbody>${krs || '<tr><td colspan="8">No key results.</td></tr>'}</tbody></table></section>`
    })
    .join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(data.board.title || 'OKRs')} — OKRs</title>
<style>
body{font:12pt/1.4 system-ui,sans-serif;color:#111;margin:24px}
h1{font-size:18pt;margin:0 0 4px}h2{font-size:13pt;margin:18px 0 2px}
.meta{color:#555;margin:0 0 6px}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;position:relative;width:90px;height:8px;background:#eee;border-radius:4px;vertical-align:middle}
.bar span{display:block;height:100%;border-radius:4px}.bar i{position:absolute;left:70%;top:-2px;bottom:-2px;width:1px;background:#333}
.toolbar{margin-bottom:12px}.toolbar button{font:inherit;padding:4px 12px}
@media print{.toolbar{display:none}body{margin:0}section{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style></head><body>
<div class="toolbar"><button id="print" type="button">Print</button></div>
<h1>${e(data.board.title || 'OKRs')}${data.board.timeframe ? ` — ${e(data.board.timeframe)}` : ''}</h1>
<p class="meta">Overall score ${formatScore(data.board.score)} · scores 0.0–1.0, 0.7 is success · ${e(data.board.exportedAt.slice(0, 10))}</p>
${objectives || '<p>No objectives yet.</p>'}
</body></html>`
}

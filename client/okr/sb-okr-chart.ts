/**
 * A key result's value over time (solid, one dot per check-in) against the expected path from
 * start to target across the period (dashed), with the target as a faint line. Plain SVG drawn
 * by Lit: a chart library would add weight for one line chart.
 */
import { LitElement, css, html, svg } from 'lit'
import type { CheckIn, KeyResult } from '../../core/okr/okr-model'
import type { Period } from '../../core/okr/timeframe'
import { formatAmount } from '../../core/export/format'
import { chartModel, polyline, scales } from './chart-geometry'
import { formatDay } from './labels'

const BOX = { width: 420, height: 180, pad: 28 }

export class SbOkrChart extends LitElement {
  static override properties = {
    keyResult: { attribute: false },
    checkIns: { attribute: false },
    period: { attribute: false },
  }

  declare keyResult: KeyResult | null
  declare checkIns: readonly CheckIn[]
  declare period: Period | null

  constructor() {
    super()
    this.keyResult = null
    this.checkIns = []
    this.period = null
  }

  static override styles = css`
    :host {
      display: block;
    }
    svg {
      width: 100%;
      max-width: 520px;
      height: auto;
      font:
        10px system-ui,
        sans-serif;
    }
    .axis {
      stroke: #d1d5db;
    }
    .expected {
      stroke: #9ca3af;
      stroke-dasharray: 5 4;
      fill: none;
    }
    .target {
      stroke: #16a34a;
      stroke-opacity: 0.4;
    }
    .value {
      stroke: #2563eb;
      stroke-width: 2;
      fill: none;
    }
    circle {
      fill: #2563eb;
    }
    text {
      fill: #6b7280;
    }
  `

  override render() {
    if (this.keyResult === null) return null
    const model = chartModel(this.keyResult, this.checkIns, this.period)
    const s = scales(model, BOX)
    const bottom = BOX.height - BOX.pad
    // The line starts from the start value at the period start, so one check-in already shows
    // a direction to compare with the expected path.
    const first = model.series[0]
    const anchor = model.expected?.[0]
    const line = anchor && first && first.at > anchor.at ? [anchor, ...model.series] : model.series
    // The value labels sit inside the plot, left-aligned: right-aligned left of the axis, a long
    // figure (1,250,000) ran past the chart's edge and was cut off.
    return html`<svg
      viewBox="0 0 ${BOX.width} ${BOX.height}"
      role="img"
      aria-label=${`Value over time: ${model.series.length} check-ins against the expected path`}
      data-testid="checkin-chart"
      data-points=${model.series.length}
    >
      ${svg`
        <line class="axis" x1=${BOX.pad} y1=${bottom} x2=${BOX.width - BOX.pad} y2=${bottom} />
        <line class="axis" x1=${BOX.pad} y1=${BOX.pad} x2=${BOX.pad} y2=${bottom} />
        <line class="target" x1=${BOX.pad} x2=${BOX.width - BOX.pad}
          y1=${s.y(model.target)} y2=${s.y(model.target)} />
        <text x=${BOX.width - BOX.pad} y=${s.y(model.target) - 3} text-anchor="end">
          target ${formatAmount(model.target)}
        </text>
        <text class="y-label" x=${BOX.pad + 4} y=${bottom - 4}>${formatAmount(s.minValue)}</text>
        <text class="y-label" x=${BOX.pad + 4} y=${BOX.pad + 10}>${formatAmount(s.maxValue)}</text>
        <text x=${BOX.pad} y=${BOX.height - 8}>${formatDay(s.minAt)}</text>
        <text x=${BOX.width - BOX.pad} y=${BOX.height - 8} text-anchor="end">${formatDay(s.maxAt)}</text>
        ${model.expected ? svg`<polyline class="expected" points=${polyline(model.expected, s)} />` : null}
        ${line.length > 1 ? svg`<polyline class="value" points=${polyline(line, s)} />` : null}
        ${model.series.map(
          (p) => svg`<circle cx=${s.x(p.at)} cy=${s.y(p.value)} r="3.5">
            <title>${formatDay(p.at)}: ${formatAmount(p.value)}</title>
          </circle>`,
        )}
      `}
    </svg>`
  }
}

customElements.define('sb-okr-chart', SbOkrChart)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-chart': SbOkrChart
  }
}

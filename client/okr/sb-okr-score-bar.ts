/**
 * A score as a horizontal bar coloured by its band, with the 0.7 success line marked, and the
 * score printed with one decimal. Used by the dashboard, the check-ins and the retrospective.
 * The bar, the number and the colour all show core's `shownScore` (the band is decided on it
 * too), so a "0.7" bar reaches the success line and is green.
 */
import { LitElement, css, html } from 'lit'
import type { Band } from '../../core/okr/score'
import { DEFAULT_BANDS, scoreText, shownScore } from '../../core/okr/score'
import { BAND_COLORS } from './okr-styles'
import { BAND_LABELS } from './labels'

export class SbOkrScoreBar extends LitElement {
  static override properties = {
    score: { type: Number },
    band: { type: String },
    label: { type: String },
  }

  declare score: number
  declare band: Band
  declare label: string

  constructor() {
    super()
    this.score = 0
    this.band = 'red'
    this.label = ''
  }

  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 8px;
      min-width: 140px;
    }
    .track {
      position: relative;
      flex: 1;
      height: 10px;
      border-radius: 5px;
      background: #eceae4;
      overflow: visible;
    }
    .fill {
      height: 100%;
      border-radius: 5px;
    }
    .line {
      position: absolute;
      top: -3px;
      bottom: -3px;
      width: 2px;
      background: #374151;
      opacity: 0.6;
    }
    .value {
      font-variant-numeric: tabular-nums;
      font-weight: 700;
      min-width: 2.2em;
      text-align: right;
    }
  `

  override render() {
    const score = shownScore(this.score)
    const text = scoreText(score)
    return html`<div
        class="track"
        role="meter"
        aria-valuemin="0"
        aria-valuemax="1"
        aria-valuenow=${score}
        aria-label=${`${this.label ? `${this.label}: ` : ''}score ${text}, ${BAND_LABELS[this.band]}`}
      >
        <div
          class="fill"
          style="width:${score * 100}%;background:${BAND_COLORS[this.band] ?? BAND_COLORS.red}"
        ></div>
        <div
          class="line"
          style="left:${DEFAULT_BANDS.greenFrom * 100}%"
          title="0.7: the success line"
        ></div>
      </div>
      <span class="value" data-score=${text} data-band=${this.band}>${text}</span>`
  }
}

customElements.define('sb-okr-score-bar', SbOkrScoreBar)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-score-bar': SbOkrScoreBar
  }
}

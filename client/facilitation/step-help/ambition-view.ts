/**
 * "Amp up ambition": the confident key results with their stretched targets and the one-click
 * stretch (the existing stretchKeyResult command, applied once), then the count check.
 */
import { html } from 'lit'
import { updateKeyResult } from '../../../core/board/commands/okr'
import { stretchKeyResult } from '../../../core/board/commands/stretch'
import { formatAmount, formatScore } from '../../../core/export/format'
import type { BoardController } from '../../board/board-controller'
import { ambitionModel, CONFIDENT_AT, type AmbitionItem } from './ambition-model'

function stretchButtons(board: BoardController, item: AmbitionItem) {
  if (item.stretchedFrom !== null) {
    return html`<span class="ok" data-testid=${`ambition-stretched-${item.kr.id}`}
      >${item.stretchedFrom}</span
    >`
  }
  const offer = item.offer
  if (offer === null) return html`<span class="muted">Nothing to stretch (no gap to widen).</span>`
  if (!board.canEdit) return html`<span class="muted">${offer.label}</span>`
  const stretch = (title?: string) =>
    board.run(
      stretchKeyResult,
      title === undefined ? { id: item.kr.id } : { id: item.kr.id, title },
    )
  return html`<button
      class="primary"
      data-testid=${`ambition-stretch-${item.kr.id}`}
      title=${offer.note ?? 'Amp up your ambition: 30 % further from the start, once'}
      @click=${() => stretch(offer.title ?? undefined)}
    >
      ${offer.label}
    </button>
    ${offer.title === null ? null : html`<span class="muted">Title becomes “${offer.title}”.</span>`}`
}

/** The team's own "we are sure of this one" mark, which lists the key result as confident. */
function markButton(board: BoardController, item: AmbitionItem) {
  if (!board.canEdit) return null
  return html`<button
    aria-pressed=${item.marked ? 'true' : 'false'}
    data-testid=${`ambition-mark-${item.kr.id}`}
    title=${item.marked ? 'No longer mark it a sure bet' : 'Mark it a sure bet: we are totally confident'}
    @click=${() => board.run(updateKeyResult, { id: item.kr.id, confident: !item.marked })}
  >
    ${item.marked ? 'Sure bet ✓' : 'Sure bet?'}
  </button>`
}

function itemView(board: BoardController, item: AmbitionItem) {
  return html`<li data-testid=${`ambition-${item.kr.id}`}>
    <div>
      <strong>${item.kr.title}</strong>
      <span class="muted">
        · target
        ${formatAmount(item.record.target)}${
          item.offer === null ? '' : ` → ${formatAmount(item.offer.target)}`
        }
        ${item.confidence === null ? '' : ` · confidence ${formatScore(item.confidence)}`}
      </span>
    </div>
    <div class="fixes">${markButton(board, item)} ${stretchButtons(board, item)}</div>
  </li>`
}

/** The whole "ambition" help for the board in view. */
export function ambitionView(board: BoardController) {
  const model = ambitionModel(board.cycleSnapshot, board.okrs)
  return html`<h3>Amp up ambition</h3>
    <p class="muted">
      Totally confident of a key result? Raise its target by about 30 %. Not at all sure? It is
      probably set just right.
    </p>
    <h4>Marked confident</h4>
    ${
      model.confident.length === 0
        ? html`<p class="muted" data-testid="ambition-none">
            No key result is marked confident yet: mark the sure bets below (a check-in with
            confidence ${formatScore(CONFIDENT_AT)} or more marks one too).
          </p>`
        : html`<ul class="ends" data-testid="ambition-confident">
            ${model.confident.map((item) => itemView(board, item))}
          </ul>`
    }
    ${
      model.others.length === 0
        ? null
        : html`<details data-testid="ambition-others" ?open=${model.confident.length === 0}>
            <summary>${model.others.length} more that could be stretched</summary>
            <ul class="ends">
              ${model.others.map((item) => itemView(board, item))}
            </ul>
          </details>`
    }
    <h4>Just enough Os and KRs</h4>
    <p class=${model.counts.fits ? 'ok' : 'warn'} data-testid="ambition-counts">
      ${model.counts.verdict}
    </p>`
}

/**
 * Convert: the draft OKR set core/convert would make of the voted board, previewed before
 * anything is written. The facilitator unticks objectives to leave out, follows each key
 * result back to its sticky notes, reads the diagnostics, then applies the selection with the
 * applyConversion command (idempotent: converting again updates the drafts in place).
 *
 * Unticking is a decision recorded in the document (recordConversionDecision), so every peer's
 * preview and every later conversion shows it unticked; drafts the team deleted after applying
 * stay out, listed with a way to bring each back (withdrawConversionDecisions).
 */
import { LitElement, css, html } from 'lit'
import { live } from 'lit/directives/live.js'
import type { BoardSnapshot } from '../../core/board/board-model'
import { applyConversion, type ApplyConversionReport } from '../../core/board/commands/conversion'
import {
  readConversionDecisions,
  recordConversionDecision,
  withdrawConversionDecisions,
} from '../../core/board/commands/conversion-decisions'
import { convertBoard } from '../../core/convert/convert-board'
import { groupKey, type RemovedDraft } from '../../core/convert/decisions'
import type { ConversionResult, KeyResultDraft } from '../../core/convert/drafts'
import type { Diagnostic } from '../../core/okr/okr-model'
import { formatValue } from '../../core/export/format'
import type { BoardCommand, BoardController } from '../board/board-controller'
import { BoardConsumer } from '../board/board-consumer'
import {
  appliedText,
  convertModel,
  removedLabel,
  sourceLinkLabel,
  type ConvertModel,
  type DraftCard,
} from './convert-model'
import { counted } from './labels'
import { okrStyles } from './okr-styles'
import { canFacilitate } from '../board/board-context'

interface Selection {
  readonly result: ConversionResult
  readonly objectiveIds: readonly string[]
}

/** applyConversion takes its selection after the origin; this is it in the command shape. */
const applySelection: BoardCommand<Selection, ApplyConversionReport> = (doc, s, origin) =>
  applyConversion(doc, s.result, origin, { objectiveIds: s.objectiveIds })

export class SbOkrConvert extends LitElement {
  static override properties = {
    applied: { state: true },
  }

  declare applied: ApplyConversionReport | null

  readonly #board = new BoardConsumer(this)
  #cache: { snapshot: BoardSnapshot; result: ConversionResult } | null = null

  constructor() {
    super()
    this.applied = null
  }

  static override styles = [
    okrStyles,
    css`
      .objective {
        border-left: 4px solid var(--sb-accent, #2563eb);
      }
      .objective.off {
        opacity: 0.5;
        border-left-color: var(--sb-line, #e5e1d6);
      }
      ul {
        margin: 6px 0 0;
        padding-left: 22px;
      }
      li {
        margin: 4px 0;
      }
      .link {
        border: none;
        background: none;
        color: var(--sb-accent, #2563eb);
        padding: 0 2px;
        text-decoration: underline;
      }
      .diag {
        font-size: 0.8rem;
        margin: 2px 0;
      }
      /* The workspace's labelled inputs fill their label; a tick box sits beside its title. */
      .objective label.row > input[type='checkbox'] {
        width: auto;
      }
      .removed li {
        display: flex;
        gap: 8px;
        align-items: baseline;
      }
    `,
  ]

  /**
   * The draft is derived from the board and its recorded decisions, once per change however
   * often the panel renders.
   */
  #result(board: BoardController): ConversionResult {
    const snapshot = board.snapshot
    if (this.#cache?.snapshot !== snapshot) {
      const decisions = board.derive(readConversionDecisions)
      this.#cache = { snapshot, result: convertBoard(snapshot, { decisions }) }
    }
    return this.#cache.result
  }

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const result = this.#result(board)
    const model = convertModel(result, new Set(), board.snapshot)
    return html`<h2>Convert the board into a draft OKR set</h2>
      <p class="hint">
        The most-voted groups become objectives, their notes key results (with a number) or
        initiatives (tasks). Untick what you do not want, then apply. Converting again later updates
        the drafts, keeps your edits and remembers what you left out, removed or made an initiative.
      </p>
      ${this.#diagnostics(model.findings.get(null) ?? [])}
      ${this.#removed(model, canFacilitate(board))}
      ${
        model.cards.length === 0
          ? html`<p class="empty" data-testid="convert-empty">
              Nothing to convert yet: group the sticky notes and dot-vote on the groups first.
            </p>`
          : html`<div data-testid="convert-preview">
                ${model.cards.map((card) => this.#draft(card, model, canFacilitate(board)))}
              </div>
              ${this.#applyRow(result, model, canFacilitate(board))}`
      }`
  }

  #draft(card: DraftCard, model: ConvertModel, facilitating: boolean) {
    const o = card.draft
    return html`<section
      class="card objective ${card.on ? '' : 'off'}"
      data-objective-draft=${o.id}
    >
      <label class="row">
        <input
          type="checkbox"
          .checked=${live(card.on)}
          ?disabled=${!facilitating}
          data-testid=${`convert-select-${o.id}`}
          @change=${(e: Event) => this.#tick(card, (e.target as HTMLInputElement).checked)}
        />
        <h3>${o.title}</h3>
        <span class="badge">${counted(o.votes, 'dot')}</span>
        ${
          card.onBoard
            ? html`<span class="badge green" title="Applying again updates it in place"
                >on the board</span
              >`
            : null
        }
      </label>
      ${this.#diagnostics(model.findings.get(o.id) ?? [])}
      ${
        card.keyResults.length === 0
          ? html`<p class="muted">No key results found in this group.</p>`
          : html`<ul aria-label="Key results">
              ${card.keyResults.map((k) => this.#keyResult(k, model.findings.get(k.id) ?? []))}
            </ul>`
      }
      ${
        card.initiatives.length
          ? html`<p class="muted">Initiatives:</p>
              <ul aria-label="Initiatives">
                ${card.initiatives.map(
                  (i) =>
                    html`<li data-initiative-draft=${i.id}>
                      ${i.title}
                      ${
                        model.madeInitiatives.has(i.id)
                          ? html`<span class="badge" title="You made this key result an initiative"
                              >stays an initiative</span
                            >`
                          : null
                      }
                      ${this.#sourceLink(i.id, i.sourceNoteIds)}
                    </li>`,
                )}
              </ul>`
          : null
      }
    </section>`
  }

  #applyRow(result: ConversionResult, model: ConvertModel, facilitating: boolean) {
    // Participants see the draft and what was applied; applying is the facilitator's (roles.md).
    return html`<div class="row">
      ${
        facilitating
          ? html`<button
              class="primary"
              data-testid="convert-apply"
              ?disabled=${model.chosen.length === 0}
              @click=${() => this.#apply(result, model.chosen)}
            >
              ${model.applyLabel}
            </button>`
          : html`<p class="hint" data-testid="convert-facilitator-only">
              The facilitator chooses what to convert and applies it.
            </p>`
      }
      ${
        this.applied
          ? html`<span role="status" data-testid="convert-report"
              >${appliedText(this.applied)}</span
            >`
          : null
      }
    </div>`
  }

  #keyResult(k: KeyResultDraft, diagnostics: readonly Diagnostic[]) {
    const figures = k.measurable
      ? html`<span class="muted">
          ${k.metric || 'value'}: ${formatValue(k.start, k.unit)} → ${formatValue(k.target, k.unit)}
          ${k.calculation === 'absolute-target' ? '' : `(${k.calculation})`}
        </span>`
      : html`<span class="badge yellow">needs a number</span>`
    return html`<li data-kr-draft=${k.id}>
      ${k.title} ${figures} ${this.#sourceLink(k.id, k.sourceNoteIds)}
      ${this.#diagnostics(diagnostics)}
    </li>`
  }

  #sourceLink(id: string, noteIds: readonly string[]) {
    if (noteIds.length === 0) return null
    return html`<button
      class="link"
      data-testid=${`kr-source-${id}`}
      title="Show the sticky notes on the board"
      @click=${() => this.#board.board?.focusNotes(noteIds)}
    >
      ${sourceLinkLabel(noteIds.length)}
    </button>`
  }

  /** The drafts the team removed: they stay out, and each can be brought back. */
  #removed(model: ConvertModel, facilitating: boolean) {
    if (model.removedText === null) return null
    return html`<section class="card removed" data-testid="convert-removed">
      <p data-testid="convert-removed-count">${model.removedText}.</p>
      <ul aria-label="Removed drafts">
        ${model.removed.map(
          (r) =>
            html`<li data-removed-draft=${r.draftId}>
              <span>${removedLabel(r)}</span>
              <button
                data-testid=${`convert-restore-${r.draftId}`}
                ?disabled=${!facilitating}
                title="Offer it again: the next Apply writes it back"
                @click=${() => this.#restore(r)}
              >
                Bring back
              </button>
            </li>`,
        )}
      </ul>
    </section>`
  }

  /** Ticking and unticking are decisions in the document, seen by everyone converting. */
  #tick(card: DraftCard, on: boolean): void {
    const board = this.#board.board
    if (board === undefined) return
    const o = card.draft
    const key = groupKey(o.sourceGroupId)
    if (on) board.run(withdrawConversionDecisions, { keys: [key] })
    else
      board.run(recordConversionDecision, { key, state: 'unticked', draftId: o.id, title: o.title })
  }

  #restore(draft: RemovedDraft): void {
    this.#board.board?.run(withdrawConversionDecisions, { keys: draft.restoreKeys })
  }

  #diagnostics(list: readonly Diagnostic[]) {
    return list.map(
      (d) => html`<p class="diag sev-${d.severity}" data-code=${d.code}>${d.message}</p>`,
    )
  }

  #apply(result: ConversionResult, objectiveIds: readonly string[]): void {
    const report = this.#board.board?.run(applySelection, { result, objectiveIds })
    if (report) this.applied = report
  }
}

customElements.define('sb-okr-convert', SbOkrConvert)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-convert': SbOkrConvert
  }
}

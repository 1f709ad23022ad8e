/**
 * Convert: the draft OKR set core/convert would make of the voted board, previewed before
 * anything is written. The facilitator unticks objectives to leave out, follows each key
 * result back to its sticky notes, reads the diagnostics, then applies the selection with the
 * applyConversion command (idempotent: converting again updates the drafts in place).
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import type { BoardSnapshot } from '../../core/board/board-model'
import { applyConversion } from '../../core/board/commands/conversion'
import type { ApplyConversionReport } from '../../core/board/commands/conversion'
import { convertBoard } from '../../core/convert/convert-board'
import type { ConversionResult, KeyResultDraft } from '../../core/convert/drafts'
import type { Diagnostic } from '../../core/okr/okr-model'
import { formatValue } from '../../core/export/format'
import { runCommand } from '../board/run-command'
import { okrStyles } from './okr-styles'

export interface FocusNotesDetail {
  readonly noteIds: readonly string[]
}

export class SbOkrConvert extends LitElement {
  static override properties = {
    snapshot: { attribute: false },
    excluded: { state: true },
    applied: { state: true },
  }

  declare snapshot: BoardSnapshot | null
  /** Objective drafts the facilitator unticked; everything else is applied. */
  declare excluded: ReadonlySet<string>
  declare applied: ApplyConversionReport | null

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  #cache: { snapshot: BoardSnapshot; result: ConversionResult } | null = null

  constructor() {
    super()
    this.snapshot = null
    this.excluded = new Set()
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
    `,
  ]

  #result(snapshot: BoardSnapshot): ConversionResult {
    if (this.#cache?.snapshot !== snapshot) {
      this.#cache = { snapshot, result: convertBoard(snapshot) }
    }
    return this.#cache.result
  }

  override render() {
    const snapshot = this.snapshot
    if (snapshot === null) return null
    const result = this.#result(snapshot)
    const canEdit = this.#session.value?.role === 'edit'
    const byTarget = new Map<string | null, Diagnostic[]>()
    for (const d of result.diagnostics) {
      byTarget.set(d.targetId, [...(byTarget.get(d.targetId) ?? []), d])
    }
    const chosen = result.objectives.filter((o) => !this.excluded.has(o.id))
    const applied = new Set(snapshot.objectives.map((o) => o.id))
    return html`<h2>Convert the board into a draft OKR set</h2>
      <p class="hint">
        The most-voted groups become objectives, their notes key results (with a number) or
        initiatives (tasks). Untick what you do not want, then apply. Converting again later updates
        the drafts and keeps your edits.
      </p>
      ${this.#diagnostics(byTarget.get(null) ?? [])}
      ${
        result.objectives.length === 0
          ? html`<p class="empty" data-testid="convert-empty">
              Nothing to convert yet: group the sticky notes and dot-vote on the groups first.
            </p>`
          : html`<div data-testid="convert-preview">
                ${result.objectives.map((o) => {
                  const on = !this.excluded.has(o.id)
                  const krs = result.keyResults.filter((k) => k.objectiveId === o.id)
                  const initiatives = result.initiatives.filter((i) => i.objectiveId === o.id)
                  return html`<section
                    class="card objective ${on ? '' : 'off'}"
                    data-objective-draft=${o.id}
                  >
                    <label class="row">
                      <input
                        type="checkbox"
                        .checked=${on}
                        ?disabled=${!canEdit}
                        data-testid=${`convert-select-${o.id}`}
                        @change=${(e: Event) =>
                          this.#toggle(o.id, (e.target as HTMLInputElement).checked)}
                      />
                      <h3>${o.title}</h3>
                      <span class="badge">${o.votes} ${o.votes === 1 ? 'dot' : 'dots'}</span>
                      ${
                        applied.has(o.id)
                          ? html`<span
                              class="badge green"
                              title="Applying again updates it in place"
                              >on the board</span
                            >`
                          : null
                      }
                    </label>
                    ${this.#diagnostics(byTarget.get(o.id) ?? [])}
                    ${
                      krs.length === 0
                        ? html`<p class="muted">No key results found in this group.</p>`
                        : html`<ul aria-label="Key results">
                            ${krs.map((k) => this.#keyResult(k, byTarget.get(k.id) ?? []))}
                          </ul>`
                    }
                    ${
                      initiatives.length
                        ? html`<p class="muted">Initiatives:</p>
                            <ul aria-label="Initiatives">
                              ${initiatives.map(
                                (i) =>
                                  html`<li>
                                    ${i.title} ${this.#sourceLink(i.id, i.sourceNoteIds)}
                                  </li>`,
                              )}
                            </ul>`
                        : null
                    }
                  </section>`
                })}
              </div>
              <div class="row">
                <button
                  class="primary"
                  data-testid="convert-apply"
                  ?disabled=${!canEdit || chosen.length === 0}
                  @click=${() => this.#apply(result)}
                >
                  Apply ${chosen.length} of ${result.objectives.length}
                  ${result.objectives.length === 1 ? 'objective' : 'objectives'}
                </button>
                ${
                  this.applied
                    ? html`<span role="status" data-testid="convert-report">
                        Created ${this.applied.created.length}, updated
                        ${this.applied.updated.length}
                        ${
                          this.applied.keptEdits.length
                            ? html`(kept your edits on ${this.applied.keptEdits.length})`
                            : null
                        }.
                      </span>`
                    : null
                }
              </div>`
      }`
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
      @click=${() => this.#focus(noteIds)}
    >
      ${noteIds.length === 1 ? 'source note' : `${noteIds.length} source notes`}
    </button>`
  }

  #diagnostics(list: readonly Diagnostic[]) {
    return list.map(
      (d) => html`<p class="diag sev-${d.severity}" data-code=${d.code}>${d.message}</p>`,
    )
  }

  #toggle(id: string, on: boolean): void {
    const next = new Set(this.excluded)
    if (on) next.delete(id)
    else next.add(id)
    this.excluded = next
  }

  #focus(noteIds: readonly string[]): void {
    this.dispatchEvent(
      new CustomEvent<FocusNotesDetail>('focus-notes', {
        detail: { noteIds },
        bubbles: true,
        composed: true,
      }),
    )
  }

  #apply(result: ConversionResult): void {
    const session = this.#session.value
    if (!session) return
    const objectiveIds = result.objectives.filter((o) => !this.excluded.has(o.id)).map((o) => o.id)
    const report = runCommand(this, () =>
      applyConversion(session.doc, result, session.origin, { objectiveIds }),
    )
    if (report) this.applied = report
  }
}

customElements.define('sb-okr-convert', SbOkrConvert)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-convert': SbOkrConvert
  }
  interface HTMLElementEventMap {
    'focus-notes': CustomEvent<FocusNotesDetail>
  }
}

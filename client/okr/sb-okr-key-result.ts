/**
 * One key result in the editor: every field inline, each change written at once through
 * updateKeyResult so everyone on the board sees it live. A value that does not parse (a
 * target of "lots") stays in the field with a message beside it; the document keeps the last
 * good value.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import type { InitiativeRecord, KeyResultRecord } from '../../core/board/board-model'
import {
  createInitiative,
  deleteInitiative,
  deleteKeyResult,
  updateInitiative,
  updateKeyResult,
} from '../../core/board/commands/okr'
import type { KeyResultFields } from '../../core/board/commands/okr'
import { CALCULATIONS, DIRECTIONS, FREQUENCIES, ROLLUPS } from '../../core/okr/okr-model'
import type { Diagnostic } from '../../core/okr/okr-model'
import { formatScore, formatValue } from '../../core/export/format'
import type { ExportedKeyResult } from '../../core/export/export-model'
import { runCommand } from '../board/run-command'
import { withError, type FieldErrors } from './field-errors'
import { CALCULATION_LABELS, UNIT_KINDS, unitFrom, unitParts, type UnitKind } from './labels'
import { okrStyles } from './okr-styles'
import { formatGrading, parseGradingInput, parseNumberInput } from './parse-input'
import './sb-okr-score-bar'
import { newId } from '../board/ids'

type NumberField = 'start' | 'target' | 'weight'

export interface KeyResultMove {
  readonly id: string
  readonly index: number
}

export class SbOkrKeyResult extends LitElement {
  static override properties = {
    keyResult: { attribute: false },
    initiatives: { attribute: false },
    diagnostics: { attribute: false },
    figures: { attribute: false },
    index: { type: Number },
    count: { type: Number },
    errors: { state: true },
  }

  declare keyResult: KeyResultRecord | null
  declare initiatives: readonly InitiativeRecord[]
  declare diagnostics: readonly Diagnostic[]
  declare figures: ExportedKeyResult | null
  /** Position among the objective's key results, for the move buttons. */
  declare index: number
  declare count: number
  declare errors: FieldErrors

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })

  constructor() {
    super()
    this.keyResult = null
    this.initiatives = []
    this.diagnostics = []
    this.figures = null
    this.index = 0
    this.count = 1
    this.errors = new Map()
  }

  static override styles = [
    okrStyles,
    css`
      :host {
        display: block;
        border-top: 1px solid var(--sb-line, #e5e1d6);
        padding: 8px 0;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
        gap: 6px 10px;
        margin-top: 6px;
      }
      label {
        display: grid;
        gap: 2px;
        font-size: 0.75rem;
        color: var(--sb-muted, #6b7280);
      }
      label.wide {
        grid-column: span 2;
      }
      .title {
        flex: 1;
        min-width: 200px;
        font-weight: 600;
      }
      ul {
        margin: 4px 0;
        padding-left: 18px;
      }
      li input {
        width: min(420px, 100%);
      }
      sb-okr-score-bar {
        width: 160px;
      }
      .link {
        border: none;
        background: none;
        color: var(--sb-accent, #2563eb);
        padding: 0;
        font-size: 0.75rem;
        text-decoration: underline;
      }
    `,
  ]

  override render() {
    const kr = this.keyResult
    if (kr === null) return null
    const canEdit = this.#session.value?.role === 'edit'
    const unit = unitParts(kr.unit)
    const f = this.figures
    return html`<div class="row">
        <input
          class="title"
          aria-label="Key result title"
          data-testid=${`kr-title-${kr.id}`}
          .value=${this.#shown('title', kr.title)}
          aria-invalid=${this.errors.has('title') ? 'true' : 'false'}
          ?disabled=${!canEdit}
          @input=${(e: Event) => this.#text('title', e)}
        />
        ${
          f
            ? html`<sb-okr-score-bar
                  data-testid=${`kr-score-${kr.id}`}
                  .score=${f.score}
                  .band=${f.band}
                  .label=${kr.title}
                ></sb-okr-score-bar>
                <span class="muted" title="Current value of target">
                  ${formatValue(f.current, kr.unit)} / ${formatValue(f.effectiveTarget, kr.unit)}
                </span>`
            : null
        }
        <button
          class="icon"
          aria-label="Move key result up"
          title="Move up"
          ?disabled=${!canEdit || this.index === 0}
          @click=${() => this.#move(-1)}
        >
          ↑
        </button>
        <button
          class="icon"
          aria-label="Move key result down"
          title="Move down"
          ?disabled=${!canEdit || this.index >= this.count - 1}
          @click=${() => this.#move(1)}
        >
          ↓
        </button>
        <button
          class="icon"
          title="Delete this key result (undo brings it back)"
          aria-label="Delete key result"
          data-testid=${`kr-delete-${kr.id}`}
          ?disabled=${!canEdit}
          @click=${() => this.#run(() => deleteKeyResult(this.#doc(), { id: kr.id }, this.#origin()))}
        >
          ✕
        </button>
      </div>
      ${this.#error('title')}
      ${
        kr.sourceNoteIds.length
          ? html`<button
              class="link"
              data-testid=${`kr-notes-${kr.id}`}
              title="Show the sticky notes this key result came from"
              @click=${() =>
                this.dispatchEvent(
                  new CustomEvent('focus-notes', {
                    detail: { noteIds: kr.sourceNoteIds },
                    bubbles: true,
                    composed: true,
                  }),
                )}
            >
              ${
                kr.sourceNoteIds.length === 1
                  ? 'from 1 sticky note'
                  : `from ${kr.sourceNoteIds.length} sticky notes`
              }
            </button>`
          : null
      }
      <div class="grid">
        <label
          >Metric
          <input
            .value=${kr.metric}
            data-field="metric"
            ?disabled=${!canEdit}
            @change=${(e: Event) => this.#text('metric', e)}
          />
        </label>
        <label
          >Unit
          <select
            data-field="unit"
            ?disabled=${!canEdit}
            @change=${(e: Event) =>
              this.#update({
                unit: unitFrom((e.target as HTMLSelectElement).value as UnitKind, unit.extra),
              })}
          >
            ${UNIT_KINDS.map((k) => html`<option value=${k} ?selected=${unit.kind === k}>${k}</option>`)}
          </select>
        </label>
        ${
          unit.kind === 'currency' || unit.kind === 'text'
            ? html`<label
                >${unit.kind === 'currency' ? 'Currency code' : 'Unit label'}
                <input
                  .value=${unit.extra}
                  data-field="unit-extra"
                  ?disabled=${!canEdit}
                  @change=${(e: Event) =>
                    this.#update({
                      unit: unitFrom(unit.kind, (e.target as HTMLInputElement).value),
                    })}
                />
              </label>`
            : null
        }
        ${this.#number('start', 'Start', kr.measurable === false ? '' : String(kr.start), canEdit)}
        ${this.#number(
          'target',
          kr.calculation === 'absolute-target' ? 'Target' : 'Lift',
          kr.measurable === false ? '' : String(kr.target),
          canEdit,
        )}
        ${this.#select('direction', 'Direction', DIRECTIONS, kr.direction, canEdit)}
        ${this.#select('calculation', 'Calculation', CALCULATIONS, kr.calculation, canEdit, CALCULATION_LABELS)}
        ${this.#select('rollup', 'Rollup', ROLLUPS, kr.rollup, canEdit)}
        ${this.#select('frequency', 'Check-in', FREQUENCIES, kr.frequency, canEdit)}
        ${this.#number('weight', 'Weight', String(kr.weight), canEdit)}
        <label
          >Owner
          <input
            .value=${kr.owner ?? ''}
            data-field="owner"
            placeholder="Who checks in?"
            ?disabled=${!canEdit}
            @change=${(e: Event) => {
              const owner = (e.target as HTMLInputElement).value.trim()
              this.#update({ owner: owner === '' ? null : owner })
            }}
          />
        </label>
        <label class="wide"
          >Grading points (value: score, …)
          <input
            .value=${this.#shown('grading', formatGrading(kr.grading))}
            data-field="grading"
            placeholder="linear"
            aria-invalid=${this.errors.has('grading') ? 'true' : 'false'}
            ?disabled=${!canEdit}
            @change=${(e: Event) => this.#grading(e)}
          />
          ${this.#error('grading')}
        </label>
      </div>
      ${this.diagnostics.map(
        (d) => html`<p class="sev-${d.severity}" data-code=${d.code}>⚑ ${d.message}</p>`,
      )}
      <div>
        <span class="muted">Initiatives</span>
        <ul>
          ${this.initiatives.map(
            (i) =>
              html`<li>
                <input
                  .value=${i.title}
                  aria-label="Initiative"
                  ?disabled=${!canEdit}
                  @change=${(e: Event) => {
                    const title = (e.target as HTMLInputElement).value.trim()
                    if (title)
                      this.#run(() =>
                        updateInitiative(this.#doc(), { id: i.id, title }, this.#origin()),
                      )
                  }}
                />
                <button
                  class="icon"
                  aria-label="Delete initiative"
                  ?disabled=${!canEdit}
                  @click=${() => this.#run(() => deleteInitiative(this.#doc(), { id: i.id }, this.#origin()))}
                >
                  ✕
                </button>
              </li>`,
          )}
          <li>
            <input
              placeholder="Add an initiative and press Enter"
              aria-label="New initiative"
              ?disabled=${!canEdit}
              @keydown=${(e: KeyboardEvent) => this.#addInitiative(e)}
            />
          </li>
        </ul>
      </div>
      ${
        f && f.checkInCount > 0
          ? html`<p class="muted">
              ${f.checkInCount === 1 ? '1 check-in' : `${f.checkInCount} check-ins`} · score
              ${formatScore(f.score)}
            </p>`
          : null
      }`
  }

  /** The editor owns the order of the objective's key results; it renumbers them. */
  #move(delta: number): void {
    const kr = this.keyResult
    if (!kr) return
    this.dispatchEvent(
      new CustomEvent<KeyResultMove>('kr-move', {
        detail: { id: kr.id, index: this.index + delta },
        bubbles: true,
        composed: true,
      }),
    )
  }

  #doc() {
    const session = this.#session.value
    if (!session) throw new Error('The board is not open.')
    return session.doc
  }

  #origin(): unknown {
    return this.#session.value?.origin
  }

  #run(command: () => unknown): void {
    runCommand(this, command)
  }

  #update(fields: Partial<KeyResultFields>): void {
    const kr = this.keyResult
    if (kr) this.#run(() => updateKeyResult(this.#doc(), { id: kr.id, ...fields }, this.#origin()))
  }

  #shown(field: string, value: string): string {
    return this.errors.get(field)?.text ?? value
  }

  #error(field: string) {
    const error = this.errors.get(field)
    return error
      ? html`<span class="error" role="alert" data-testid=${`error-${field}`}
          >${error.message}</span
        >`
      : null
  }

  #text(field: 'title' | 'metric', e: Event): void {
    const text = (e.target as HTMLInputElement).value
    if (field === 'title' && text.trim() === '') {
      this.errors = withError(this.errors, field, { text, message: 'A key result needs a title.' })
      return
    }
    this.errors = withError(this.errors, field, null)
    this.#update({ [field]: text })
  }

  #number(field: NumberField, label: string, value: string, canEdit: boolean) {
    const id = this.keyResult?.id ?? ''
    return html`<label
      >${label}
      <input
        inputmode="decimal"
        data-field=${field}
        data-testid=${`kr-${field}-${id}`}
        .value=${this.#shown(field, value)}
        aria-invalid=${this.errors.has(field) ? 'true' : 'false'}
        ?disabled=${!canEdit}
        @change=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value
          const parsed = parseNumberInput(text, field === 'weight' ? { min: 0, max: 1000 } : {})
          if (!parsed.ok) {
            this.errors = withError(this.errors, field, { text, message: parsed.message })
            return
          }
          this.errors = withError(this.errors, field, null)
          this.#update({ [field]: parsed.value })
        }}
      />
      ${this.#error(field)}
    </label>`
  }

  #select<T extends string>(
    field: 'direction' | 'calculation' | 'rollup' | 'frequency',
    label: string,
    options: readonly T[],
    value: T,
    canEdit: boolean,
    labels?: Readonly<Record<T, string>>,
  ) {
    return html`<label
      >${label}
      <select
        data-field=${field}
        ?disabled=${!canEdit}
        @change=${(e: Event) => this.#update({ [field]: (e.target as HTMLSelectElement).value })}
      >
        ${options.map(
          (o) => html`<option value=${o} ?selected=${o === value}>${labels?.[o] ?? o}</option>`,
        )}
      </select>
    </label>`
  }

  #grading(e: Event): void {
    const text = (e.target as HTMLInputElement).value
    const parsed = parseGradingInput(text)
    if (!parsed.ok) {
      this.errors = withError(this.errors, 'grading', { text, message: parsed.message })
      return
    }
    this.errors = withError(this.errors, 'grading', null)
    this.#update({ grading: parsed.value })
  }

  #addInitiative(e: KeyboardEvent): void {
    if (e.key !== 'Enter') return
    const input = e.target as HTMLInputElement
    const title = input.value.trim()
    const kr = this.keyResult
    if (!title || !kr) return
    this.#run(() =>
      createInitiative(
        this.#doc(),
        { id: newId(), title, keyResultId: kr.id, objectiveId: kr.objectiveId },
        this.#origin(),
      ),
    )
    input.value = ''
  }
}

customElements.define('sb-okr-key-result', SbOkrKeyResult)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-key-result': SbOkrKeyResult
  }
  interface HTMLElementEventMap {
    'kr-move': CustomEvent<KeyResultMove>
  }
}

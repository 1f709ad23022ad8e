/**
 * Editor: the objectives with their key results, every field editable inline and written at
 * once through the core/board commands, so everyone on the board sees each change live. Order
 * by dragging an objective or with its arrow buttons; add and delete, with undo in the
 * workspace's toolbar. The quality checklist's findings show beside the items they concern.
 */
import { LitElement, css, html } from 'lit'
import type * as Y from 'yjs'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import type { BoardSnapshot, KeyResultRecord, ObjectiveRecord } from '../../core/board/board-model'
import {
  createKeyResult,
  createObjective,
  deleteObjective,
  updateObjective,
} from '../../core/board/commands/okr'
import type { ObjectiveFields } from '../../core/board/commands/okr'
import { reorderKeyResults, reorderObjectives } from '../../core/board/commands/gestures'
import { OBJECTIVE_STATUSES, OBJECTIVE_TYPES } from '../../core/okr/okr-model'
import type { Diagnostic } from '../../core/okr/okr-model'
import { formatTimeframe } from '../../core/okr/timeframe'
import type { OkrExport } from '../../core/export/export-model'
import { readCarriedFrom } from '../../core/board/commands/retro'
import { runCommand } from '../board/run-command'
import { withError, type FieldErrors } from './field-errors'
import { byTarget, lintBoard } from '../board/lint-board'
import { okrStyles } from './okr-styles'
import { parseTimeframeInput } from './parse-input'
import { moveTo } from './reorder'
import type { KeyResultMove } from './sb-okr-key-result'
import './sb-okr-key-result'
import './sb-okr-score-bar'
import { newId } from '../board/ids'

export class SbOkrEditor extends LitElement {
  static override properties = {
    snapshot: { attribute: false },
    data: { attribute: false },
    errors: { state: true },
    dragging: { state: true },
  }

  declare snapshot: BoardSnapshot | null
  declare data: OkrExport | null
  declare errors: FieldErrors
  declare dragging: string | null

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  #lint: { snapshot: BoardSnapshot; byTarget: Map<string | null, Diagnostic[]> } | null = null

  constructor() {
    super()
    this.snapshot = null
    this.data = null
    this.errors = new Map()
    this.dragging = null
  }

  static override styles = [
    okrStyles,
    css`
      .objective.drop {
        outline: 2px dashed var(--sb-accent, #2563eb);
      }
      .handle {
        cursor: grab;
        user-select: none;
        color: var(--sb-muted, #6b7280);
        font-size: 1.1rem;
      }
      .title {
        flex: 1;
        min-width: 220px;
        font-size: 1rem;
        font-weight: 700;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: 6px 10px;
        margin: 8px 0;
      }
      label {
        display: grid;
        gap: 2px;
        font-size: 0.75rem;
        color: var(--sb-muted, #6b7280);
      }
      label.wide {
        grid-column: 1 / -1;
      }
      textarea {
        min-height: 2.4em;
        resize: vertical;
      }
      sb-okr-score-bar {
        width: 180px;
      }
      .carried {
        font-size: 0.75rem;
      }
    `,
  ]

  #diagnostics(snapshot: BoardSnapshot): Map<string | null, Diagnostic[]> {
    if (this.#lint?.snapshot !== snapshot) {
      this.#lint = { snapshot, byTarget: byTarget(lintBoard(snapshot)) }
    }
    return this.#lint.byTarget
  }

  override render() {
    const snapshot = this.snapshot
    if (snapshot === null) return null
    const canEdit = this.#session.value?.role === 'edit'
    const diagnostics = this.#diagnostics(snapshot)
    const doc = this.#session.value?.doc
    const carried = doc ? readCarriedFrom(doc) : new Map<string, string>()
    return html`<div class="row">
        <h2>Objectives and key results</h2>
        <span class="spacer"></span>
        <button
          class="primary"
          data-testid="add-objective"
          ?disabled=${!canEdit}
          @click=${this.#addObjective}
        >
          + Objective
        </button>
      </div>
      ${
        snapshot.objectives.length === 0
          ? html`<p class="empty" data-testid="editor-empty">
              No objectives yet. Convert the voted board, or add one by hand.
            </p>`
          : snapshot.objectives.map((o, i) =>
              this.#objective(o, i, snapshot, diagnostics, carried, canEdit),
            )
      }`
  }

  #objective(
    o: ObjectiveRecord,
    index: number,
    snapshot: BoardSnapshot,
    diagnostics: Map<string | null, Diagnostic[]>,
    carried: ReadonlyMap<string, string>,
    canEdit: boolean,
  ) {
    const figures = this.data?.objectives.find((x) => x.id === o.id) ?? null
    const krs = snapshot.keyResults.filter((kr) => kr.objectiveId === o.id)
    const last = snapshot.objectives.length - 1
    const key = (field: string) => `${o.id}:${field}`
    return html`<section
      class="card objective ${this.dragging !== null && this.dragging !== o.id ? 'drop' : ''}"
      data-testid=${`objective-${o.id}`}
      @dragover=${(e: DragEvent) => {
        if (this.dragging !== null) e.preventDefault()
      }}
      @drop=${(e: DragEvent) => {
        e.preventDefault()
        if (this.dragging !== null) this.#reorder(this.dragging, index)
        this.dragging = null
      }}
    >
      <div class="row">
        <span
          class="handle"
          draggable=${canEdit ? 'true' : 'false'}
          title="Drag to reorder"
          @dragstart=${(e: DragEvent) => {
            e.dataTransfer?.setData('text/plain', o.id)
            this.dragging = o.id
          }}
          @dragend=${() => (this.dragging = null)}
          >⠿</span
        >
        <input
          class="title"
          aria-label="Objective title"
          data-testid=${`objective-title-${o.id}`}
          .value=${this.errors.get(key('title'))?.text ?? o.title}
          aria-invalid=${this.errors.has(key('title')) ? 'true' : 'false'}
          ?disabled=${!canEdit}
          @input=${(e: Event) => {
            const text = (e.target as HTMLInputElement).value
            if (text.trim() === '') {
              this.errors = withError(this.errors, key('title'), {
                text,
                message: 'An objective needs a title.',
              })
              return
            }
            this.errors = withError(this.errors, key('title'), null)
            this.#update(o.id, { title: text })
          }}
        />
        ${
          figures
            ? html`<sb-okr-score-bar
                .score=${figures.score}
                .band=${figures.band}
                .label=${o.title}
              ></sb-okr-score-bar>`
            : null
        }
        <button
          class="icon"
          aria-label="Move up"
          title="Move up"
          ?disabled=${!canEdit || index === 0}
          @click=${() => this.#reorder(o.id, index - 1)}
        >
          ↑
        </button>
        <button
          class="icon"
          aria-label="Move down"
          title="Move down"
          ?disabled=${!canEdit || index === last}
          @click=${() => this.#reorder(o.id, index + 1)}
        >
          ↓
        </button>
        <button
          class="icon"
          aria-label="Delete objective"
          title="Delete the objective with its key results (undo brings them back)"
          data-testid=${`objective-delete-${o.id}`}
          ?disabled=${!canEdit}
          @click=${() => this.#run((doc, origin) => deleteObjective(doc, { id: o.id }, origin))}
        >
          ✕
        </button>
      </div>
      ${this.#error(key('title'))}
      ${
        carried.has(o.id)
          ? html`<span class="badge carried" data-testid=${`carried-${o.id}`}
              >Carried forward from
              “${
                snapshot.objectives.find((x) => x.id === carried.get(o.id))?.title ??
                'an objective since deleted'
              }”</span
            >`
          : null
      }
      <div class="grid">
        <label class="wide"
          >Description
          <textarea
            .value=${o.description}
            data-field="description"
            ?disabled=${!canEdit}
            @input=${(e: Event) =>
              this.#update(o.id, { description: (e.target as HTMLTextAreaElement).value })}
          ></textarea>
        </label>
        <label
          >Owner
          <input
            .value=${o.owner ?? ''}
            data-field="owner"
            ?disabled=${!canEdit}
            @change=${(e: Event) => {
              const owner = (e.target as HTMLInputElement).value.trim()
              this.#update(o.id, { owner: owner === '' ? null : owner })
            }}
          />
        </label>
        <label
          >Status
          <select
            data-field="status"
            ?disabled=${!canEdit}
            @change=${(e: Event) =>
              this.#update(o.id, {
                status: (e.target as HTMLSelectElement).value as ObjectiveRecord['status'],
              })}
          >
            ${OBJECTIVE_STATUSES.map(
              (s) => html`<option value=${s} ?selected=${o.status === s}>${s}</option>`,
            )}
          </select>
        </label>
        <label
          >Type
          <select
            data-field="type"
            ?disabled=${!canEdit}
            @change=${(e: Event) =>
              this.#update(o.id, {
                type: (e.target as HTMLSelectElement).value as ObjectiveRecord['type'],
              })}
          >
            ${OBJECTIVE_TYPES.map(
              (t) => html`<option value=${t} ?selected=${o.type === t}>${t}</option>`,
            )}
          </select>
        </label>
        <label
          >Timeframe
          <input
            data-field="timeframe"
            data-testid=${`objective-timeframe-${o.id}`}
            placeholder="the board's"
            .value=${
              this.errors.get(key('timeframe'))?.text ??
              (o.timeframe ? formatTimeframe(o.timeframe) : '')
            }
            aria-invalid=${this.errors.has(key('timeframe')) ? 'true' : 'false'}
            ?disabled=${!canEdit}
            @change=${(e: Event) => {
              const text = (e.target as HTMLInputElement).value
              const parsed = parseTimeframeInput(text)
              if (!parsed.ok) {
                this.errors = withError(this.errors, key('timeframe'), {
                  text,
                  message: parsed.message,
                })
                return
              }
              this.errors = withError(this.errors, key('timeframe'), null)
              this.#update(o.id, { timeframe: parsed.value })
            }}
          />
          ${this.#error(key('timeframe'))}
        </label>
        <label
          >Aligned to (parent)
          <select
            data-field="parent"
            ?disabled=${!canEdit}
            @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value
              this.#update(o.id, { parentId: value === '' ? null : value })
            }}
          >
            <option value="" ?selected=${o.parentId === null}>— none —</option>
            ${snapshot.objectives
              .filter((p) => p.id !== o.id)
              .map(
                (p) =>
                  html`<option value=${p.id} ?selected=${o.parentId === p.id}>${p.title}</option>`,
              )}
          </select>
        </label>
      </div>
      ${(diagnostics.get(o.id) ?? []).map(
        (d) => html`<p class="sev-${d.severity}" data-code=${d.code}>⚑ ${d.message}</p>`,
      )}
      ${krs.map(
        (kr, krIndex) =>
          html`<sb-okr-key-result
            data-testid=${`kr-${kr.id}`}
            .index=${krIndex}
            .count=${krs.length}
            @kr-move=${(e: CustomEvent<KeyResultMove>) =>
              this.#reorderKeyResults(krs, e.detail.id, e.detail.index)}
            .keyResult=${kr}
            .initiatives=${snapshot.initiatives.filter((i) => i.keyResultId === kr.id)}
            .diagnostics=${diagnostics.get(kr.id) ?? []}
            .figures=${figures?.keyResults.find((x) => x.id === kr.id) ?? null}
          ></sb-okr-key-result>`,
      )}
      <button
        data-testid=${`add-kr-${o.id}`}
        ?disabled=${!canEdit}
        @click=${() => this.#addKeyResult(o.id, krs.length)}
      >
        + Key result
      </button>
    </section>`
  }

  #error(key: string) {
    const error = this.errors.get(key)
    return error ? html`<span class="error" role="alert">${error.message}</span>` : null
  }

  #run(command: (doc: Y.Doc, origin: unknown) => unknown): void {
    const session = this.#session.value
    if (session) runCommand(this, () => command(session.doc, session.origin))
  }

  #update(id: string, fields: Partial<ObjectiveFields>): void {
    this.#run((doc, origin) => updateObjective(doc, { id, ...fields }, origin))
  }

  /** Renumbers every objective so the order survives equal or missing `order` values. */
  #reorder(id: string, index: number): void {
    const session = this.#session.value
    const snapshot = this.snapshot
    if (!session || !snapshot) return
    const ids = moveTo(
      snapshot.objectives.map((o) => o.id),
      id,
      index,
    )
    runCommand(this, () => reorderObjectives(session.doc, { ids }, session.origin))
  }

  #reorderKeyResults(krs: readonly KeyResultRecord[], id: string, index: number): void {
    const session = this.#session.value
    if (!session) return
    const ids = moveTo(
      krs.map((kr) => kr.id),
      id,
      index,
    )
    runCommand(this, () => reorderKeyResults(session.doc, { ids }, session.origin))
  }

  readonly #addObjective = (): void => {
    const snapshot = this.snapshot
    const order = snapshot ? Math.max(-1, ...snapshot.objectives.map((o) => o.order)) + 1 : 0
    this.#run((doc, origin) =>
      createObjective(doc, { id: newId(), title: 'New objective', order, status: 'draft' }, origin),
    )
  }

  #addKeyResult(objectiveId: string, count: number): void {
    this.#run((doc, origin) =>
      createKeyResult(
        doc,
        {
          id: newId(),
          objectiveId,
          title: 'New key result',
          start: 0,
          target: 100,
          order: count,
        },
        origin,
      ),
    )
  }
}

customElements.define('sb-okr-editor', SbOkrEditor)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-editor': SbOkrEditor
  }
}

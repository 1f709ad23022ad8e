/**
 * One objective in the editor, built from the same fields as its key results: title,
 * description, owner, status, type, timeframe and parent, each written at once through
 * updateObjective. Its handle starts a drag the editor finishes (the editor owns the order).
 */
import { css, html } from 'lit'
import type { ObjectiveRecord } from '../../core/board/board-model'
import {
  createKeyResult,
  deleteObjective,
  updateObjective,
  type ObjectiveFields,
} from '../../core/board/commands/okr'
import { reorderObjectives } from '../../core/board/commands/gestures'
import { OBJECTIVE_STATUSES, OBJECTIVE_TYPES } from '../../core/okr/okr-model'
import { formatTimeframe } from '../../core/okr/timeframe'
import { newId } from '../board/ids'
import { EditorCard } from './editor-card'
import { objectiveDeleteQuestion } from './delete-questions'
import { enumOptions, field, input, select, selectField } from './editor-fields'
import { editorStyles, findings, ownerField } from './editor-parts'
import { NO_PARENT, type ObjectiveCard } from './editor-model'
import { okrStyles } from './okr-styles'
import { parseAnyText, parseTimeframeInput, parseTitle } from './parse-input'
import './sb-okr-key-result'
import './sb-okr-score-bar'

export class SbOkrObjective extends EditorCard<ObjectiveCard, ObjectiveFields> {
  constructor() {
    super(
      { write: updateObjective, reorder: reorderObjectives, remove: deleteObjective },
      (card) => card.order,
    )
  }

  static override styles = [
    okrStyles,
    editorStyles,
    css`
      :host(.drop) .objective {
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
        margin: 8px 0;
      }
      label.wide {
        grid-column: 1 / -1;
      }
      sb-okr-score-bar {
        width: 180px;
      }
      .carried {
        font-size: 0.75rem;
      }
    `,
  ]

  override render() {
    const card = this.card
    if (card === null) return null
    const o = card.record
    const canEdit = this.canEdit
    return html`<section class="card objective">
      ${this.#header(card, canEdit)} ${this.form.error('title')}
      ${
        card.carriedFrom === null
          ? null
          : html`<span class="badge carried" data-testid=${`carried-${o.id}`}
              >Carried forward from “${card.carriedFrom}”</span
            >`
      }
      <div class="grid">${this.#fields(card, !canEdit)}</div>
      ${findings(card.diagnostics)}
      ${card.keyResults.map(
        (kr) =>
          html`<sb-okr-key-result
            data-testid=${`kr-${kr.record.id}`}
            .card=${kr}
          ></sb-okr-key-result>`,
      )}
      <button
        data-testid=${`add-kr-${o.id}`}
        ?disabled=${!canEdit}
        @click=${() => this.#addKeyResult(o.id, card.keyResults.length)}
      >
        + Key result
      </button>
    </section>`
  }

  #header(card: ObjectiveCard, canEdit: boolean) {
    const o = card.record
    return html`<div class="row">
      <span
        class="handle"
        draggable=${canEdit ? 'true' : 'false'}
        title="Drag to reorder"
        @dragstart=${(e: DragEvent) => e.dataTransfer?.setData('text/plain', o.id)}
        >⠿</span
      >
      ${input(this.form, {
        key: 'title',
        value: o.title,
        parse: parseTitle('An objective needs a title.'),
        commit: (title) => this.write({ title }),
        text: { board: this.board.board, target: { collection: 'objectives', id: o.id } },
        disabled: !canEdit,
        live: true,
        className: 'title',
        ariaLabel: 'Objective title',
        testid: `objective-title-${o.id}`,
      })}
      ${
        card.figures
          ? html`<sb-okr-score-bar
              .score=${card.figures.score}
              .band=${card.figures.band}
              .label=${o.title}
            ></sb-okr-score-bar>`
          : null
      }
      ${this.actions(null, {
        label: 'Delete objective',
        title: 'Delete the objective with its key results (undo brings them back)',
        testid: `objective-delete-${o.id}`,
        question: objectiveDeleteQuestion(card),
        done: `Deleted objective “${o.title}”.`,
      })}
    </div>`
  }

  #fields(card: ObjectiveCard, disabled: boolean) {
    const o = card.record
    const update = (fields: Partial<ObjectiveFields>) => this.write(fields)
    return html`${field(
        this.form,
        'Description',
        {
          key: 'description',
          value: o.description,
          parse: parseAnyText,
          commit: (description) => update({ description }),
          // Bound to its Y.Text: two people typing in one description both keep their words.
          text: {
            board: this.board.board,
            target: { collection: 'objectives', id: o.id, field: 'description' },
          },
          live: true,
          multiline: true,
          testid: `objective-description-${o.id}`,
          ariaLabel: 'Objective description',
          disabled,
        },
        true,
      )}
      ${ownerField({
        label: 'Objective owner',
        value: o.owner,
        members: card.members,
        commit: (owner) => update({ owner }),
        disabled,
        testid: `objective-owner-${o.id}`,
      })}
      ${selectField('Status', {
        key: 'status',
        value: o.status,
        options: enumOptions(OBJECTIVE_STATUSES),
        commit: (status) => update({ status }),
        disabled,
      })}
      ${selectField('Type', {
        key: 'type',
        value: o.type,
        options: enumOptions(OBJECTIVE_TYPES),
        commit: (type) => update({ type }),
        disabled,
      })}
      ${this.#timeframe(o, disabled)}
      <label
        >Aligned to (parent)
        ${select({
          key: 'parent',
          value: o.parentId ?? '',
          options: card.parents,
          commit: (id) => update({ parentId: id === NO_PARENT.value ? null : id }),
          disabled,
        })}
      </label>`
  }

  #timeframe(o: ObjectiveRecord, disabled: boolean) {
    return field(this.form, 'Timeframe', {
      key: 'timeframe',
      value: o.timeframe ? formatTimeframe(o.timeframe) : '',
      parse: parseTimeframeInput,
      commit: (timeframe) => this.write({ timeframe }),
      placeholder: "the board's",
      testid: `objective-timeframe-${o.id}`,
      disabled,
    })
  }

  #addKeyResult(objectiveId: string, count: number): void {
    this.board.board?.run(createKeyResult, {
      id: newId(),
      objectiveId,
      title: 'New key result',
      start: 0,
      target: 100,
      order: count,
    })
  }
}

customElements.define('sb-okr-objective', SbOkrObjective)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-objective': SbOkrObjective
  }
}

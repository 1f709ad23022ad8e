/**
 * One key result in the editor: every field inline, built from the shared editor fields, each
 * change written at once through updateKeyResult so everyone on the board sees it live. A
 * value that does not parse (a target of "lots") stays in the field with a message beside it;
 * the document keeps the last good value.
 */
import { css, html } from 'lit'
import type { KeyResultRecord } from '../../core/board/board-model'
import {
  deleteKeyResult,
  updateKeyResult,
  type KeyResultFields,
} from '../../core/board/commands/okr'
import { reorderKeyResults } from '../../core/board/commands/gestures'
import { CALCULATIONS, DIRECTIONS, FREQUENCIES, ROLLUPS } from '../../core/okr/okr-model'
import { formatValue } from '../../core/export/format'
import { EditorCard } from './editor-card'
import { keyResultDeleteQuestion } from './delete-questions'
import { stretchedFrom } from './quality-model'
import { enumOptions, field, input, selectField } from './editor-fields'
import { editorStyles, findings, ownerField } from './editor-parts'
import {
  checkInSummary,
  measuredText,
  sourceNotesLabel,
  targetLabel,
  type KeyResultCard,
} from './editor-model'
import { CALCULATION_LABELS, UNIT_KINDS, unitExtraLabel, unitFrom, unitParts } from './labels'
import { okrStyles } from './okr-styles'
import {
  formatGrading,
  parseAnyText,
  parseGradingInput,
  parseNumberInput,
  parseTitle,
} from './parse-input'
import './sb-okr-initiatives'
import './sb-okr-score-bar'

type NumberField = 'start' | 'target' | 'weight'

export class SbOkrKeyResult extends EditorCard<KeyResultCard, KeyResultFields> {
  constructor() {
    super(
      { write: updateKeyResult, reorder: reorderKeyResults, remove: deleteKeyResult },
      (card) => card.siblings,
    )
  }

  static override styles = [
    okrStyles,
    editorStyles,
    css`
      :host {
        display: block;
        border-top: 1px solid var(--sb-line, #e5e1d6);
        padding: 8px 0;
      }
      .grid {
        --field-min: 130px;
        margin-top: 6px;
      }
      label.wide {
        grid-column: span 2;
      }
      .title {
        flex: 1;
        min-width: 200px;
        font-weight: 600;
      }
      sb-okr-score-bar {
        width: 160px;
      }
    `,
  ]

  override render() {
    const card = this.card
    if (card === null) return null
    const kr = card.record
    const canEdit = this.canEdit
    const summary = checkInSummary(card.figures)
    return html`${this.#header(card, canEdit)} ${this.form.error('title')} ${this.#notesLink(kr)}
      <div class="grid">${this.#fields(kr, canEdit)}</div>
      ${findings(card.diagnostics)}
      <sb-okr-initiatives .keyResult=${kr} .initiatives=${card.initiatives}></sb-okr-initiatives>
      ${summary === null ? null : html`<p class="muted">${summary}</p>`}`
  }

  #header(card: KeyResultCard, canEdit: boolean) {
    const kr = card.record
    const f = card.figures
    return html`<div class="row">
      ${input(this.form, {
        key: 'title',
        value: kr.title,
        parse: parseTitle('A key result needs a title.'),
        commit: (title) => this.write({ title }),
        text: { board: this.board.board, target: { collection: 'keyResults', id: kr.id } },
        disabled: !canEdit,
        live: true,
        className: 'title',
        ariaLabel: 'Key result title',
        testid: `kr-title-${kr.id}`,
      })}
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
              </span>
              ${this.#stretched(kr)}`
          : null
      }
      ${this.actions('key result', {
        label: 'Delete key result',
        title: 'Delete this key result (undo brings it back)',
        testid: `kr-delete-${kr.id}`,
        question: keyResultDeleteQuestion(card),
        done: `Deleted key result “${kr.title}”.`,
      })}
    </div>`
  }

  /** A stretched KR keeps its first target in view, as on the dashboard and the quality panel. */
  #stretched(kr: KeyResultRecord) {
    const note = stretchedFrom(kr)
    return note === null
      ? null
      : html`<span class="muted" data-testid=${`kr-stretched-${kr.id}`}>(${note})</span>`
  }

  #notesLink(kr: KeyResultRecord) {
    if (kr.sourceNoteIds.length === 0) return null
    return html`<button
      class="link"
      data-testid=${`kr-notes-${kr.id}`}
      title="Show the sticky notes this key result came from"
      @click=${() => this.board.board?.focusNotes(kr.sourceNoteIds)}
    >
      ${sourceNotesLabel(kr.sourceNoteIds.length)}
    </button>`
  }

  #fields(kr: KeyResultRecord, canEdit: boolean) {
    const unit = unitParts(kr.unit)
    const extraLabel = unitExtraLabel(unit.kind)
    const disabled = !canEdit
    const update = (fields: Partial<KeyResultFields>) => this.write(fields)
    return html`${field(this.form, 'Metric', {
      key: 'metric',
      value: kr.metric,
      parse: parseAnyText,
      commit: (metric) => update({ metric }),
      disabled,
    })}
    ${selectField('Unit', {
      key: 'unit',
      value: unit.kind,
      options: enumOptions(UNIT_KINDS),
      commit: (kind) => update({ unit: unitFrom(kind, unit.extra) }),
      disabled,
    })}
    ${
      extraLabel === null
        ? null
        : field(this.form, extraLabel, {
            key: 'unit-extra',
            value: unit.extra,
            parse: parseAnyText,
            commit: (extra) => update({ unit: unitFrom(unit.kind, extra) }),
            disabled,
          })
    }
    ${this.#number('start', 'Start', measuredText(kr, kr.start), disabled)}
    ${this.#number('target', targetLabel(kr.calculation), measuredText(kr, kr.target), disabled)}
    ${this.#enums(kr, disabled)} ${this.#number('weight', 'Weight', String(kr.weight), disabled)}
    ${ownerField({
      label: 'Key result owner',
      value: kr.owner,
      members: this.card?.members ?? [],
      commit: (owner) => update({ owner }),
      disabled,
      testid: `kr-owner-${kr.id}`,
    })}
    ${field(
      this.form,
      'Grading points (value: score, …)',
      {
        key: 'grading',
        value: formatGrading(kr.grading),
        parse: parseGradingInput,
        commit: (grading) => update({ grading }),
        placeholder: 'linear',
        disabled,
      },
      true,
    )}`
  }

  #enums(kr: KeyResultRecord, disabled: boolean) {
    const update = (fields: Partial<KeyResultFields>) => this.write(fields)
    return html`${selectField('Direction', {
      key: 'direction',
      value: kr.direction,
      options: enumOptions(DIRECTIONS),
      commit: (direction) => update({ direction }),
      disabled,
    })}
    ${selectField('Calculation', {
      key: 'calculation',
      value: kr.calculation,
      options: enumOptions(CALCULATIONS, CALCULATION_LABELS),
      commit: (calculation) => update({ calculation }),
      disabled,
    })}
    ${selectField('Rollup', {
      key: 'rollup',
      value: kr.rollup,
      options: enumOptions(ROLLUPS),
      commit: (rollup) => update({ rollup }),
      disabled,
    })}
    ${selectField('Check-in', {
      key: 'frequency',
      value: kr.frequency,
      options: enumOptions(FREQUENCIES),
      commit: (frequency) => update({ frequency }),
      disabled,
    })}`
  }

  #number(key: NumberField, label: string, value: string, disabled: boolean) {
    const range = key === 'weight' ? { min: 0, max: 1000 } : {}
    return field(this.form, label, {
      key,
      value,
      parse: (text) => parseNumberInput(text, range),
      commit: (n) => this.write({ [key]: n }),
      numeric: true,
      testid: `kr-${key}-${this.card?.record.id ?? ''}`,
      disabled,
    })
  }
}

customElements.define('sb-okr-key-result', SbOkrKeyResult)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-key-result': SbOkrKeyResult
  }
}

/**
 * The agenda's list of steps ("All steps"), drawn for sb-agenda.ts. Everyone sees each step's
 * minutes; the facilitator also gets, per row, Go, and for the current step and steps still to
 * come a minutes field (committed on Enter or leaving the field), and for steps still to come
 * Drop and move up / down. Each change is one editAgenda (or goToStep) run by the host.
 */
import { html } from 'lit'
import type { AgendaRow, AgendaView } from './agenda-model'

export interface StepListActions {
  readonly facilitating: boolean
  /** A refused minutes field's message, by step id. */
  readonly errors: Readonly<Record<string, string>>
  readonly go: (index: number) => void
  /** Null when the step cannot be dropped (the current one, or one already done). */
  readonly drop: (index: number) => (() => void) | null
  readonly minutes: (row: AgendaRow, text: string) => void
  readonly move: (row: AgendaRow, by: -1 | 1) => void
}

export function stepList(view: AgendaView, actions: StepListActions) {
  return html`<ol data-testid="agenda-steps">
    ${view.rows.map(
      (row) =>
        html`<li data-state=${row.state} data-step=${row.id}>
          <span aria-hidden="true">${row.state === 'done' ? '✓' : row.index + 1}</span>
          <span
            >${row.title}
            <span class="meta">${row.where}${row.state === 'next' ? ' · next' : ''}</span></span
          >
          ${
            actions.facilitating && row.editable
              ? minutesField(row, actions)
              : html`<span class="meta" data-testid=${`agenda-minutes-${row.id}`}
                  >${row.minutes} min</span
                >`
          }
          <span class="actions"> ${actions.facilitating ? rowActions(row, actions) : null} </span>
          ${
            actions.errors[row.id] === undefined || !actions.facilitating || !row.editable
              ? null
              : html`<span class="error" role="alert" id=${`agenda-error-${row.id}`}
                  >${actions.errors[row.id]}</span
                >`
          }
        </li>`,
    )}
  </ol>`
}

function minutesField(row: AgendaRow, actions: StepListActions) {
  const invalid = actions.errors[row.id] !== undefined
  return html`<span class="minutes"
    ><input
      type="number"
      min="1"
      max="1440"
      step="1"
      aria-label=${`Minutes for ${row.title}`}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${invalid ? `agenda-error-${row.id}` : ''}
      data-testid=${`agenda-minutes-${row.id}`}
      .value=${String(row.minutes)}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Enter') actions.minutes(row, (e.target as HTMLInputElement).value)
      }}
      @change=${(e: Event) => actions.minutes(row, (e.target as HTMLInputElement).value)}
    />
    <span class="meta">min</span></span
  >`
}

function rowActions(row: AgendaRow, actions: StepListActions) {
  const drop = actions.drop(row.index)
  return html`${
    row.state === 'current'
      ? null
      : html`<button
          data-testid=${`agenda-go-${row.index}`}
          title="Take everyone to this step"
          @click=${() => actions.go(row.index)}
        >
          Go
        </button>`
  }
  ${
    row.state === 'current' || row.state === 'done'
      ? null
      : html`<button
            class="icon"
            data-testid=${`agenda-up-${row.index}`}
            aria-label=${`Move ${row.title} up`}
            title="Move up"
            ?disabled=${!row.canMoveUp}
            @click=${() => actions.move(row, -1)}
          >
            ↑
          </button>
          <button
            class="icon"
            data-testid=${`agenda-down-${row.index}`}
            aria-label=${`Move ${row.title} down`}
            title="Move down"
            ?disabled=${!row.canMoveDown}
            @click=${() => actions.move(row, 1)}
          >
            ↓
          </button>`
  }
  ${
    drop === null
      ? null
      : html`<button
          data-testid=${`agenda-drop-${row.index}`}
          title="Leave this step out"
          @click=${drop}
        >
          Drop
        </button>`
  }`
}

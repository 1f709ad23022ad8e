/**
 * The pieces the objective and key-result editors share besides their fields: the styles of a
 * field grid, the move and delete buttons, the owner picker, and the quality findings shown
 * beside an item.
 */
import { css, html } from 'lit'
import type { Member } from '../../core/board/members'
import type { Diagnostic } from '../../core/okr/okr-model'
import type { OwnerChange } from './sb-owner-picker'
import './sb-owner-picker'

export const editorStyles = css`
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--field-min, 150px), 1fr));
    gap: 6px 10px;
  }
  label {
    display: grid;
    gap: 2px;
    font-size: 0.75rem;
    color: var(--sb-muted, #6b7280);
  }
  textarea {
    min-height: 2.4em;
    resize: vertical;
  }
  .link {
    border: none;
    background: none;
    color: var(--sb-accent, #2563eb);
    padding: 0;
    font-size: 0.75rem;
    text-decoration: underline;
  }
`

export interface MoveButtons {
  /** What moves, for the buttons' accessible names ("Move key result up"). */
  readonly what: string | null
  readonly up: boolean
  readonly down: boolean
  readonly disabled: boolean
  readonly move: (delta: -1 | 1) => void
}

export function moveButtons(spec: MoveButtons) {
  const name = (direction: string) =>
    spec.what === null ? `Move ${direction}` : `Move ${spec.what} ${direction}`
  return html`<button
      class="icon"
      aria-label=${name('up')}
      title="Move up"
      ?disabled=${spec.disabled || !spec.up}
      @click=${() => spec.move(-1)}
    >
      ↑
    </button>
    <button
      class="icon"
      aria-label=${name('down')}
      title="Move down"
      ?disabled=${spec.disabled || !spec.down}
      @click=${() => spec.move(1)}
    >
      ↓
    </button>`
}

export function deleteButton(
  label: string,
  title: string,
  testid: string,
  disabled: boolean,
  remove: () => void,
) {
  return html`<button
    class="icon"
    aria-label=${label}
    title=${title}
    data-testid=${testid}
    ?disabled=${disabled}
    @click=${remove}
  >
    ✕
  </button>`
}

export function findings(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map(
    (d) => html`<p class="sev-${d.severity}" data-code=${d.code}>⚑ ${d.message}</p>`,
  )
}

export interface OwnerFieldSpec {
  /** The field's accessible name ("Key result owner"). */
  readonly label: string
  /** The stored owner: a member id, a typed name, or null. */
  readonly value: string | null
  readonly members: readonly Member[]
  readonly disabled: boolean
  readonly commit: (owner: string | null) => void
  readonly testid?: string
}

/** "Owner" with a picker of the board's members (core/board/members.ts) or a typed name. */
export function ownerField(spec: OwnerFieldSpec) {
  return html`<label
    >Owner
    <sb-owner-picker
      data-field="owner"
      data-testid=${spec.testid ?? 'owner'}
      label=${spec.label}
      .value=${spec.value}
      .members=${spec.members}
      ?disabled=${spec.disabled}
      @owner-change=${(e: CustomEvent<OwnerChange>) => spec.commit(e.detail.owner)}
    ></sb-owner-picker
  ></label>`
}

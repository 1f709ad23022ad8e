/** Asks for the display name others see next to this person's cursor and avatar. */
import { LitElement, css, html } from 'lit'
import { MAX_NAME_LENGTH, cleanName } from '../device/identity'

export class SbNameDialog extends LitElement {
  static override properties = {
    name: { type: String },
    required: { type: Boolean },
  }

  declare name: string
  /** First visit: there is no name to fall back on, so the dialog cannot be dismissed. */
  declare required: boolean

  constructor() {
    super()
    this.name = ''
    this.required = false
  }

  static override styles = css`
    dialog {
      border: none;
      border-radius: var(--sb-radius, 10px);
      box-shadow: var(--sb-shadow);
      padding: 24px;
      width: min(360px, 90vw);
      font: inherit;
      color: inherit;
    }
    dialog::backdrop {
      background: rgb(17 24 39 / 45%);
    }
    h2 {
      margin: 0 0 6px;
      font-size: 1.15rem;
    }
    p {
      margin: 0 0 16px;
      color: var(--sb-muted);
      font-size: 0.9rem;
    }
    input {
      box-sizing: border-box;
      width: 100%;
      font: inherit;
      padding: 10px 12px;
      border: 1px solid var(--sb-line);
      border-radius: 8px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 16px;
    }
    button {
      font: inherit;
      padding: 8px 14px;
      border-radius: 8px;
      border: 1px solid var(--sb-line);
      background: var(--sb-surface);
      cursor: pointer;
    }
    button[type='submit'] {
      background: var(--sb-accent);
      color: var(--sb-accent-ink);
      border-color: var(--sb-accent);
    }
  `

  override firstUpdated(): void {
    const dialog = this.renderRoot.querySelector('dialog')
    dialog?.showModal()
    this.renderRoot.querySelector('input')?.select()
  }

  override render() {
    return html`<dialog
      aria-labelledby="title"
      @cancel=${(event: Event) => {
        if (this.required) event.preventDefault()
        else this.#close()
      }}
    >
      <form method="dialog" @submit=${this.#submit}>
        <h2 id="title">${this.required ? 'Welcome to Stretchboard' : 'Your display name'}</h2>
        <p>Others on the board see this name next to your cursor and notes.</p>
        <input
          name="name"
          data-testid="name-input"
          aria-label="Display name"
          maxlength=${MAX_NAME_LENGTH}
          required
          autocomplete="nickname"
          .value=${this.name}
        />
        <div class="actions">
          ${
            this.required ? null : html`<button type="button" @click=${this.#close}>Cancel</button>`
          }
          <button type="submit" data-testid="name-save">Save</button>
        </div>
      </form>
    </dialog>`
  }

  #submit(event: SubmitEvent): void {
    // The page removes this element on name-change, in the middle of the form's own submission,
    // which the browser then reports as "Form submission canceled because the form is not
    // connected": close the dialog here instead of letting method="dialog" do it afterwards.
    event.preventDefault()
    const input = this.renderRoot.querySelector('input')
    const name = cleanName(input?.value ?? '')
    if (name === '') return
    this.renderRoot.querySelector('dialog')?.close()
    this.dispatchEvent(
      new CustomEvent('name-change', { detail: name, bubbles: true, composed: true }),
    )
  }

  #close(): void {
    this.dispatchEvent(new CustomEvent('name-cancel', { bubbles: true, composed: true }))
  }
}

customElements.define('sb-name-dialog', SbNameDialog)

declare global {
  interface HTMLElementTagNameMap {
    'sb-name-dialog': SbNameDialog
  }
}

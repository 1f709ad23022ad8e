/**
 * Online / offline / syncing, and how many local changes the server has not confirmed yet. When
 * the relay refused a change this link may not make, the reason shows beside the chip with the
 * one way out: drop this device's unsent changes and load the board from the server.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardConnectionContext } from '../board/board-context'
import { statusChipView } from './status-chip-view'
import { ConnectionController } from '../net/connection-controller'

export class SbStatusChip extends LitElement {
  readonly #source = new ContextConsumer(this, { context: boardConnectionContext, subscribe: true })
  readonly #connection = new ConnectionController(this, () => this.#source.value ?? null)

  static override styles = css`
    :host {
      display: inline-flex;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border-radius: 999px;
      background: #f3f4f6;
      font-size: 0.8rem;
      white-space: nowrap;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--sb-muted);
    }
    [data-status='online'] .dot {
      background: var(--sb-ok);
    }
    [data-status='syncing'] .dot {
      background: var(--sb-warn);
    }
    [data-status='offline'] .dot,
    [data-storage='failing'] .dot {
      background: var(--sb-danger);
    }
    .refused {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      margin-left: 8px;
      padding: 4px 10px;
      border-radius: 8px;
      background: #fef2f2;
      color: #991b1b;
      font-size: 0.8rem;
      max-width: 32rem;
    }
    .refused button {
      font: inherit;
      white-space: nowrap;
    }
    .count {
      font-variant-numeric: tabular-nums;
      background: var(--sb-surface);
      border-radius: 999px;
      padding: 0 6px;
    }
  `

  override render() {
    const view = statusChipView(this.#connection.value)
    return html`<span
        class="chip"
        role="status"
        aria-live="polite"
        title=${view.detail}
        data-testid="status-chip"
        data-status=${view.status}
        data-storage=${view.storage}
        data-pending=${view.pending}
      >
        <span class="dot" aria-hidden="true"></span>
        <span>${view.label}</span>
        ${view.showCount ? html`<span class="count" aria-label=${view.detail}>${view.pending}</span>` : null} </span
      >${this.#connection.value.roleRefused === true ? this.#refusal(view.detail) : null}`
  }

  #refusal(detail: string) {
    return html`<span class="refused" role="alert" data-testid="role-refused">
      <span>${detail}</span>
      <button type="button" @click=${this.#discard}>Discard my unsent changes</button>
    </span>`
  }

  readonly #discard = async () => {
    const ok = window.confirm(
      'Drop every change on this device that the board has not received, and load the board ' +
        'from the server? Export the board first to keep a copy. Your hidden notes stay.',
    )
    if (!ok) return
    await this.#source.value?.discardUnsent?.()
    window.location.reload()
  }
}

customElements.define('sb-status-chip', SbStatusChip)

declare global {
  interface HTMLElementTagNameMap {
    'sb-status-chip': SbStatusChip
  }
}

/**
 * "Use on another device": the personal link that opens this person's hidden notes and sealed
 * dots on their other device (docs/private-brainstorm.md). It holds their key: it is for them
 * alone, so it is shown on request and never next to the links meant for sharing.
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { BoardController } from '../board/board-controller'

export function personalLinkSection(board: BoardController): TemplateResult | typeof nothing {
  const link = board.privateSide?.link
  if (link === undefined) return nothing
  const copy = (event: Event) => {
    const button = event.currentTarget as HTMLButtonElement
    void navigator.clipboard?.writeText(link).then(
      () => (button.textContent = 'Copied'),
      () => undefined,
    )
  }
  return html`<details data-testid="personal-link">
    <summary>Use on another device</summary>
    <p>
      Open this link on your other device to see and edit your hidden notes there. It is yours
      alone: whoever has it writes as you.
    </p>
    <input
      readonly
      aria-label="Your personal link"
      data-testid="personal-link-url"
      .value=${link}
      @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
    />
    <button @click=${copy}>Copy</button>
  </details>`
}

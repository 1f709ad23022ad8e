/** Following an OKR item back to the sticky notes it came from. */
import type { BoardController } from '../board/board-controller'

export interface FocusNotesDetail {
  readonly noteIds: readonly string[]
}

/** Asks the canvas (through the board's intents) to select and show the notes. */
export function followToNotes(
  host: EventTarget,
  board: BoardController,
  noteIds: readonly string[],
): void {
  board.focusNotes(noteIds)
  // Until the board view switches to the canvas on `board.intents.focus`, it does so on this.
  host.dispatchEvent(
    new CustomEvent<FocusNotesDetail>('focus-notes', {
      detail: { noteIds },
      bubbles: true,
      composed: true,
    }),
  )
}

declare global {
  interface HTMLElementEventMap {
    'focus-notes': CustomEvent<FocusNotesDetail>
  }
}

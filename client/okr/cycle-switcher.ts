/**
 * The OKR workspace's cycle switcher: which cycle (quarter) every panel shows. The board's own
 * cycle is marked "current" and is what everyone starts on.
 */
import { html } from 'lit'
import type { BoardController } from '../board/board-controller'

/** What the switcher shows, as one string: the workspace repaints only when it changes. */
export function cycleKey(board: BoardController): string {
  const shown = board.cycle?.label ?? ''
  return `${shown}>${board.cycles.map((c) => `${c.label}${c.current ? '*' : ''}`).join('|')}`
}

export function cycleSwitcher(board: BoardController) {
  const cycles = board.cycles
  const shown = board.cycle
  if (cycles.length === 0 || shown === null) return null
  return html`<label class="cycle"
    >Cycle
    <select
      data-testid="cycle-switcher"
      aria-label="OKR cycle shown in every panel"
      @change=${(e: Event) => {
        const label = (e.target as HTMLSelectElement).value
        board.setCycle(cycles.find((c) => c.label === label)?.current ? null : label)
      }}
    >
      ${cycles.map(
        (c) =>
          html`<option value=${c.label} ?selected=${c.label === shown.label}>
            ${c.label}${c.current ? ' (current)' : ''}
          </option>`,
      )}
    </select></label
  >`
}

/** The agenda's look: the strip under the top bar, its step list, and the setup popover. */
import { css } from 'lit'
import { buttonStyles } from '../app/button-styles'
import { timeChipStyles } from './time-chip-styles'

const ownStyles = css`
  :host {
    display: block;
    position: relative;
    font-size: 0.85rem;
  }
  :host([placement='bar']) {
    display: inline-block;
  }
  /* The app's buttons (button-styles.ts), a size smaller in the strip. */
  button {
    font-size: 0.8rem;
    padding: 4px 9px;
    color: inherit;
  }
  button.primary {
    color: #fff;
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  .strip {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px 12px;
    padding: 6px 12px;
    background: #eef2ff;
    border-bottom: 1px solid #c7d2fe;
    position: relative;
    z-index: 7;
  }
  .head {
    display: flex;
    align-items: baseline;
    gap: 8px;
    min-width: 0;
    flex-wrap: wrap;
  }
  .position {
    font-weight: 700;
    color: #3730a3;
    white-space: nowrap;
  }
  .title {
    font-weight: 700;
  }
  .where,
  .activity {
    color: var(--sb-muted);
  }
  .prompt {
    grid-column: 1;
    margin: 0;
  }
  .controls {
    grid-row: 1 / span 2;
    grid-column: 2;
    display: flex;
    align-items: center;
    gap: 4px;
  }
  /* On the strip's tinted background the running time is white (time-chip-styles.ts). */
  .time:not(.paused):not(.done) {
    background: #fff;
  }
  .panel {
    position: absolute;
    right: 12px;
    top: 100%;
    width: min(520px, calc(100% - 24px));
    max-height: 70vh;
    overflow: auto;
    background: var(--sb-surface);
    border-radius: 0 0 var(--sb-radius) var(--sb-radius);
    box-shadow: var(--sb-shadow);
    padding: 10px 12px;
    z-index: 7;
    display: grid;
    gap: 10px;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    /* One column grid for all rows (subgrid), so minutes and buttons line up row to row. */
    grid-template-columns: 1.4em 1fr auto auto;
    gap: 2px 6px;
  }
  li {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: subgrid;
    align-items: center;
    gap: 6px;
    padding: 3px 6px;
    border-radius: 6px;
  }
  li[data-state='done'] {
    color: var(--sb-muted);
  }
  li[data-state='current'] {
    background: #eef2ff;
    font-weight: 700;
  }
  li .meta {
    color: var(--sb-muted);
    font-size: 0.78rem;
    font-weight: 400;
  }
  li .actions {
    display: flex;
    gap: 4px;
  }
  li .minutes {
    display: inline-flex;
    align-items: center;
    gap: 3px;
  }
  li .minutes input {
    width: 4.2em;
    font: inherit;
    font-size: 0.8rem;
    font-weight: 400;
    padding: 2px 4px;
    border: 1px solid var(--sb-line);
    border-radius: 6px;
  }
  li .minutes input[aria-invalid='true'] {
    border-color: var(--sb-danger, #b91c1c);
    outline-color: var(--sb-danger, #b91c1c);
  }
  li button.icon {
    padding: 4px 6px;
  }
  li .error {
    grid-column: 2 / -1;
    color: var(--sb-danger, #b91c1c);
    font-size: 0.78rem;
    font-weight: 400;
  }
  .popover {
    position: absolute;
    left: 0;
    top: calc(100% + 6px);
    width: 360px;
    background: var(--sb-surface);
    border-radius: var(--sb-radius);
    box-shadow: var(--sb-shadow);
    padding: 12px;
    display: grid;
    gap: 8px;
    z-index: 21;
  }
  .popover fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  .popover .step {
    display: grid;
    grid-template-columns: 1fr 4.5em auto;
    align-items: center;
    gap: 6px;
  }
  .popover input[type='number'] {
    font: inherit;
    font-size: 0.8rem;
    padding: 3px 4px;
    border: 1px solid var(--sb-line);
    border-radius: 6px;
  }
  .summary {
    color: var(--sb-muted);
    margin: 0;
  }
  .row {
    display: flex;
    gap: 6px;
    justify-content: flex-end;
  }
  /* A phone: the controls go under the prompt instead of beside it. */
  @media (max-width: 800px) {
    .strip {
      grid-template-columns: 1fr;
    }
    .controls {
      grid-row: auto;
      grid-column: 1;
      flex-wrap: wrap;
    }
    .popover {
      width: min(360px, 90vw);
    }
  }
`

export const agendaStyles = [buttonStyles, timeChipStyles, ownStyles]

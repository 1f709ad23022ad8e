/**
 * The list view's look. Visually hidden (still read by screen readers) until toggled on or
 * focused, so keyboard users land in it without a mode switch.
 */
import { css } from 'lit'

export const noteListStyles = css`
  :host {
    position: absolute;
    top: 12px;
    left: 12px;
    bottom: 12px;
    width: min(420px, calc(100% - 24px));
    overflow: auto;
    background: var(--sb-surface);
    border-radius: var(--sb-radius);
    box-shadow: var(--sb-shadow);
    z-index: 2;
    font-size: 0.9rem;
  }
  :host(:not([visible]):not(:focus-within)) {
    clip-path: inset(50%);
    width: 1px;
    height: 1px;
    overflow: hidden;
    white-space: nowrap;
  }
  .inner {
    padding: 14px;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 8px;
  }
  h3 {
    font-size: 0.9rem;
    margin: 14px 0 4px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li.note {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 4px 8px;
    padding: 8px;
    border-radius: 8px;
    border-left: 6px solid var(--note-color, #fde68a);
    background: #fafaf9;
    margin: 4px 0;
  }
  .text {
    white-space: pre-wrap;
    word-break: break-word;
  }
  .meta {
    color: var(--sb-muted);
    font-size: 0.8rem;
  }
  .actions {
    display: flex;
    gap: 4px;
    align-items: start;
  }
  /* The shared buttons, compact: the list packs a dot button beside every note. */
  button {
    font-size: 0.8rem;
    padding: 3px 8px;
    border-radius: 6px;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
    font: inherit;
    padding: 6px;
    border-radius: 6px;
    border: 1px solid var(--sb-line);
    resize: vertical;
  }
  form.create {
    display: grid;
    gap: 6px;
    margin-bottom: 10px;
  }
  .budget {
    font-weight: 600;
  }
`

/** The facilitation panel's look, after the shared panel buttons (these rules win over them). */
import { css } from 'lit'

export const panelStyles = css`
  :host {
    display: block;
    padding: 16px;
    font-size: 0.9rem;
  }
  h2 {
    font-size: 0.95rem;
    margin: 0 0 8px;
  }
  .eyebrow {
    margin: 0 0 12px;
    font-size: 0.72rem;
    text-transform: uppercase;
    letter-spacing: 0.08em;
  }
  .row + h2,
  p + h2 {
    margin-top: 16px;
  }
  section + section {
    margin-top: 20px;
    padding-top: 16px;
    border-top: 1px solid var(--sb-line);
  }
  p {
    margin: 6px 0;
    color: var(--sb-muted);
    line-height: 1.4;
  }
  .budget {
    font-size: 1.1rem;
    font-weight: 700;
    color: var(--sb-ink);
  }
  .dots {
    display: flex;
    gap: 4px;
    margin: 6px 0 10px;
  }
  .dot {
    width: 14px;
    height: 14px;
    border-radius: 50%;
    background: #e11d48;
  }
  .dot.used {
    background: #e5e7eb;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  ol,
  ul {
    margin: 8px 0 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 0;
  }
  .rank {
    width: 1.6em;
    color: var(--sb-muted);
    font-variant-numeric: tabular-nums;
  }
  .label {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .count {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  /* A ranked group wraps so its dots breakdown sits on full-width lines beneath it. */
  li.ranked {
    flex-wrap: wrap;
  }
  .breakdown {
    flex-basis: 100%;
    padding-left: calc(1.6em + 8px);
    color: var(--sb-muted);
    font-size: 0.9em;
  }
  .breakdown > [role='listitem'] {
    display: flex;
    gap: 8px;
    padding: 2px 0;
  }
  .row {
    display: flex;
    gap: 6px;
    align-items: center;
    flex-wrap: wrap;
  }
  input[type='number'] {
    width: 4em;
    font: inherit;
    padding: 4px;
  }
`

/** Styles shared by the OKR workspace's elements, so every panel reads as one tool. */
import { css } from 'lit'

export const BAND_COLORS = { red: '#dc2626', yellow: '#d97706', green: '#16a34a' } as const

export const okrStyles = css`
  :host {
    display: block;
    font-size: 0.9rem;
    color: var(--sb-ink, #1f2937);
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 10px;
  }
  h3 {
    font-size: 0.95rem;
    margin: 0;
  }
  p.hint,
  .muted {
    color: var(--sb-muted, #6b7280);
  }
  .empty {
    padding: 24px;
    text-align: center;
    color: var(--sb-muted, #6b7280);
    border: 1px dashed var(--sb-line, #e5e1d6);
    border-radius: var(--sb-radius, 10px);
  }
  button {
    font: inherit;
    font-size: 0.85rem;
    padding: 5px 10px;
    border-radius: 8px;
    border: 1px solid var(--sb-line, #e5e1d6);
    background: var(--sb-surface, #fff);
    color: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--sb-accent, #2563eb);
    border-color: var(--sb-accent, #2563eb);
    color: #fff;
  }
  button.icon {
    padding: 2px 7px;
  }
  button.danger {
    background: #b91c1c;
    border-color: #b91c1c;
    color: #fff;
  }
  .confirm {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 4px 8px;
    border-radius: 6px;
    background: #fef2f2;
    color: #7f1d1d;
    font-size: 0.85rem;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-size: 0.85rem;
    padding: 4px 6px;
    border: 1px solid var(--sb-line, #e5e1d6);
    border-radius: 6px;
    background: var(--sb-surface, #fff);
    color: inherit;
    box-sizing: border-box;
  }
  label > input,
  label > select,
  label > textarea {
    width: 100%;
    min-width: 0;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--sb-danger, #b91c1c);
    outline-color: var(--sb-danger, #b91c1c);
  }
  .error {
    color: var(--sb-danger, #b91c1c);
    font-size: 0.8rem;
  }
  .card {
    background: var(--sb-surface, #fff);
    border: 1px solid var(--sb-line, #e5e1d6);
    border-radius: var(--sb-radius, 10px);
    padding: 12px 14px;
    margin-bottom: 12px;
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  .spacer {
    flex: 1;
  }
  .badge {
    display: inline-block;
    font-size: 0.75rem;
    padding: 1px 8px;
    border-radius: 999px;
    background: #f3f4f6;
    white-space: nowrap;
  }
  .badge.on-track,
  .badge.green {
    background: #dcfce7;
    color: #166534;
  }
  .badge.at-risk,
  .badge.yellow {
    background: #fef3c7;
    color: #92400e;
  }
  .badge.behind,
  .badge.red {
    background: #fee2e2;
    color: #991b1b;
  }
  .badge.due {
    background: #fde68a;
    color: #78350f;
    font-weight: 600;
  }
  .sev-error {
    color: var(--sb-danger, #b91c1c);
  }
  .sev-warning {
    color: var(--sb-warn, #b45309);
  }
  .sev-info {
    color: var(--sb-muted, #6b7280);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 4px 6px;
    border-bottom: 1px solid var(--sb-line, #e5e1d6);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    font-size: 0.8rem;
    color: var(--sb-muted, #6b7280);
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
`

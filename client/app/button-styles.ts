/** The buttons' look (plain and `.primary`), shared by the top bar and the side-panel elements. */
import { css } from 'lit'

export const buttonStyles = css`
  button {
    font: inherit;
    font-size: 0.85rem;
    padding: 6px 10px;
    border-radius: 8px;
    border: 1px solid var(--sb-line);
    background: var(--sb-surface);
    cursor: pointer;
  }
  button.primary {
    background: var(--sb-ink);
    color: #fff;
    border-color: var(--sb-ink);
  }
`

/** <sb-canvas-toolbar>'s shadow styles, and the small tool button it shares. */
import { css } from 'lit'

/** A tool button and its pressed state: the toolbar's, and <sb-done-mark>'s inside it. */
export const toolButtonStyles = css`
  button {
    font: inherit;
    border: 1px solid #d1d5db;
    background: #fff;
    border-radius: 6px;
    padding: 3px 8px;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: #e0e7ff;
    border-color: #6366f1;
  }
`

const ownStyles = css`
  :host {
    position: absolute;
    left: 50%;
    bottom: 12px;
    transform: translateX(-50%);
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 6px;
    z-index: 3;
    font:
      13px system-ui,
      sans-serif;
    pointer-events: none;
  }
  .row {
    display: flex;
    gap: 6px;
    align-items: center;
    flex-wrap: wrap;
    justify-content: center;
  }
  .group {
    display: flex;
    gap: 4px;
    align-items: center;
    padding: 4px 6px;
    background: #fff;
    border-radius: 8px;
    box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15);
    pointer-events: auto;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .swatches {
    display: inline-flex;
    gap: 3px;
  }
  .swatch {
    width: 20px;
    height: 20px;
    padding: 0;
    border-radius: 50%;
    border: 1px solid rgba(0, 0, 0, 0.2);
  }
  .swatch[aria-checked='true'] {
    outline: 2px solid #2563eb;
    outline-offset: 1px;
  }
  .chip {
    width: 12px;
    height: 12px;
    border-radius: 2px;
    border: 1px solid rgba(0, 0, 0, 0.2);
  }
  /* Room for a count, so a count arriving never moves the buttons under someone's pointer. */
  .reaction {
    min-width: 3.4em;
    justify-content: center;
  }
  .reaction small {
    font-size: 11px;
    color: #4b5563;
  }
  .follow {
    background: #eef2ff;
  }
  .who {
    color: #4b5563;
    max-width: 16em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  output {
    padding: 0 4px;
    font-weight: 600;
  }
`

export const toolbarStyles = [toolButtonStyles, ownStyles]

/**
 * The board screen's layout: the top bar, its menus, and the canvas beside the side panel.
 * Applied after the shared button look (button-styles.ts), which these rules refine.
 */
import { css } from 'lit'

export const boardViewStyles = css`
  :host {
    display: grid;
    /* The top bar, the agenda strip (empty while no agenda runs), the board. */
    grid-template-rows: auto auto 1fr;
    height: 100%;
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    background: var(--sb-surface);
    border-bottom: 1px solid var(--sb-line);
    flex-wrap: wrap;
    position: relative;
    /* Above the OKR workspace (4) and the notice (6), so the top bar's popovers open over them. */
    z-index: 8;
  }
  .home {
    font-weight: 800;
    color: inherit;
    text-decoration: none;
    letter-spacing: -0.01em;
  }
  .role {
    font-size: 0.75rem;
    padding: 2px 8px;
    border-radius: 999px;
    background: #fef3c7;
    color: #92400e;
  }
  .spacer {
    flex: 1;
  }
  button {
    color: inherit;
  }
  button[aria-pressed='true'] {
    background: var(--sb-ink);
    color: #fff;
    border-color: var(--sb-ink);
  }
  .menu {
    position: relative;
  }
  .menu .backdrop {
    position: fixed;
    inset: 0;
    z-index: 19;
  }
  .menu > button {
    position: relative;
    z-index: 20;
  }
  .link-row {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .popover {
    position: absolute;
    right: 0;
    top: calc(100% + 6px);
    background: var(--sb-surface);
    border-radius: var(--sb-radius);
    box-shadow: var(--sb-shadow);
    padding: 12px;
    width: 320px;
    display: grid;
    gap: 8px;
    z-index: 21;
  }
  .popover label {
    font-size: 0.8rem;
    color: var(--sb-muted);
  }
  .popover input {
    width: 100%;
    box-sizing: border-box;
    font: inherit;
    font-size: 0.8rem;
    padding: 6px;
    border: 1px solid var(--sb-line);
    border-radius: 6px;
  }
  .body {
    position: relative;
    display: grid;
    grid-template-columns: 1fr auto;
    min-height: 0;
  }
  .canvas {
    position: relative;
    min-width: 0;
    min-height: 0;
  }
  sb-board-canvas {
    position: absolute;
    inset: 0;
  }
  sb-facilitation-panel {
    width: 300px;
    border-left: 1px solid var(--sb-line);
    background: var(--sb-surface);
    overflow: auto;
  }
  .views {
    display: inline-flex;
    gap: 2px;
    padding: 2px;
    border-radius: 10px;
    background: #f3f4f6;
  }
  .views button {
    border: none;
    background: transparent;
  }
  .views button[aria-pressed='true'] {
    background: var(--sb-surface);
    color: var(--sb-ink);
    box-shadow: 0 1px 2px rgb(0 0 0 / 12%);
  }
  sb-okr-workspace {
    position: absolute;
    inset: 0;
    z-index: 4;
  }
  @media (max-width: 800px) {
    .body {
      grid-template-columns: 1fr;
    }
    sb-facilitation-panel {
      display: none;
    }
  }
`

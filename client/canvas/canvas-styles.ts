/**
 * The canvas element's shadow styles and the note palette, kept out of the element so its file
 * holds behaviour only.
 */
import { css } from 'lit'
import { NOTE_PALETTE } from '../../core/board/colors'

/** The palette offered for notes and frames; core owns it, so commands accept exactly these. */
export const NOTE_COLORS = Object.values(NOTE_PALETTE)

export const canvasStyles = css`
  :host {
    display: block;
    position: relative;
    overflow: hidden;
    width: 100%;
    height: 100%;
    min-height: 200px;
    background: #fafaf9;
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    outline: none;
  }
  .stage {
    position: absolute;
    inset: 0;
  }
  .stage.pan {
    cursor: grab;
  }
  .stage.panning {
    cursor: grabbing;
  }
  .inline-editor {
    position: absolute;
    box-sizing: border-box;
    border: 2px solid #2563eb;
    border-radius: 4px;
    margin: 0;
    resize: none;
    outline: none;
    overflow: hidden;
    font-family: system-ui, sans-serif;
    line-height: 1.25;
    color: #1f2937;
    background: var(--sb-editor-bg, #fde68a);
    z-index: 2;
  }
  .toolbar {
    position: absolute;
    top: 12px;
    left: 50%;
    transform: translateX(-50%);
    display: flex;
    gap: 6px;
    align-items: center;
    padding: 6px 8px;
    background: #fff;
    border-radius: 8px;
    box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15);
    z-index: 3;
  }
  .swatch {
    width: 22px;
    height: 22px;
    border-radius: 50%;
    border: 1px solid rgba(0, 0, 0, 0.2);
    cursor: pointer;
    padding: 0;
  }
  .toolbar button:not(.swatch),
  .zoom button {
    font: inherit;
    font-size: 13px;
    border: 1px solid #d1d5db;
    background: #fff;
    border-radius: 6px;
    padding: 3px 8px;
    cursor: pointer;
  }
  .zoom {
    position: absolute;
    right: 12px;
    bottom: 12px;
    display: flex;
    gap: 4px;
    align-items: center;
    background: #fff;
    padding: 4px;
    border-radius: 8px;
    box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15);
    font:
      13px system-ui,
      sans-serif;
    z-index: 3;
  }
  .zoom output {
    min-width: 3.5em;
    text-align: center;
  }
  .help {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    background: rgba(17, 24, 39, 0.35);
    z-index: 4;
  }
  .help section {
    background: #fff;
    border-radius: 10px;
    padding: 16px 20px;
    max-width: 560px;
    font:
      14px system-ui,
      sans-serif;
    box-shadow: 0 8px 30px rgba(0, 0, 0, 0.25);
  }
  .help table {
    border-collapse: collapse;
  }
  .help td {
    padding: 3px 10px 3px 0;
    vertical-align: top;
  }
  .help kbd {
    font:
      12px ui-monospace,
      monospace;
  }
`

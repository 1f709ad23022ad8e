/**
 * The HTML around the Konva stage: zoom controls, the selection toolbar and the shortcut help.
 * Plain template functions; the element decides when each shows and what the buttons do.
 */
import type { TemplateResult } from 'lit'
import { html, nothing } from 'lit'
import { NOTE_COLORS } from './canvas-styles'
import { SHORTCUT_HELP } from './keymap'

export interface ZoomHandlers {
  readonly zoomIn: () => void
  readonly zoomOut: () => void
  readonly zoomToFit: () => void
  readonly toggleHelp: () => void
}

export function zoomControls(percent: number, on: ZoomHandlers): TemplateResult {
  return html`<div class="zoom" part="zoom">
    <button type="button" title="Zoom out (−)" aria-label="Zoom out" @click=${on.zoomOut}>−</button>
    <output aria-label="Zoom level">${percent}%</output>
    <button type="button" title="Zoom in (+)" aria-label="Zoom in" @click=${on.zoomIn}>+</button>
    <button type="button" title="Zoom to fit (Shift+1)" @click=${on.zoomToFit}>Fit</button>
    <button
      type="button"
      title="Keyboard shortcuts (?)"
      aria-label="Keyboard shortcuts"
      @click=${on.toggleHelp}
    >
      ?
    </button>
  </div>`
}

export interface ToolbarHandlers {
  readonly recolour: (color: string) => void
  readonly frame: () => void
  readonly duplicate: () => void
  readonly remove: () => void
}

/** Shown to editors while something is selected; frame and duplicate only apply to notes. */
export function selectionToolbar(hasNotes: boolean, on: ToolbarHandlers): TemplateResult {
  return html`<div class="toolbar" role="toolbar" aria-label="Selection">
    ${NOTE_COLORS.map(
      (c) =>
        html`<button
          type="button"
          class="swatch"
          style="background:${c}"
          title="Colour ${c}"
          aria-label="Colour ${c}"
          @click=${() => on.recolour(c)}
        ></button>`,
    )}
    ${
      hasNotes
        ? html`<button
              type="button"
              title="Put the selected notes in a new frame"
              @click=${on.frame}
            >
              Frame
            </button>
            <button type="button" title="Duplicate (Ctrl/⌘+D)" @click=${on.duplicate}>
              Duplicate
            </button>`
        : nothing
    }
    <button type="button" title="Delete (Del)" @click=${on.remove}>Delete</button>
  </div>`
}

export function shortcutHelp(canEdit: boolean, close: () => void): TemplateResult {
  return html`<div class="help" @click=${close}>
    <section
      role="dialog"
      aria-label="Keyboard shortcuts"
      @click=${(e: Event) => e.stopPropagation()}
    >
      <h2>Keyboard shortcuts</h2>
      <table>
        ${SHORTCUT_HELP.map(
          ([keys, what]) =>
            html`<tr>
              <td><kbd>${keys}</kbd></td>
              <td>${what}</td>
            </tr>`,
        )}
      </table>
      ${canEdit ? nothing : html`<p>This is a view link: you can pan and zoom, not edit.</p>`}
    </section>
  </div>`
}

/**
 * The shell's view of the canvas element (client/canvas/sb-board-canvas.ts implements it): the
 * two things only the element can do, draw the board to an image and frame it, plus bringing
 * notes into view for callers outside the board's context (tests, the render benchmark). Views
 * inside the board page ask for focus and previews through the board controller instead.
 */
export interface CanvasApi extends HTMLElement {
  /** The whole board (not just the visible part) as a PNG data URL. */
  toPNG(pixelRatio: number): string
  zoomToFit(): void
  /** Outlines the notes (or frames) and brings them into view: `board.focusNotes`. */
  focusNotes(ids: readonly string[]): void
}

/** What the canvas tells the page around it. */
export interface SelectionChangeDetail {
  readonly ids: readonly string[]
}

declare global {
  interface HTMLElementEventMap {
    /** The local selection on the canvas changed (notes and frames, in selection order). */
    'selection-change': CustomEvent<SelectionChangeDetail>
  }
}

/** The canvas under `root`, once it is upgraded (before that it is a bare element). */
export function canvasElement(root: ParentNode): CanvasApi | null {
  const element = root.querySelector('sb-board-canvas')
  return element !== null && 'toPNG' in element ? element : null
}

export function pngBlob(canvas: CanvasApi, pixelRatio: number): Promise<Blob> {
  return Promise.resolve(dataUrlBlob(canvas.toPNG(pixelRatio)))
}

/**
 * Decoded here rather than with `fetch(dataUrl)`: the app's Content-Security-Policy limits
 * `connect-src` to this server and its socket, which a data: URL is not.
 */
export function dataUrlBlob(url: string): Blob {
  const comma = url.indexOf(',')
  const head = url.slice(0, comma)
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream'
  const body = url.slice(comma + 1)
  const text = head.endsWith(';base64') ? atob(body) : decodeURIComponent(body)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return new Blob([bytes], { type })
}

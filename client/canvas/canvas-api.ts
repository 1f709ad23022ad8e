/**
 * The shell's view of the canvas element (client/canvas/sb-board-canvas.ts, owned by the canvas
 * work). Typed structurally here so the shell builds and runs even where the canvas is absent,
 * and calls only the methods the two sides agreed on.
 */
export interface CanvasApi extends HTMLElement {
  toPNG(pixelRatio: number): string | Blob | Promise<string | Blob>
  zoomToFit(): void
  focusNotes(ids: readonly string[]): void
  previewGroups(proposals: readonly unknown[] | null): void
}

export function canvasElement(root: ParentNode): CanvasApi | null {
  const element = root.querySelector('sb-board-canvas')
  return element !== null && 'toPNG' in element ? (element as CanvasApi) : null
}

export async function pngBlob(canvas: CanvasApi, pixelRatio: number): Promise<Blob> {
  const image = await canvas.toPNG(pixelRatio)
  return typeof image === 'string' ? dataUrlBlob(image) : image
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

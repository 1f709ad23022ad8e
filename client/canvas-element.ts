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
  if (typeof image !== 'string') return image
  return await (await fetch(image)).blob()
}

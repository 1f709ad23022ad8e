/**
 * What the overlay layer draws, as plain shapes: selection outlines (ours solid, peers' dashed
 * in their colour), the focus highlight, the grouping proposal under review (its notes outlined,
 * the rest of the view dimmed, one proposal at a time) and the marquee. Pure, so
 * what is outlined where is tested without a canvas; ./scene-overlay turns shapes into Konva.
 */
import type { Rect } from './geometry'
import { inflate, intersects } from './geometry'

export const SELECTION_COLOR = '#2563eb'
export const FOCUS_COLOR = '#f59e0b'
export const PROPOSAL_COLOR = '#7c3aed'
/** Outlines sit this far outside what they outline, in stage units. */
const OUTLINE_GAP = 3
/** A proposal's notes are outlined this thick, on screen. */
const PROPOSAL_OUTLINE_PX = 3
/** Outlines just off screen are drawn too, so a pan shows no pop-in. */
const VIEW_MARGIN_PX = 50

/** One peer's selection: their colour on what they selected. */
export interface OutlineSet {
  readonly ids: readonly string[]
  readonly color: string
  readonly label?: string
}

/** A grouping proposal as the canvas highlights it (its title is read in the side panel). */
export interface ProposalOutline {
  readonly noteIds: readonly string[]
  readonly title?: string
}

export interface OverlayState {
  readonly selection: readonly string[]
  readonly remoteSelections: readonly OutlineSet[]
  readonly focused: readonly string[]
  readonly proposals: readonly ProposalOutline[] | null
  readonly marquee: Rect | null
  /** While the local user drags, their own outlines would lag behind: they are left out. */
  readonly dragging: boolean
}

export type OverlayShape =
  | {
      readonly kind: 'outline'
      readonly rect: Rect
      readonly color: string
      readonly width: number
      readonly dash?: readonly number[]
    }
  /** Dims the view except the holes: what is not in the proposal under review fades back. */
  | { readonly kind: 'veil'; readonly rect: Rect; readonly holes: readonly Rect[] }
  /** One note of the proposal under review. */
  | { readonly kind: 'highlight'; readonly rect: Rect; readonly noteId: string }
  | { readonly kind: 'marquee'; readonly rect: Rect }

/**
 * The shapes for `state`, bottom to top. `rectOf` says where a note or frame is drawn now;
 * `view` is the visible part of the board and `scale` the zoom.
 */
export function overlayShapes(
  state: OverlayState,
  rectOf: (id: string) => Rect | null,
  view: Rect,
  scale: number,
): OverlayShape[] {
  const near = inflate(view, VIEW_MARGIN_PX / scale)
  const shapes: OverlayShape[] = []
  const outline = (id: string, color: string, width: number, dash?: readonly number[]): void => {
    const r = rectOf(id)
    if (!r || !intersects(r, near)) return
    const rect = inflate(r, OUTLINE_GAP)
    shapes.push(
      dash
        ? { kind: 'outline', rect, color, width, dash }
        : { kind: 'outline', rect, color, width },
    )
  }
  for (const set of state.remoteSelections)
    for (const id of set.ids) outline(id, set.color, 2, [4, 3])
  if (!state.dragging) for (const id of state.selection) outline(id, SELECTION_COLOR, 2)
  for (const id of state.focused) outline(id, FOCUS_COLOR, 4)
  shapes.push(...highlightShapes(state.proposals, rectOf, near))
  if (state.marquee) shapes.push({ kind: 'marquee', rect: state.marquee })
  return shapes
}

/**
 * The notes under review outlined and everything else in view dimmed. The panel asks for one
 * proposal at a time; given several, their notes are highlighted together. No boxes around
 * proposals: boxes of scattered notes overlap each other and the notes between them.
 */
function highlightShapes(
  proposals: OverlayState['proposals'],
  rectOf: (id: string) => Rect | null,
  near: Rect,
): OverlayShape[] {
  if (proposals === null || proposals.length === 0) return []
  const notes = [...new Set(proposals.flatMap((p) => p.noteIds))].flatMap((noteId) => {
    const r = rectOf(noteId)
    return r ? [{ noteId, rect: inflate(r, OUTLINE_GAP) }] : []
  })
  if (notes.length === 0) return []
  const holes = notes.map((n) => n.rect).filter((r) => intersects(r, near))
  return [
    { kind: 'veil', rect: near, holes },
    ...notes
      .filter((n) => intersects(n.rect, near))
      .map((n) => ({ kind: 'highlight' as const, rect: n.rect, noteId: n.noteId })),
  ]
}

/** How thick a proposal's outline is drawn (screen pixels, so the same at any zoom). */
export const PROPOSAL_OUTLINE_WIDTH = PROPOSAL_OUTLINE_PX

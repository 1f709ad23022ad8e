/**
 * What the overlay layer draws, as plain shapes: selection outlines (ours solid, peers' dashed
 * in their colour), the focus highlight, outlined grouping proposals and the marquee. Pure, so
 * what is outlined where is tested without a canvas; ./scene-overlay turns shapes into Konva.
 */
import type { Rect } from './geometry'
import { inflate, intersects, unionRect } from './geometry'

export const SELECTION_COLOR = '#2563eb'
export const FOCUS_COLOR = '#f59e0b'
export const PROPOSAL_COLOR = '#7c3aed'
/** Outlines sit this far outside what they outline, in stage units. */
const OUTLINE_GAP = 3
const PROPOSAL_PAD = 16
/** Proposal titles keep this size on screen whatever the zoom. */
const PROPOSAL_TITLE_PX = 16
const PROPOSAL_TITLE_RISE_PX = 24
/** Outlines just off screen are drawn too, so a pan shows no pop-in. */
const VIEW_MARGIN_PX = 50

/** One peer's selection: their colour on what they selected. */
export interface OutlineSet {
  readonly ids: readonly string[]
  readonly color: string
  readonly label?: string
}

/** A grouping proposal as the canvas outlines it. */
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
  | {
      readonly kind: 'proposal'
      readonly rect: Rect
      readonly title?: {
        readonly text: string
        readonly x: number
        readonly y: number
        readonly size: number
      }
    }
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
  for (const p of state.proposals ?? []) {
    const shape = proposalShape(p, rectOf, scale)
    if (shape) shapes.push(shape)
  }
  if (state.marquee) shapes.push({ kind: 'marquee', rect: state.marquee })
  return shapes
}

function proposalShape(
  p: ProposalOutline,
  rectOf: (id: string) => Rect | null,
  scale: number,
): OverlayShape | null {
  const around = unionRect(p.noteIds.flatMap((id) => rectOf(id) ?? []))
  if (!around) return null
  const rect = inflate(around, PROPOSAL_PAD)
  if (!p.title) return { kind: 'proposal', rect }
  const title = {
    text: p.title,
    x: rect.x,
    y: rect.y - PROPOSAL_TITLE_RISE_PX / scale,
    size: PROPOSAL_TITLE_PX / scale,
  }
  return { kind: 'proposal', rect, title }
}

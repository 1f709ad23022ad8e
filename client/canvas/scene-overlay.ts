/**
 * The overlay layer: holds what is selected, focused, under review or swept, and redraws the
 * outlines at most once per tick however many changes arrive (./overlay-shapes says what).
 */
import Konva from 'konva'
import type { Rect } from './geometry'
import type { OutlineSet, OverlayShape, OverlayState, ProposalOutline } from './overlay-shapes'
import {
  PROPOSAL_COLOR,
  PROPOSAL_OUTLINE_WIDTH,
  SELECTION_COLOR,
  overlayShapes,
} from './overlay-shapes'

/** What is not under review fades back behind this, so the proposal's notes stand out. */
const VEIL_COLOR = 'rgba(241,245,249,0.72)'

/** Where things are drawn and what is in view, asked for at each redraw. */
export interface OverlaySource {
  rectOf(id: string): Rect | null
  view(): Rect
  scale(): number
  dragging(): boolean
}

export class SceneOverlay {
  private state: Omit<OverlayState, 'dragging'> = {
    selection: [],
    remoteSelections: [],
    focused: [],
    proposals: null,
    marquee: null,
  }
  private queued = false

  constructor(
    readonly layer: Konva.Layer,
    private readonly source: OverlaySource,
  ) {}

  setSelection(selection: readonly string[]): void {
    this.update({ selection })
  }

  setRemoteSelections(remoteSelections: readonly OutlineSet[]): void {
    this.update({ remoteSelections })
  }

  setFocused(focused: readonly string[]): void {
    this.update({ focused })
  }

  setProposals(proposals: readonly ProposalOutline[] | null): void {
    this.update({ proposals })
  }

  /** The marquee follows the pointer: drawn now, not on the next tick. */
  setMarquee(marquee: Rect | null): void {
    this.state = { ...this.state, marquee }
    this.render()
  }

  private update(change: Partial<OverlayState>): void {
    this.state = { ...this.state, ...change }
    this.schedule()
  }

  /** Coalesces overlay rebuilds: many model changes in one tick redraw the overlay once. */
  schedule(): void {
    if (this.queued) return
    this.queued = true
    queueMicrotask(() => {
      this.queued = false
      this.render()
    })
  }

  private render(): void {
    this.layer.destroyChildren()
    const src = this.source
    const state = { ...this.state, dragging: src.dragging() }
    const shapes = overlayShapes(state, (id) => src.rectOf(id), src.view(), src.scale())
    for (const shape of shapes) for (const node of konvaNodes(shape)) this.layer.add(node)
  }
}

function konvaNodes(shape: OverlayShape): Konva.Shape[] {
  const { x, y, w: width, h: height } = shape.rect
  switch (shape.kind) {
    case 'outline':
      return [
        new Konva.Rect({
          x,
          y,
          width,
          height,
          stroke: shape.color,
          strokeWidth: shape.width,
          strokeScaleEnabled: false,
          cornerRadius: 6,
          ...(shape.dash ? { dash: [...shape.dash] } : {}),
          perfectDrawEnabled: false,
        }),
      ]
    case 'veil': {
      const holes = shape.holes
      // Holes are traced the other way round, so the non-zero fill leaves them clear.
      const veil = new Konva.Shape({
        sceneFunc: (context, node) => {
          context.beginPath()
          context.rect(x, y, width, height)
          for (const h of holes) {
            context.moveTo(h.x, h.y)
            context.lineTo(h.x, h.y + h.h)
            context.lineTo(h.x + h.w, h.y + h.h)
            context.lineTo(h.x + h.w, h.y)
            context.closePath()
          }
          context.fillShape(node)
        },
        fill: VEIL_COLOR,
        perfectDrawEnabled: false,
      })
      return [veil]
    }
    case 'highlight':
      return [
        new Konva.Rect({
          x,
          y,
          width,
          height,
          name: 'proposal-highlight',
          noteId: shape.noteId,
          stroke: PROPOSAL_COLOR,
          strokeWidth: PROPOSAL_OUTLINE_WIDTH,
          strokeScaleEnabled: false,
          cornerRadius: 6,
          perfectDrawEnabled: false,
        }),
      ]
    case 'marquee':
      return [
        new Konva.Rect({
          x,
          y,
          width,
          height,
          fill: 'rgba(37,99,235,0.08)',
          stroke: SELECTION_COLOR,
          strokeWidth: 1,
          strokeScaleEnabled: false,
        }),
      ]
  }
}

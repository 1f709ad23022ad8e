/**
 * The overlay layer: holds what is selected, focused, proposed or swept, and redraws the
 * outlines at most once per tick however many changes arrive (./overlay-shapes says what).
 */
import Konva from 'konva'
import type { Rect } from './geometry'
import type { OutlineSet, OverlayShape, OverlayState, ProposalOutline } from './overlay-shapes'
import { PROPOSAL_COLOR, SELECTION_COLOR, overlayShapes } from './overlay-shapes'

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
    case 'proposal': {
      const outline = new Konva.Rect({
        x,
        y,
        width,
        height,
        stroke: PROPOSAL_COLOR,
        strokeWidth: 2,
        strokeScaleEnabled: false,
        dash: [10, 6],
        cornerRadius: 10,
        fill: 'rgba(124,58,237,0.05)',
      })
      const t = shape.title
      if (!t) return [outline]
      const title = new Konva.Text({
        x: t.x,
        y: t.y,
        text: t.text,
        fontSize: t.size,
        fontStyle: 'bold',
        fill: PROPOSAL_COLOR,
      })
      return [outline, title]
    }
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

/**
 * The scene's group frames: few and large, on their own layer below the notes. Frames are
 * grabbed by their title bar or border and resized by the grip in their corner.
 */
import type Konva from 'konva'
import type { Rect, StagePoint } from './geometry'
import { frameEdgeAt, frameGripAt } from './hit-test'
import type { FrameLook } from './frame-node'
import {
  FRAME_BORDER,
  FRAME_GRIP_PX,
  FRAME_TITLE_HEIGHT,
  createFrameNode,
  updateFrameNode,
} from './frame-node'
import type { SceneGroup } from './scene-model'

export class SceneFrames {
  private readonly groups = new Map<string, SceneGroup>()
  private readonly nodes = new Map<string, Konva.Group>()
  /** Frames the local user is dragging, or null. */
  private lifted: Set<string> | null = null

  constructor(
    private readonly layer: Konva.Layer,
    private readonly dragLayer: Konva.Layer,
  ) {}

  /** Replaces every frame; a frame being dragged keeps following the pointer. */
  set(groups: readonly SceneGroup[]): void {
    const seen = new Set<string>()
    for (const g of groups) {
      seen.add(g.id)
      this.groups.set(g.id, g)
      let node = this.nodes.get(g.id)
      if (!node) {
        node = createFrameNode(g.id)
        this.nodes.set(g.id, node)
        this.layer.add(node)
      }
      if (this.lifted?.has(g.id)) continue
      updateFrameNode(node, frameLook(g))
    }
    for (const id of [...this.groups.keys()]) {
      if (seen.has(id)) continue
      this.groups.delete(id)
      this.nodes.get(id)?.destroy()
      this.nodes.delete(id)
      this.lifted?.delete(id)
    }
  }

  get(id: string): SceneGroup | undefined {
    return this.groups.get(id)
  }

  all(): SceneGroup[] {
    return [...this.groups.values()]
  }

  /** Each frame with its title bar, for framing the whole board. */
  outerRects(): Rect[] {
    return this.all().map((g) => ({
      x: g.x,
      y: g.y - FRAME_TITLE_HEIGHT,
      w: g.w,
      h: g.h + FRAME_TITLE_HEIGHT,
    }))
  }

  /** The frame whose title bar or border is under `p`: frames are grabbed by their edge. */
  edgeAt(p: StagePoint): string | null {
    return frameEdgeAt(this.all(), p, FRAME_TITLE_HEIGHT, FRAME_BORDER)
  }

  /** The frame whose resize grip is under `p`, the grip keeping its size on screen. */
  gripAt(p: StagePoint, scale: number): string | null {
    return frameGripAt(this.all(), p, FRAME_GRIP_PX / scale)
  }

  /** Draws a frame at a size the user is dragging to; `null` snaps back to the model. */
  previewSize(id: string, size: { w: number; h: number } | null): void {
    const g = this.groups.get(id)
    const node = this.nodes.get(id)
    if (g && node) updateFrameNode(node, frameLook(size ? { ...g, ...size } : g))
  }

  /** A frame's title bar in stage coordinates, for the inline title editor. */
  titleRect(id: string): Rect | null {
    const g = this.groups.get(id)
    return g ? { x: g.x, y: g.y - FRAME_TITLE_HEIGHT, w: g.w, h: FRAME_TITLE_HEIGHT } : null
  }

  /** Where a frame is drawn now, mid-drag included. */
  drawnRect(id: string): Rect | null {
    const g = this.groups.get(id)
    if (!g) return null
    const at = this.nodes.get(id)?.position() ?? g
    return { x: at.x, y: at.y, w: g.w, h: g.h }
  }

  lift(ids: ReadonlySet<string>): void {
    this.lifted = new Set(ids)
    for (const id of ids) this.nodes.get(id)?.moveTo(this.dragLayer)
  }

  moveLifted(dx: number, dy: number): void {
    for (const id of this.lifted ?? []) {
      const g = this.groups.get(id)
      this.nodes.get(id)?.position({ x: (g?.x ?? 0) + dx, y: (g?.y ?? 0) + dy })
    }
  }

  drop(): void {
    const lifted = this.lifted
    this.lifted = null
    for (const id of lifted ?? []) {
      const node = this.nodes.get(id)
      const g = this.groups.get(id)
      node?.moveTo(this.layer)
      if (node && g) updateFrameNode(node, frameLook(g))
    }
  }
}

function frameLook(g: SceneGroup): FrameLook {
  return {
    x: g.x,
    y: g.y,
    w: g.w,
    h: g.h,
    title: g.title,
    color: g.color,
    votes: g.votes,
    score: g.score ?? null,
  }
}

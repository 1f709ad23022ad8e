/**
 * The Konva drawing of a group: a tinted frame with its title above it and, once votes are
 * revealed, the group's dot count. Frames sit on their own layer below the notes.
 */
import Konva from 'konva'
import type { ScoreBadgeLook } from './score-badge'
import { SCORE_BADGE_WIDTH, scoreBadge, updateScoreBadge } from './score-badge'

export const FRAME_TITLE_HEIGHT = 28
export const FRAME_BORDER = 8
/** Half-size of the resize grip, in screen pixels. */
export const FRAME_GRIP_PX = 10
export const FRAME_MIN_SIZE = { w: 180, h: 120 } as const

export interface FrameLook {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly title: string
  readonly color: string
  readonly votes: number | null
  /** Its objective's score after a conversion (./canvas-scores), or null/absent for none. */
  readonly score?: ScoreBadgeLook | null
}

export function createFrameNode(id: string): Konva.Group {
  const group = new Konva.Group({ id, name: 'frame', listening: false })
  group.add(
    new Konva.Rect({
      name: 'body',
      cornerRadius: 8,
      stroke: 'rgba(0,0,0,0.25)',
      strokeWidth: 2,
      opacity: 0.9,
      perfectDrawEnabled: false,
    }),
    new Konva.Text({
      name: 'title',
      y: -FRAME_TITLE_HEIGHT + 4,
      x: 4,
      height: FRAME_TITLE_HEIGHT - 4,
      fontSize: 18,
      fontStyle: 'bold',
      fontFamily: 'system-ui, sans-serif',
      fill: '#111827',
      wrap: 'none',
      ellipsis: true,
    }),
    new Konva.Text({
      name: 'votes',
      y: -FRAME_TITLE_HEIGHT + 4,
      height: FRAME_TITLE_HEIGHT - 4,
      align: 'right',
      fontSize: 16,
      fontStyle: 'bold',
      fill: '#4f46e5',
      wrap: 'none',
    }),
    // Two short diagonals in the corner: the resize grip.
    new Konva.Path({
      name: 'grip',
      data: 'M -14 -4 L -4 -14 M -9 -4 L -4 -9',
      stroke: 'rgba(0,0,0,0.35)',
      strokeWidth: 2,
      lineCap: 'round',
    }),
    scoreBadge(0, -FRAME_TITLE_HEIGHT + 4),
  )
  return group
}

export function updateFrameNode(node: Konva.Group, look: FrameLook): void {
  node.position({ x: look.x, y: look.y })
  node.findOne<Konva.Path>('.grip')?.position({ x: look.w, y: look.h })
  const body = node.findOne<Konva.Rect>('.body')
  body?.setAttrs({ width: look.w, height: look.h, fill: look.color })
  const votesText = look.votes !== null && look.votes > 0 ? `● ${look.votes}` : ''
  // The score pill sits at the title bar's right end, the vote count just left of it.
  const scoreRoom = look.score ? SCORE_BADGE_WIDTH + 6 : 0
  updateScoreBadge(node, look.score ?? null)
  node.findOne('.score')?.x(look.w - SCORE_BADGE_WIDTH)
  const votes = node.findOne<Konva.Text>('.votes')
  votes?.setAttrs({ width: look.w - 4 - scoreRoom, text: votesText })
  const title = node.findOne<Konva.Text>('.title')
  // Leave room for the vote count on the right so the two never overlap.
  title?.setAttrs({
    width: Math.max(20, look.w - 8 - (votesText ? 60 : 0) - scoreRoom),
    text: look.title || 'Untitled group',
  })
}

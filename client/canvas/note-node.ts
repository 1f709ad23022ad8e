/**
 * The Konva drawing of one sticky note. Nodes are built lazily (only once a note first enters
 * the viewport) and updated in place, so a remote edit of one note touches one group, and a
 * 10,000-note board holds Konva nodes only for what was ever on screen.
 */
import Konva from 'konva'
import { NOTE_HEIGHT, NOTE_WIDTH } from './hit-test'
import type { ScoreBadgeLook } from './score-badge'
import { SCORE_BADGE_HEIGHT, SCORE_BADGE_WIDTH, scoreBadge, updateScoreBadge } from './score-badge'

/** What the drawing depends on: everything else about a note is irrelevant to its pixels. */
export interface NoteLook {
  readonly text: string
  readonly color: string
  /**
   * This person's own note still in their private room (docs/private-brainstorm.md): drawn with
   * a dashed edge, since nobody else has it until the reveal.
   */
  readonly private: boolean
  /** Dots this viewer may see on the note (null for none). */
  readonly votes: number | null
  /** Votes are not revealed yet: the count is the viewer's own dots, drawn in a muted badge. */
  readonly ownVotesOnly: boolean
  /** What the note became in the OKR set ("KR · Cut churn to 5 %"), or null. */
  readonly became: string | null
  /** Everyone's emoji reactions as one line ("👍 2  🔥 1"), or null/absent for none. */
  readonly reactions?: string | null
  /** How many reactions in all (the zoomed-out overview's total); absent for none. */
  readonly reactionCount?: number
  /** Its key result's score after a conversion (./canvas-scores), or null/absent for none. */
  readonly score?: ScoreBadgeLook | null
}

/**
 * Below this zoom, text is unreadable anyway and notes are drawn by the overview shape instead
 * of one group each (see ./overview-shape).
 */
export const DETAIL_MIN_SCALE = 0.3

const PADDING = 12
export const BLANK_FILL = '#f3f4f6'

export function createNoteNode(id: string): Konva.Group {
  const group = new Konva.Group({ id, name: 'note', listening: false })
  group.add(
    new Konva.Rect({
      name: 'card',
      width: NOTE_WIDTH,
      height: NOTE_HEIGHT,
      cornerRadius: 4,
      stroke: 'rgba(0,0,0,0.18)',
      strokeWidth: 1,
      perfectDrawEnabled: false,
      shadowForStrokeEnabled: false,
    }),
    new Konva.Text({
      name: 'text',
      x: PADDING,
      y: PADDING,
      width: NOTE_WIDTH - 2 * PADDING,
      height: NOTE_HEIGHT - 2 * PADDING,
      fontSize: 16,
      lineHeight: 1.25,
      fontFamily: 'system-ui, sans-serif',
      fill: '#1f2937',
      wrap: 'word',
      ellipsis: true,
      perfectDrawEnabled: false,
    }),
    new Konva.Text({
      name: 'became',
      x: PADDING,
      y: NOTE_HEIGHT - PADDING - 14,
      width: NOTE_WIDTH - 2 * PADDING,
      height: 14,
      fontSize: 11,
      fontStyle: 'bold',
      fontFamily: 'system-ui, sans-serif',
      fill: '#4338ca',
      wrap: 'none',
      ellipsis: true,
      visible: false,
      perfectDrawEnabled: false,
    }),
    new Konva.Text({
      name: 'reactions',
      x: PADDING / 2,
      y: NOTE_HEIGHT + 4,
      width: NOTE_WIDTH - PADDING,
      height: 18,
      fontSize: 13,
      fontFamily: 'system-ui, sans-serif',
      fill: '#374151',
      wrap: 'none',
      ellipsis: true,
      visible: false,
      perfectDrawEnabled: false,
    }),
    badge(),
    // Bottom-right, on the provenance line's row: inside the note, clear of selection outlines.
    scoreBadge(
      NOTE_WIDTH - PADDING / 2 - SCORE_BADGE_WIDTH,
      NOTE_HEIGHT - PADDING / 2 - SCORE_BADGE_HEIGHT,
    ),
  )
  return group
}

function badge(): Konva.Group {
  const g = new Konva.Group({ name: 'votes', x: NOTE_WIDTH - 14, y: -10, visible: false })
  g.add(
    new Konva.Circle({ name: 'dot', radius: 14, fill: '#4f46e5', perfectDrawEnabled: false }),
    new Konva.Text({
      name: 'count',
      x: -14,
      y: -8,
      width: 28,
      align: 'center',
      fontSize: 14,
      fontStyle: 'bold',
      fill: '#ffffff',
    }),
  )
  return g
}

/** Applies a look; unchanged properties are skipped so Konva does not re-measure the text. */
export function updateNoteNode(node: Konva.Group, look: NoteLook): void {
  const card = node.findOne<Konva.Rect>('.card')
  const text = node.findOne<Konva.Text>('.text')
  const votes = node.findOne<Konva.Group>('.votes')
  const count = votes?.findOne<Konva.Text>('.count')
  const fill = look.color
  if (card && card.fill() !== fill) card.fill(fill)
  // A dashed edge: still in this person's private room, nobody else sees it yet.
  // Konva answers undefined for a dash never set.
  const dashed = (card?.dash() ?? []).length > 0
  if (card && dashed !== look.private) card.dash(look.private ? [6, 4] : [])
  const shown = look.text
  if (text) {
    if (text.text() !== shown) text.text(shown)
  }
  const became = node.findOne<Konva.Text>('.became')
  if (became) {
    const label = !look.became ? '' : `→ ${look.became}`
    became.visible(label !== '')
    if (became.text() !== label) became.text(label)
    became.width(NOTE_WIDTH - 2 * PADDING - (look.score ? SCORE_BADGE_WIDTH - PADDING / 2 + 4 : 0))
    // Keep the note's own text clear of the provenance line.
    text?.height(NOTE_HEIGHT - 2 * PADDING - (label ? 16 : 0))
  }
  const reactions = node.findOne<Konva.Text>('.reactions')
  if (reactions) {
    const line = look.reactions ?? ''
    reactions.visible(line !== '')
    if (reactions.text() !== line) reactions.text(line)
  }
  updateScoreBadge(node, look.score ?? null)
  if (votes && count) {
    const on = look.votes !== null && look.votes > 0
    votes.visible(on)
    votes.findOne<Konva.Circle>('.dot')?.fill(look.ownVotesOnly ? '#64748b' : '#4f46e5')
    if (on && count.text() !== String(look.votes)) count.text(String(look.votes))
  }
}

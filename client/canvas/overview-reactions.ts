/**
 * Reactions in the overview (below 30 % zoom, ./overview-shape): one total per note ("♥ 3"),
 * drawn at a fixed size on screen and only while the note is wide enough on screen to hold it;
 * further out the number would be a smudge, so it is left out.
 */
import { NOTE_HEIGHT, NOTE_WIDTH } from './hit-test'

/** Narrowest note on screen (px) that still has room for the total beside the vote dot. */
export const MIN_NOTE_PX_FOR_REACTIONS = 30
/** The total's font size on screen (px). */
export const REACTION_FONT_PX = 10

/** What the overview writes on a note, or null when the note is too small on screen. */
export function overviewReactionLabel(total: number, scale: number): string | null {
  if (total <= 0 || NOTE_WIDTH * scale < MIN_NOTE_PX_FOR_REACTIONS) return null
  return `♥ ${total}`
}

/**
 * Writes each note's total in its bottom-left corner, in one pass after the notes are filled.
 * Nothing is drawn (not even the font set) when the notes are too small for any label.
 */
export function drawReactionTotals(
  ctx: CanvasRenderingContext2D,
  lists: Iterable<readonly { x: number; y: number; reactions?: number }[]>,
  scale: number,
): void {
  if (NOTE_WIDTH * scale < MIN_NOTE_PX_FOR_REACTIONS) return
  const font = REACTION_FONT_PX / scale
  ctx.font = `600 ${font}px system-ui, sans-serif`
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = 'rgba(17, 24, 39, 0.75)'
  for (const list of lists) {
    for (const it of list) {
      const label = overviewReactionLabel(it.reactions ?? 0, scale)
      if (label !== null) ctx.fillText(label, it.x + font * 0.5, it.y + NOTE_HEIGHT - font * 0.5)
    }
  }
}

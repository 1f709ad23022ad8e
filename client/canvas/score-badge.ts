/**
 * The score pill drawn on a converted note or on a group's title bar: the score as the
 * dashboard writes it, on the dashboard's band colour. Part of the stage, so the PNG export
 * carries it.
 */
import Konva from 'konva'
import type { Band } from '../../core/okr/score'
import { BAND_COLORS } from '../okr/okr-styles'

export interface ScoreBadgeLook {
  readonly text: string
  readonly band: Band
}

export const SCORE_BADGE_WIDTH = 44
export const SCORE_BADGE_HEIGHT = 20

export function scoreBadge(x: number, y: number): Konva.Group {
  const g = new Konva.Group({ name: 'score', x, y, visible: false })
  g.add(
    new Konva.Rect({
      name: 'score-pill',
      width: SCORE_BADGE_WIDTH,
      height: SCORE_BADGE_HEIGHT,
      cornerRadius: SCORE_BADGE_HEIGHT / 2,
      fill: BAND_COLORS.red,
      stroke: '#ffffff',
      strokeWidth: 1.5,
      perfectDrawEnabled: false,
    }),
    new Konva.Text({
      name: 'score-text',
      width: SCORE_BADGE_WIDTH,
      height: SCORE_BADGE_HEIGHT,
      align: 'center',
      verticalAlign: 'middle',
      fontSize: 12,
      fontStyle: 'bold',
      fontFamily: 'system-ui, sans-serif',
      fill: '#ffffff',
      wrap: 'none',
    }),
  )
  return g
}

/** Shows, hides and recolours the `.score` pill inside `node`. */
export function updateScoreBadge(node: Konva.Group, look: ScoreBadgeLook | null): void {
  const g = node.findOne<Konva.Group>('.score')
  if (!g) return
  g.visible(look !== null)
  if (!look) return
  const fill = BAND_COLORS[look.band] ?? BAND_COLORS.red
  const pill = g.findOne<Konva.Rect>('.score-pill')
  if (pill && pill.fill() !== fill) pill.fill(fill)
  const text = g.findOne<Konva.Text>('.score-text')
  const label = look.text
  if (text && text.text() !== label) text.text(label)
}

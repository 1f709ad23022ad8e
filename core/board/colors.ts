/**
 * Note and group colours. A stored colour ends up in CSS (the list view's `--note-color`, the
 * inline editor's background), where `url(…)` would make every reader's browser fetch an
 * address of the writer's choosing and `red;background:…` would add declarations. So the
 * board holds only `#rrggbb`: commands refuse anything else, and readers replace anything
 * else with the default.
 *
 * Accepted on input: `#rrggbb` and `#rgb` (either case) and the palette's names. Stored, always:
 * lowercase `#rrggbb`, so every reader (an old client, another tool, a CSS property) gets a
 * value it can use as is, and equal colours compare equal. Refused: alpha (`#rrggbbaa` would
 * let a note turn invisible), CSS names outside the palette, functions (`rgb()`, `url()`,
 * `expression()`), and anything with more than the colour in it.
 */

/** The palette the toolbar offers, by name: soft sticky-note tones that keep text readable. */
export const NOTE_PALETTE = {
  yellow: '#fde68a',
  red: '#fecaca',
  orange: '#fed7aa',
  green: '#bbf7d0',
  blue: '#bfdbfe',
  purple: '#ddd6fe',
  grey: '#e5e7eb',
} as const

export type PaletteName = keyof typeof NOTE_PALETTE

const HEX6 = /^#[0-9a-f]{6}$/i
const HEX3 = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i

/**
 * The stored form of a colour (`#rrggbb`, lowercase), or null when it is not one we accept.
 *
 * @example
 * normalizeColor('#FFF') // '#ffffff'
 * normalizeColor('blue') // '#bfdbfe'
 * normalizeColor('url(https://evil.example/p.png)') // null
 */
export function normalizeColor(value: string): string | null {
  if (HEX6.test(value)) return value.toLowerCase()
  const short = HEX3.exec(value)
  if (short) {
    const [, r = '', g = '', b = ''] = short
    return `#${r}${r}${g}${g}${b}${b}`.toLowerCase()
  }
  return Object.hasOwn(NOTE_PALETTE, value) ? NOTE_PALETTE[value as PaletteName] : null
}

/**
 * A stored value as a colour safe to put in CSS: its normal form, or the fallback. Readers use
 * this; a colour written before validation (or by another tool) cannot reach a style.
 *
 * @example
 * colorOr('red;background:url(x)', '#fde68a') // '#fde68a'
 */
export function colorOr(value: unknown, fallback: string): string {
  return (typeof value === 'string' && normalizeColor(value)) || fallback
}

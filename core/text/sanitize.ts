/**
 * What user text may contain once it is on the board. Every command that writes text runs its
 * argument through one of these (core/board/validate.ts), and the exports run stored text
 * through them again, because a board written before this rule (or by another tool) may still
 * hold anything.
 *
 * Removed everywhere: C0 and C1 control characters (they end up raw in calendar feeds, CSV and
 * terminals), the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, the
 * "Trojan Source" characters that make a title read differently from what it holds), the
 * deprecated format controls U+206A–U+206F, and the invisible characters that join or split
 * words without showing (U+200B, U+2060–U+2064, U+FEFF, U+180E, U+FFF9–U+FFFB).
 *
 * Kept on purpose: ZWNJ and ZWJ (U+200C, U+200D: Persian, Indic scripts and emoji sequences
 * need them), the bidi marks LRM, RLM and ALM (U+200E, U+200F, U+061C: right-to-left writers
 * need them to place punctuation, and a mark cannot reorder a run the way an override does),
 * and the soft hyphen.
 */

/** Line breaks in every spelling: CRLF, CR, LF, NEL, LINE and PARAGRAPH SEPARATOR. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g

/**
 * Everything dropped from both kinds of text. Tab and LF are absent: a multi-line field keeps
 * them, and a one-line field turns them into spaces before this runs.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g

/**
 * Text for a field of one line (titles, names, owners, metrics, tags, labels): line breaks and
 * tabs become a space, so words on two lines stay two words; other controls and invisible
 * characters are dropped. Spaces are not trimmed: an editor sending each keystroke must be able
 * to type the space between two words.
 *
 * @example
 * sanitizeLine('Grow\nrevenue\u202e') // 'Grow revenue'
 */
export function sanitizeLine(text: string): string {
  return text.replace(LINE_BREAK, ' ').replace(/\t/g, ' ').replace(INVISIBLE, '')
}

/**
 * Text for a multi-line field (note text, descriptions, check-in notes, retro answers): every
 * line break becomes `\n`, tabs stay, other controls and invisible characters are dropped.
 *
 * @example
 * sanitizeMultiline('one\r\ntwo\u0007') // 'one\ntwo'
 */
export function sanitizeMultiline(text: string): string {
  return text.replace(LINE_BREAK, '\n').replace(INVISIBLE, '')
}

/**
 * The board's title has one home, the document's meta (set by the server on create, renamed
 * with `setBoardTitle`). This device's cached copy only fills the gap until the document has
 * loaded, and follows the document afterwards so the home page lists boards by their names.
 */

/** As long as a title typed on the home page may be. */
export const MAX_BOARD_TITLE = 120
export const UNTITLED_BOARD = 'Untitled board'

/** A typed title on one line, trimmed and cut to MAX_BOARD_TITLE; '' when nothing is typed. */
export function cleanTitle(typed: string): string {
  return typed.replace(/\s+/g, ' ').trim().slice(0, MAX_BOARD_TITLE).trim()
}

export function shownTitle(docTitle: string, cachedTitle: string): string {
  return docTitle.trim() || cachedTitle.trim() || UNTITLED_BOARD
}

/**
 * What a rename commits: the typed title on one line, or null to leave the board as it was
 * (nothing typed, or nothing changed), so a stray click in and out writes nothing.
 */
export function renamedTitle(typed: string, current: string): string | null {
  const title = cleanTitle(typed)
  return title === '' || title === current.trim() ? null : title
}

/** The title this device should now remember, or null when its copy is current (or the doc has none yet). */
export function titleToCache(docTitle: string, cachedTitle: string): string | null {
  const title = docTitle.trim()
  return title !== '' && title !== cachedTitle ? title : null
}

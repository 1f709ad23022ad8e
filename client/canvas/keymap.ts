/**
 * Keyboard shortcuts of the canvas as data: one table drives both the key handler and the help
 * overlay, so the overlay cannot drift from what the keys do.
 */

export const CANVAS_ACTIONS = [
  'delete',
  'duplicate',
  'undo',
  'redo',
  'select-all',
  'deselect',
  'nudge-left',
  'nudge-right',
  'nudge-up',
  'nudge-down',
  'zoom-in',
  'zoom-out',
  'zoom-to-fit',
  'edit',
  'help',
  'new-note',
] as const
export type CanvasAction = (typeof CANVAS_ACTIONS)[number]

/** The part of a KeyboardEvent the resolver reads (plain data, so it is testable in Node). */
export interface KeyInput {
  readonly key: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly shiftKey: boolean
  readonly altKey: boolean
}

export interface Resolved {
  readonly action: CanvasAction
  /** Arrow nudges move 10× further with shift. */
  readonly step: number
}

/** Actions that change the document: a view-only user gets none of them. */
export const EDITING_ACTIONS: ReadonlySet<CanvasAction> = new Set([
  'delete',
  'duplicate',
  'undo',
  'redo',
  'nudge-left',
  'nudge-right',
  'nudge-up',
  'nudge-down',
  'edit',
  'new-note',
])

export function resolveShortcut(e: KeyInput): Resolved | null {
  // Cmd on macOS, Ctrl elsewhere: accept either so nobody needs to know the platform.
  const mod = e.ctrlKey || e.metaKey
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  const one = (action: CanvasAction): Resolved => ({ action, step: 1 })
  if (mod && !e.altKey) {
    if (key === 'z') return one(e.shiftKey ? 'redo' : 'undo')
    if (key === 'y') return one('redo')
    if (key === 'd') return one('duplicate')
    if (key === 'a') return one('select-all')
    if (key === '=' || key === '+') return one('zoom-in')
    if (key === '-') return one('zoom-out')
    if (key === '0') return one('zoom-to-fit')
    return null
  }
  if (e.altKey) return null
  const step = e.shiftKey ? 10 : 1
  switch (key) {
    case 'Delete':
    case 'Backspace':
      return one('delete')
    case 'Escape':
      return one('deselect')
    case 'ArrowLeft':
      return { action: 'nudge-left', step }
    case 'ArrowRight':
      return { action: 'nudge-right', step }
    case 'ArrowUp':
      return { action: 'nudge-up', step }
    case 'ArrowDown':
      return { action: 'nudge-down', step }
    case 'Enter':
      return one('edit')
    case '?':
      return one('help')
    case 'n':
      return one('new-note')
    case '+':
    case '=':
      return one('zoom-in')
    case '-':
      return one('zoom-out')
    case '!':
    case '1':
      // Shift+1 is FigJam's and Miro's zoom-to-fit; '!' is what shift+1 reports on US layouts.
      return e.shiftKey ? one('zoom-to-fit') : null
    default:
      return null
  }
}

/** The rows of the help overlay, in reading order. */
export const SHORTCUT_HELP: readonly (readonly [keys: string, what: string])[] = [
  ['Double-click empty space', 'New note'],
  ['N', 'New note at the centre of the view, in free space'],
  ['Double-click a note / Enter', 'Edit its text'],
  ['Drag empty space, Space + drag, two-finger scroll', 'Pan'],
  ['Ctrl/⌘ + wheel, pinch, + / −', 'Zoom around the pointer'],
  ['Shift + 1, Ctrl/⌘ + 0', 'Zoom to fit'],
  ['Click, Shift + click', 'Select, add to selection'],
  ['Shift + drag empty space', 'Marquee select'],
  ['Ctrl/⌘ + A, Esc', 'Select all, clear selection'],
  ['Arrow keys (Shift = ×10)', 'Nudge selection'],
  ['Delete / Backspace', 'Delete selection'],
  ['Ctrl/⌘ + D', 'Duplicate selection'],
  ['Ctrl/⌘ + Z, Ctrl/⌘ + Shift + Z', 'Undo, redo (your own changes)'],
  ['?', 'This help'],
]

/** The structural bit of an event target the typing check needs. */
export interface TargetLike {
  readonly tagName?: string
  readonly isContentEditable?: boolean
}

/** Shortcuts stay silent while the user types in any text field, ours or another panel's. */
export function isTypingTarget(target: TargetLike | null): boolean {
  if (!target) return false
  if (target.isContentEditable) return true
  const tag = target.tagName?.toUpperCase()
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT'
}

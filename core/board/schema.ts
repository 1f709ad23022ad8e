/**
 * The board document's layout: root type names, field names, defaults and typed accessors to
 * the shared Y types. docs/document-schema.md is the public description of the same contract.
 */
import * as Y from 'yjs'

/**
 * Bumped whenever the layout changes in a way `migrate` must repair. 2: objective descriptions,
 * check-in notes and initiative titles are Y.Text (they were plain strings in 1). 3: the
 * relay-written `sealed` root and `meta.anonymous` (docs/private-brainstorm.md); both read as
 * absent on older boards, so migrating from 2 only records the version.
 */
export const SCHEMA_VERSION = 3

export const ROOTS = [
  'meta',
  'notes',
  'groups',
  'votes',
  'objectives',
  'keyResults',
  'checkIns',
  'initiatives',
  // User id → { name, color } (core/board/members.ts); absent on older boards, read as none.
  'members',
  // Member id → { notes, dots } hidden in their private room (./sealed.ts); only the relay writes it.
  'sealed',
  // Member id → note id → emoji → true (./reactions.ts); absent on older boards, read as none.
  'reactions',
] as const
export type Root = (typeof ROOTS)[number]

/** The root collections that map an entity id to a Y.Map of its fields. */
export const ENTITY_ROOTS = [
  'notes',
  'groups',
  'objectives',
  'keyResults',
  'checkIns',
  'initiatives',
] as const
export type EntityRoot = (typeof ENTITY_ROOTS)[number]

/** Collections whose entities carry a collaborative `Y.Text` field, and that field's name. */
export const TEXT_FIELDS = {
  notes: 'text',
  groups: 'title',
  objectives: 'title',
  keyResults: 'title',
} as const
export type TextRoot = keyof typeof TEXT_FIELDS

/**
 * Every Y.Text field of each collection (schema 2): the titles above plus the free-text fields
 * people write together. `migrate` converts plain strings in these to Y.Text, create commands
 * write them as Y.Text, and `editText` edits any of them.
 */
export const TEXT_KEYS = {
  notes: ['text'],
  groups: ['title'],
  objectives: ['title', 'description'],
  keyResults: ['title'],
  checkIns: ['note'],
  initiatives: ['title'],
} as const satisfies Record<EntityRoot, readonly string[]>

/** Whether `key` is one of `name`'s Y.Text fields. */
export function isTextKey(name: EntityRoot, key: string): boolean {
  return (TEXT_KEYS[name] as readonly string[]).includes(key)
}

export const DEFAULT_VOTE_BUDGET = 5
export const MAX_VOTE_BUDGET = 100
export const DEFAULT_NOTE_COLOR = '#fde68a'
export const DEFAULT_GROUP_COLOR = '#e5e7eb'
export const DEFAULT_GROUP_SIZE = { w: 320, h: 240 } as const

/**
 * A sticky note's box in stage units. The document stores only a note's top-left corner, so
 * this is what "the frame a note was dropped in" and "a frame sized for its notes" are computed
 * from, the same on every peer and in core as on the canvas.
 */
export const NOTE_SIZE = { w: 160, h: 160 } as const
/** Margin between selected notes and the frame drawn around them ("frame selection"). */
export const FRAME_PADDING = 24
/** Gap between notes, and between notes and the frame's sides, when notes are tidied into a grid. */
export const GRID_GAP = 20
/** Room above the first row of a tidied grid for the frame's title. */
export const FRAME_TITLE_SPACE = 44

/** An entity's fields as stored: a Y.Map whose values are plain JSON or Y types. */
export type EntityMap = Y.Map<unknown>

/**
 * A root type, or null when another tool defined that name with a different Y type on this
 * Doc instance (Yjs throws then; a reader must not).
 */
function root<T>(get: () => T): T | null {
  try {
    return get()
  } catch (_error) {
    return null
  }
}

/**
 * The `meta` map, or null when the name is taken by another Y type on this Doc instance.
 *
 * @example
 * const meta = getMeta(doc)
 * meta?.get('phase') // 'brainstorm'
 */
export function getMeta(doc: Y.Doc): Y.Map<unknown> | null {
  return root(() => doc.getMap<unknown>('meta'))
}

/**
 * An entity collection (`notes`, `groups`, …) or null when its name is taken by another Y type.
 *
 * @example
 * getCollection(doc, 'notes')?.size // number of notes, including unrepaired ones
 */
export function getCollection(doc: Y.Doc, name: EntityRoot): Y.Map<unknown> | null {
  return root(() => doc.getMap<unknown>(name))
}

/**
 * The `votes` map: voterId → Y.Map<targetId, count>.
 *
 * @example
 * getVotes(doc)?.get('alice') // Y.Map of alice's dots
 */
export function getVotes(doc: Y.Doc): Y.Map<unknown> | null {
  return root(() => doc.getMap<unknown>('votes'))
}

/**
 * One entity's Y.Map, or null when it is missing or was written as plain JSON by another tool
 * (run `migrate` to turn those into Y.Maps).
 *
 * @example
 * getEntity(doc, 'notes', 'n1')?.get('x')
 */
export function getEntity(doc: Y.Doc, name: EntityRoot, id: string): EntityMap | null {
  const value = getCollection(doc, name)?.get(id)
  return value instanceof Y.Map ? (value as EntityMap) : null
}

/**
 * The shared Y.Text behind a text field (a title by default), for binding an inline editor.
 * Null when the entity is missing or the field is not (yet) a Y.Text.
 *
 * @example
 * const text = getText(doc, 'groups', 'g1')
 * getText(doc, 'objectives', 'o1', 'description')?.toString()
 */
export function getText(
  doc: Y.Doc,
  name: EntityRoot,
  id: string,
  field: string = TEXT_KEYS[name][0],
): Y.Text | null {
  if (!isTextKey(name, field)) return null
  const value = getEntity(doc, name, id)?.get(field)
  return value instanceof Y.Text ? value : null
}

/**
 * A sticky note's shared text, for binding an inline editor.
 *
 * @example
 * getNoteText(doc, 'n1')?.toString() // 'Grow weekly active teams'
 */
export function getNoteText(doc: Y.Doc, id: string): Y.Text | null {
  return getText(doc, 'notes', id)
}

/**
 * A group's shared title.
 *
 * @example
 * getGroupTitle(doc, 'g1')?.toString() // 'Activation'
 */
export function getGroupTitle(doc: Y.Doc, id: string): Y.Text | null {
  return getText(doc, 'groups', id)
}

/**
 * An objective's shared title.
 *
 * @example
 * getObjectiveTitle(doc, 'o1')?.toString()
 */
export function getObjectiveTitle(doc: Y.Doc, id: string): Y.Text | null {
  return getText(doc, 'objectives', id)
}

/**
 * A key result's shared title.
 *
 * @example
 * getKeyResultTitle(doc, 'kr1')?.toString()
 */
export function getKeyResultTitle(doc: Y.Doc, id: string): Y.Text | null {
  return getText(doc, 'keyResults', id)
}

/**
 * Every root type, e.g. for `new Y.UndoManager(boardRoots(doc), { trackedOrigins })`.
 * Roots taken by another Y type are left out.
 *
 * @example
 * const undo = new Y.UndoManager(boardRoots(doc), { trackedOrigins: new Set([origin]) })
 */
export function boardRoots(doc: Y.Doc): Y.Map<unknown>[] {
  return ROOTS.flatMap((name) => {
    const map = root(() => doc.getMap<unknown>(name))
    return map ? [map] : []
  })
}

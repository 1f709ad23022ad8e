/**
 * The typed error every board command throws on bad input, before it touches the document.
 * Commands are the one place in core that throws: a caller passed something it must not, and
 * the UI needs to say so. Readers and migration never throw.
 */

export const COMMAND_ERROR_CODES = [
  /** An argument is missing, mistyped or out of range. */
  'invalid-argument',
  /** The entity the command acts on does not exist (perhaps deleted by another peer). */
  'not-found',
  /** A create command was given an id that is already in use. */
  'already-exists',
  /** Casting would exceed the voter's remaining dots. */
  'vote-budget-exhausted',
  /** Only a facilitator may do this on the board now (core/board/permissions.ts). */
  'facilitator-only',
] as const
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number]

/**
 * A rejected command. `field` names the offending argument (dotted path) when there is one.
 *
 * @example
 * try { createNote(doc, { id: '' } as never, origin) } catch (e) {
 *   if (e instanceof BoardCommandError && e.code === 'invalid-argument') showError(e.message)
 * }
 */
export class BoardCommandError extends Error {
  readonly code: CommandErrorCode
  readonly field: string | null

  constructor(code: CommandErrorCode, message: string, field: string | null = null) {
    super(message)
    this.name = 'BoardCommandError'
    this.code = code
    this.field = field
  }
}

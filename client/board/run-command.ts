/**
 * Runs a core command on behalf of a component. Commands validate their arguments and throw a
 * typed error (e.g. no dots left); the person sees its message in the board's notice area
 * instead of an uncaught exception, and the document is untouched because the command threw
 * before its transaction.
 */
import { BoardCommandError } from '../../core/board/errors'

export interface CommandNotice {
  readonly message: string
}

export function runCommand<T>(host: EventTarget, command: () => T): T | undefined {
  try {
    return command()
  } catch (error) {
    const message =
      error instanceof BoardCommandError && error.code === 'vote-budget-exhausted'
        ? 'You have no dots left. Take one back to move it.'
        : error instanceof BoardCommandError && error.code === 'not-found'
          ? 'Someone else just removed that from the board.'
          : error instanceof Error
            ? error.message
            : String(error)
    host.dispatchEvent(
      new CustomEvent<CommandNotice>('sb-notice', {
        detail: { message },
        bubbles: true,
        composed: true,
      }),
    )
    return undefined
  }
}

declare global {
  interface HTMLElementEventMap {
    'sb-notice': CustomEvent<CommandNotice>
  }
}

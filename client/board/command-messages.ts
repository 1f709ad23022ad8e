/**
 * What a person reads when a command is refused. Commands validate their arguments and throw a
 * typed error before their transaction (so the document is untouched); the few codes a person
 * meets in normal use get a sentence, the rest show the command's own message.
 */
import { BoardCommandError } from '../../core/board/errors'

export function commandMessage(error: unknown): string {
  if (error instanceof BoardCommandError && error.code === 'vote-budget-exhausted') {
    return 'You have no dots left. Take one back to move it.'
  }
  if (error instanceof BoardCommandError && error.code === 'not-found') {
    return 'Someone else just removed that from the board.'
  }
  return error instanceof Error ? error.message : String(error)
}

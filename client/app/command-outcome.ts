/**
 * Whether a command went through. Most core commands return nothing, so `board.run` answers
 * `undefined` whether or not they were refused; a refusal always posts a new notice, which is
 * the one sign a caller can rely on (to stop a batch, or to keep what the person typed).
 */
import type { BoardCommand, BoardController } from '../board/board-controller'

export function ranCommand<A>(
  board: BoardController,
  command: BoardCommand<A, unknown>,
  args: A,
): boolean {
  const before = board.notice
  board.run(command, args)
  return board.notice === before
}

/** Whether a command that returns nothing was accepted (a refused one became the notice). */
import type { BoardCommand, BoardController } from '../board/board-controller'

export function accepted<A>(
  board: Pick<BoardController, 'run'>,
  command: BoardCommand<A, unknown>,
  args: A,
): boolean {
  const confirm: BoardCommand<A, true> = (doc, a, origin) => {
    command(doc, a, origin)
    return true
  }
  return board.run(confirm, args) === true
}

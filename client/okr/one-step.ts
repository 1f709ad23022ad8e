/**
 * Several named commands as one change: nested transactions join the outer one, so peers
 * receive a single update and the undo manager reverts the whole gesture at once (a reorder,
 * "make it an initiative"). Only core commands run inside; nothing touches the Y types here.
 */
import type { BoardSession } from '../context'
import { runCommand } from '../run-command'

export function inOneStep(host: EventTarget, session: BoardSession, commands: () => void): void {
  runCommand(host, () => session.doc.transact(commands, session.origin))
}

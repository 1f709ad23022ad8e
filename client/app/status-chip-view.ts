/** What the status chip shows for the board's connection: words, colour key and the unsent count. */
import type { ConnectionInfo, ConnectionStatus } from '../board/board-context'
import { describeConnection } from '../net/status-text'

export interface StatusChipView {
  readonly label: string
  /** The tooltip, also the count's accessible name. */
  readonly detail: string
  readonly status: ConnectionStatus
  /** The relay said it cannot save: the dot turns red even while connected. */
  readonly storage: 'ok' | 'failing'
  readonly pending: number
  /** The count shows only while something is unconfirmed. */
  readonly showCount: boolean
}

export function statusChipView(info: ConnectionInfo): StatusChipView {
  const { label, detail } = describeConnection(info)
  return {
    label,
    detail,
    status: info.status,
    storage: info.serverStorage?.saved === false ? 'failing' : 'ok',
    pending: info.pending,
    showCount: info.pending > 0,
  }
}

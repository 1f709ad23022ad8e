/** What the status chip says about the connection, in words a person understands. */
import type { ConnectionInfo } from '../board/board-context'

/** The relay's close code for a change the link's role may not make (server/relay/update-gate.ts). */
export const ROLE_REFUSED_CLOSE = 4403

/**
 * What the chip says after the server closed the socket for good (44xx): its reason, and for a
 * role refusal what became of the change, since the app goes on showing it on this device.
 *
 * @example
 * refusalText(4403, 'Only a facilitator can change the phase (meta.phase)')
 */
export function refusalText(code: number, reason: string): string {
  if (code === ROLE_REFUSED_CLOSE) {
    const why = reason !== '' ? reason : 'This link may not make that change'
    return `${why}. The board refused this change: it is on this device only; ask a facilitator.`
  }
  return reason !== '' ? reason : `The server closed the connection (${code}).`
}

export function describeConnection(info: ConnectionInfo): { label: string; detail: string } {
  if (info.refused !== null) return { label: 'Disconnected', detail: info.refused }
  const changes = info.pending === 1 ? '1 change' : `${info.pending} changes`
  const storage = info.serverStorage
  if (info.status !== 'offline' && storage !== undefined && !storage.saved) {
    const held = storage.unsaved === 1 ? '1 change' : `${storage.unsaved} changes`
    return {
      label: 'Not saved',
      detail:
        `The server cannot save right now and holds ${held} in memory; it keeps retrying, ` +
        'and this device keeps your changes',
    }
  }
  switch (info.status) {
    case 'offline':
      return {
        label: 'Offline',
        detail:
          info.pending > 0
            ? `${changes} saved on this device, not yet on the server`
            : 'Working from this device; changes sync when you are back online',
      }
    case 'syncing':
      return {
        label: 'Syncing',
        detail: info.pending > 0 ? `${changes} not yet confirmed` : 'Catching up with the server',
      }
    case 'online':
      return { label: 'Online', detail: 'All changes saved to the server' }
  }
}

/** What the status chip says about the connection, in words a person understands. */
import type { ConnectionInfo } from '../board/board-context'

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

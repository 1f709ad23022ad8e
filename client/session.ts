/**
 * Opens a board on this device: the Y.Doc, its data paths, presence and the per-user undo
 * manager, bundled as the `BoardSession` that components receive through context.
 */
import * as Y from 'yjs'
import { ROOTS } from '../core/board/schema'
import { migrate } from '../core/board/migrate'
import type { BoardSession, Identity, PresenceState, Role } from './context'
import { BoardConnection } from './net/board-connection'

export interface OpenBoardOptions {
  readonly boardId: string
  readonly token: string
  readonly role: Role
  readonly identity: Identity
  readonly wsOrigin: string
  readonly online: boolean
  readonly initialPending: number
  readonly onPendingChange: (pending: number) => void
}

export interface OpenBoard {
  readonly session: BoardSession
  readonly connection: BoardConnection
  destroy(): void
}

/** Not the session origin: a schema repair is nobody's edit and must not be undoable. */
const MIGRATION_ORIGIN = 'stretchboard:migration'

export function openBoard(options: OpenBoardOptions): OpenBoard {
  const doc = new Y.Doc()
  const connection = new BoardConnection({ ...options, doc })
  const awareness = connection.provider.awareness
  // Commands carry this object as their transaction origin; remote and IndexedDB updates never
  // do, so undo reverts only what this tab did.
  const origin = { local: options.identity.id }
  const undoManager = new Y.UndoManager(
    ROOTS.map((name) => doc.getMap(name)),
    { trackedOrigins: new Set([origin]), captureTimeout: 400 },
  )
  if (options.role === 'edit') {
    // Repair an old or hand-edited board once the server's copy is here: migrating before
    // that would "repair" a board that has simply not arrived yet.
    const onSync = (synced: boolean) => {
      if (!synced) return
      connection.provider.off('sync', onSync)
      migrate(doc, MIGRATION_ORIGIN)
    }
    connection.provider.on('sync', onSync)
  }
  const presence: PresenceState = { user: options.identity, cursor: null, selection: [] }
  awareness.setLocalState(presence)
  const session: BoardSession = {
    boardId: options.boardId,
    doc,
    awareness,
    undoManager,
    identity: options.identity,
    role: options.role,
    origin,
  }
  return {
    session,
    connection,
    destroy() {
      awareness.setLocalState(null)
      undoManager.destroy()
      connection.destroy()
      doc.destroy()
    },
  }
}

/** Publishes a renamed identity to everyone on the board without touching cursor or selection. */
export function publishIdentity(session: BoardSession, identity: Identity): void {
  session.awareness.setLocalStateField('user', identity)
}

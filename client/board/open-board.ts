/**
 * Opens a board on this device: the Y.Doc, its data paths, presence and the per-user undo
 * manager, bundled as the `BoardSession` that components receive through context.
 */
import * as Y from 'yjs'
import { ROOTS } from '../../core/board/schema'
import { migrate } from '../../core/board/migrate'
import { pruneDeepTypes } from '../../core/sync/index'
import type { BoardSession, Identity, PresenceState, Role } from './board-context'
import { BoardConnection } from '../net/board-connection'
import { compactDeviceCopy, guardDoc } from '../net/doc-recovery'
import type { EpochMs } from '../../core/okr/okr-model'
import { BoardController } from './board-controller'
import { keepMembership } from './membership'
import { seedBoardTimeframe } from './board-defaults'
import { PrivateRoom } from '../net/private-room'
import { CombinedStatus } from '../net/combined-status'
import type { ConnectionSource } from './board-context'
import type { PersonalKey } from '../device/personal-key'

export interface OpenBoardOptions {
  readonly boardId: string
  readonly token: string
  readonly role: Role
  readonly identity: Identity
  readonly wsOrigin: string
  readonly online: boolean
  readonly initialPending: number
  readonly onPendingChange: (pending: number) => void
  /**
   * Called once if the doc becomes unsafe (net/doc-recovery.ts); the caller reopens the board
   * from `loadDeviceCopy` and passes that doc back in as `recovered`.
   */
  readonly onDamaged: (reason: string) => void
  /** A doc already loaded from this device's copy and pruned, when reopening after damage. */
  readonly recovered?: Y.Doc | undefined
  /** The wall clock the board's derived figures use (client/device/clock.ts). */
  readonly now: () => EpochMs
  /**
   * This device's personal key for the board (client/device/personal-key.ts): with it, hidden
   * notes and sealed dots go to the private room. Null on a view link.
   */
  readonly personalKey?: PersonalKey | null
}

export interface OpenBoard {
  /** The seam the views use; connected, and disconnected again by `destroy`. */
  readonly board: BoardController
  readonly connection: BoardConnection
  /** This person's private room, when the link may write (docs/private-brainstorm.md). */
  readonly privateRoom: PrivateRoom | null
  /** What the status chip shows: the connection, counting the private room's unsent changes. */
  readonly status: ConnectionSource
  destroy(): void
}

/** Not the session origin: a schema repair is nobody's edit and must not be undoable. */
const MIGRATION_ORIGIN = 'stretchboard:migration'

export function openBoard(options: OpenBoardOptions): OpenBoard {
  const doc = options.recovered ?? new Y.Doc()
  const connection = new BoardConnection({ ...options, member: options.identity.id, doc })
  const unguard = guardDoc(doc, connection.provider, options.onDamaged)
  // The recovered doc was pruned before y-indexeddb saw it: its stored history still replays
  // the deep chain, which one snapshot replaces.
  if (options.recovered !== undefined) compactDeviceCopy(connection.persistence)
  // Before anyone can touch it (migrate waits for the server, which may never answer): a deep
  // chain in this device's copy overflows the stack as soon as a command or a peer deletes it.
  connection.persistence.once('synced', () => {
    if (pruneDeepTypes(doc, MIGRATION_ORIGIN) > 0) compactDeviceCopy(connection.persistence)
  })
  const awareness = connection.provider.awareness
  // Commands carry this object as their transaction origin; remote and IndexedDB updates never
  // do, so undo reverts only what this tab did.
  const origin = { local: options.identity.id }
  const undoManager = new Y.UndoManager(
    ROOTS.map((name) => doc.getMap(name)),
    { trackedOrigins: new Set([origin]), captureTimeout: 400 },
  )
  if (options.role !== 'view') {
    // Repair an old or hand-edited board once the server's copy is here: migrating before
    // that would "repair" a board that has simply not arrived yet.
    const onSync = (synced: boolean) => {
      if (!synced) return
      connection.provider.off('sync', onSync)
      if (migrate(doc, MIGRATION_ORIGIN).pruned > 0) compactDeviceCopy(connection.persistence)
      // The facilitator's alone: a participant's concurrent seed would be refused by the relay.
      if (options.role === 'facilitate') seedBoardTimeframe(doc, options.now(), MIGRATION_ORIGIN)
    }
    connection.provider.on('sync', onSync)
  }
  const presence: PresenceState = { user: options.identity, cursor: null, selection: [] }
  awareness.setLocalState(presence)
  // Everyone who opens the board with an edit link is a member; a rename updates the entry.
  const stopMembership =
    options.role !== 'view'
      ? keepMembership(doc, options.identity.id, awareness, connection.provider)
      : () => undefined
  const session: BoardSession = {
    boardId: options.boardId,
    doc,
    awareness,
    undoManager,
    identity: options.identity,
    role: options.role,
    origin,
  }
  const board = new BoardController(session, { now: options.now })
  const privateRoom = openPrivateRoom(options)
  // Before connect: the first snapshot and scene already hold this person's hidden notes.
  if (privateRoom !== null) board.attachPrivate(privateRoom)
  // A refused room (a key bound to another member, say) keeps hidden notes on this device only.
  const onPrivateRefused = () => {
    if (privateRoom?.refused)
      board.notify(`Your hidden notes are not syncing: ${privateRoom.refused}`)
  }
  privateRoom?.addEventListener('change', onPrivateRefused)
  const status = privateRoom === null ? null : new CombinedStatus(connection, privateRoom)
  board.connect()
  return {
    board,
    connection,
    privateRoom,
    status: status ?? connection,
    destroy() {
      status?.destroy()
      board.disconnect()
      privateRoom?.removeEventListener('change', onPrivateRefused)
      privateRoom?.destroy()
      unguard()
      stopMembership()
      awareness.setLocalState(null)
      board.undoSteps.destroy()
      undoManager.destroy()
      connection.destroy()
      doc.destroy()
    },
  }
}

function openPrivateRoom(options: OpenBoardOptions): PrivateRoom | null {
  const key = options.personalKey ?? null
  if (options.role === 'view' || key === null) return null
  return new PrivateRoom({
    boardId: options.boardId,
    token: options.token,
    key: key.key,
    member: key.member,
    wsOrigin: options.wsOrigin,
    online: options.online,
  })
}

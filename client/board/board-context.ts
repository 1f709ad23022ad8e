/**
 * The board's context keys and the shapes behind them. The board page provides one
 * `BoardController` per open board (client/board/open-board.ts builds it around the
 * `BoardSession`) and the connection; views consume the controller, never the session.
 */
import { createContext } from '@lit/context'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { BoardController } from './board-controller'

/** What the board link grants; 'facilitate' can do all 'edit' can, plus the facilitator-only actions. */
export type Role = 'facilitate' | 'edit' | 'view'

/**
 * Whether a link may run the room (phase, reveals, budget, timer, settings, conversion, carry
 * forward, links). The relay refuses those changes from any other role, so views offer them
 * only when this is true (docs/roles.md).
 */
export function canFacilitate(board: { readonly role: Role }): boolean {
  return board.role === 'facilitate'
}

export function isRole(value: unknown): value is Role {
  return value === 'facilitate' || value === 'edit' || value === 'view'
}

/** Who is using this tab: kept locally, shown to others through awareness. */
export interface Identity {
  readonly id: string
  readonly name: string
  readonly color: string
}

/** What each peer publishes in awareness (presence scope: never in the document). */
export interface PresenceState {
  readonly user: Identity
  /** Cursor in stage (board) coordinates, or null when the pointer is off the board. */
  readonly cursor: { readonly x: number; readonly y: number } | null
  readonly selection: readonly string[]
}

export type ConnectionStatus = 'online' | 'offline' | 'syncing'

export interface BoardSession {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly undoManager: Y.UndoManager
  readonly identity: Identity
  readonly role: Role
  /** The origin of every local command; the undo manager tracks only this origin. */
  readonly origin: object
}

/** The seam every view uses (client/board/board-controller.ts). */
export const boardControllerContext = createContext<BoardController>(Symbol('board-controller'))

/**
 * The board's connection as the status chip sees it (client/net/board-connection.ts implements
 * it). Kept apart from `BoardSession`: only the shell cares about transport.
 */
export interface ConnectionInfo {
  readonly status: ConnectionStatus
  /** Local changes the server has not confirmed yet (see docs/client.md). */
  readonly pending: number
  readonly localLoaded: boolean
  readonly serverSynced: boolean
  readonly refused: string | null
  /** The refusal was of a change this link's role may not make (close 4403). */
  readonly roleRefused?: boolean
  /** The relay's storage status (message 100); absent = nothing said, which means fine. */
  readonly serverStorage?: { readonly saved: boolean; readonly unsaved: number }
}

/** Dispatches `change` whenever `snapshot` may differ. */
export interface ConnectionSource extends EventTarget {
  readonly snapshot: ConnectionInfo
  /** Drops this device's unsent changes (after a role refusal); the page then reloads. */
  discardUnsent?(): Promise<void>
}

export const boardConnectionContext = createContext<ConnectionSource>(Symbol('board-connection'))

/**
 * One open board's data paths: IndexedDB first (a known board renders before any network), the
 * stock y-websocket provider to the relay, and the unconfirmed-changes counter. It exposes one
 * observable snapshot for the status chip; nothing here knows about components.
 */
import type * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import type { ConnectionInfo, ConnectionSource, ConnectionStatus } from '../board/board-context'
import { deviceCopyName } from './doc-recovery'
import { PendingChanges } from './pending-changes'
import { STORAGE_OK, watchStorageStatus, type ServerStorage } from './storage-status'
import { refusalText, ROLE_REFUSED_CLOSE } from './status-text'

export type ConnectionSnapshot = ConnectionInfo

export interface BoardConnectionOptions {
  readonly boardId: string
  readonly token: string
  /**
   * This device's member id, sent as `?member=`: the relay lets a participant delete only
   * their own notes during the brainstorm and the vote (core/board/permissions.ts).
   */
  readonly member?: string | undefined
  readonly doc: Y.Doc
  /** `ws://host` or `wss://host`; the board id is appended as `/ws/<boardId>`. */
  readonly wsOrigin: string
  readonly initialPending: number
  readonly onPendingChange: (pending: number) => void
  /** Whether the browser believes it has a network; the provider waits for `online` if not. */
  readonly online: boolean
}

export class BoardConnection extends EventTarget implements ConnectionSource {
  readonly provider: WebsocketProvider
  readonly persistence: IndexeddbPersistence
  readonly #pending: PendingChanges
  #localLoaded = false
  #serverSynced = false
  #refused: string | null = null
  /** The relay refused a change this link may not make (4403): the way out is to drop it. */
  #roleRefused = false
  readonly #onPendingChange: (pending: number) => void
  #browserOnline: boolean
  /** What the relay last said about storing this board (message 100); fine until it says not. */
  #serverStorage: ServerStorage = STORAGE_OK
  readonly #unwatchStorage: () => void

  constructor(options: BoardConnectionOptions) {
    super()
    this.#browserOnline = options.online
    this.#onPendingChange = options.onPendingChange
    // One IndexedDB database per board, named like the relay's room.
    this.persistence = new IndexeddbPersistence(deviceCopyName(options.boardId), options.doc)
    this.persistence.on('synced', () => {
      this.#localLoaded = true
      this.#changed()
    })
    this.provider = new WebsocketProvider(`${options.wsOrigin}/ws`, options.boardId, options.doc, {
      params:
        options.member !== undefined
          ? { token: options.token, member: options.member }
          : { token: options.token },
      connect: options.online,
      // Two tabs of one browser share IndexedDB; BroadcastChannel keeps them in step offline.
      disableBc: false,
    })
    this.#pending = new PendingChanges(options.doc, this.provider, {
      initial: options.initialPending,
      onChange: (pending) => {
        options.onPendingChange(pending)
        this.#changed()
      },
    })
    this.#unwatchStorage = watchStorageStatus(this.provider, (storage) => {
      this.#serverStorage = storage
      this.#changed()
    })
    this.provider.on('status', ({ status }: { status: string }) => {
      // A new connection starts from "fine": the relay says so at join if it is not.
      if (status !== 'connected') this.#serverStorage = STORAGE_OK
      this.#changed()
    })
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.#serverSynced = true
      this.#changed()
    })
    this.provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      this.#refused = refusalText(code, reason)
      this.#roleRefused = code === ROLE_REFUSED_CLOSE
      this.#changed()
    })
  }

  get snapshot(): ConnectionSnapshot {
    const connected = this.provider.wsconnected
    const pending = this.#pending.count
    const status: ConnectionStatus = !connected
      ? 'offline'
      : !this.provider.synced || pending > 0
        ? 'syncing'
        : 'online'
    return {
      status,
      pending,
      localLoaded: this.#localLoaded,
      serverSynced: this.#serverSynced,
      refused: this.#refused,
      roleRefused: this.#roleRefused,
      serverStorage: this.#serverStorage,
    }
  }

  /**
   * Drops this device's copy of the board, with the refused change and anything else not yet
   * on the server, so the next load starts from the server's board. The relay refuses the
   * change on every reconnect, so without this the device could never sync again; the caller
   * reloads the page. Hidden notes live in the private room's own database and stay.
   */
  async discardUnsent(): Promise<void> {
    this.#unwatchStorage()
    this.#pending.destroy()
    this.provider.destroy()
    await this.persistence.clearData()
    this.#onPendingChange(0)
  }

  /** Follows the browser's own network signal so an offline device stops retrying at once. */
  setBrowserOnline(online: boolean): void {
    if (online === this.#browserOnline) return
    this.#browserOnline = online
    if (online && this.#refused === null) this.provider.connect()
    if (!online) this.provider.disconnect()
    this.#changed()
  }

  destroy(): void {
    this.#unwatchStorage()
    this.#pending.destroy()
    this.provider.destroy()
    void this.persistence.destroy()
  }

  readonly #changed = (): void => {
    this.dispatchEvent(new Event('change'))
  }
}

/**
 * This person's private room for one board (docs/private-brainstorm.md): a Y.Doc of its own
 * holding their hidden notes (`notes`) and unrevealed dots (`votes`), synced by the stock
 * y-websocket provider with room `<boardId>/private` and kept on this device in an IndexedDB
 * database of its own, so it opens offline and never mixes with the shared board's copy.
 * Nothing in it reaches anyone but the relay, which publishes it at the reveal.
 */
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { deviceCopyName } from './doc-recovery'
import { personalLink } from '../device/personal-key'
import { PendingChanges } from './pending-changes'

export interface PrivateRoomOptions {
  readonly boardId: string
  /** The edit or facilitate token: view links have no private room. */
  readonly token: string
  readonly key: string
  readonly member: string
  /** `ws://host` or `wss://host`. */
  readonly wsOrigin: string
  readonly online: boolean
}

/** The IndexedDB database of a board's private room on this device. */
export function privateCopyName(boardId: string): string {
  return `${deviceCopyName(boardId)}~private`
}

export class PrivateRoom extends EventTarget {
  readonly doc = new Y.Doc()
  readonly member: string
  /** The personal link ("Use on another device"): the board link plus the key and member. */
  readonly link: string
  readonly provider: WebsocketProvider
  readonly persistence: IndexeddbPersistence
  #refused: string | null = null
  readonly #pending: PendingChanges
  #online: boolean

  constructor(options: PrivateRoomOptions) {
    super()
    this.member = options.member
    this.link = personalLink(
      options.wsOrigin.replace(/^ws/, 'http'),
      options.boardId,
      options.token,
      { key: options.key, member: options.member },
    )
    this.#online = options.online
    this.persistence = new IndexeddbPersistence(privateCopyName(options.boardId), this.doc)
    this.provider = new WebsocketProvider(
      `${options.wsOrigin}/ws`,
      `${options.boardId}/private`,
      this.doc,
      {
        params: { token: options.token, key: options.key, member: options.member },
        connect: options.online,
        // Tabs of one browser share the IndexedDB copy; the channel keeps them in step offline.
        disableBc: false,
      },
    )
    this.#pending = new PendingChanges(this.doc, this.provider, {
      onChange: () => this.dispatchEvent(new Event('change')),
    })
    this.provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      this.#refused =
        reason !== '' ? reason : `The server closed your private notes' connection (${code}).`
      this.dispatchEvent(new Event('change'))
    })
  }

  /** Changes to hidden notes and dots the relay has not confirmed yet (since this page load). */
  get pending(): number {
    return this.#pending.count
  }

  /** Why the relay refused the room, or null. */
  get refused(): string | null {
    return this.#refused
  }

  setBrowserOnline(online: boolean): void {
    if (online === this.#online) return
    this.#online = online
    if (online && this.#refused === null) this.provider.connect()
    if (!online) this.provider.disconnect()
  }

  destroy(): void {
    this.#pending.destroy()
    this.provider.destroy()
    void this.persistence.destroy()
    this.doc.destroy()
  }
}

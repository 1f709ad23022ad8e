/**
 * The board's title has one home: the document (`meta.title`, set by core's `setBoardTitle`).
 * The store keeps a copy only so `GET /api/boards/:id` and the home page can name a board
 * without loading it; this module keeps that copy in step with the document.
 *
 * - A write follows the update that changed the title, once that update is durable (a barrier
 *   in the room's durable queue), so the store never names a title its document lacks.
 * - Coalesced: at most one write per board is waiting or running; changes meanwhile are
 *   written once it ends, with whatever title was current when they were made.
 * - A failed write is logged and retried on the board's next change; it never blocks or fails
 *   the room, which keeps serving from the document.
 * - A title changed on another relay node is stored by that node (cluster/fanout.ts).
 */
import type * as Y from 'yjs'
import { readMeta } from '../../core/board/read'
import { getMeta } from '../../core/board/schema'
import { sanitizeLine } from '../../core/text/sanitize'
import type { Logger } from '../log'
import type { BoardStore } from '../storage/store'

/** What `setBoardTitle` accepts; a longer title can only come from a client bypassing it. */
export const MAX_BOARD_TITLE_CHARS = 500

/**
 * The title the store should hold for a document: readMeta's repair, then the same cleaning
 * `setBoardTitle` does, cut to its length. Null when the document names no title: the client
 * then shows the stored one (sb-board-view.ts), so the store keeps it.
 */
export function storedTitleOf(doc: Y.Doc): string | null {
  const title = sanitizeLine(readMeta(doc).title).trim().slice(0, MAX_BOARD_TITLE_CHARS).trim()
  return title === '' ? null : title
}

export interface BoardTitleOptions {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly store: BoardStore
  readonly log: Logger
  /** Calls `reached(true)` once everything the doc emitted so far is durable. */
  readonly afterDurable: (reached: (durable: boolean) => void) => void
}

export class BoardTitle {
  /** The document's title when last looked at. */
  #seen: string | null
  /** The meta map changed since the last look (set by its deep observer). */
  #metaChanged = false
  /** A change this node made (or a failed write) is not in the store yet. */
  #unsaved = false
  /** A write is waiting for durability or running. */
  #pending = false
  #stopped = false
  readonly #meta: Y.Map<unknown> | null

  constructor(private readonly options: BoardTitleOptions) {
    this.#seen = storedTitleOf(options.doc)
    this.#meta = getMeta(options.doc)
    this.#meta?.observeDeep(this.#onMetaChange)
  }

  /**
   * Compares the loaded document's title with the stored one and stores the document's if
   * they differ (a rename whose write was lost, a board restored from a snapshot).
   */
  checkStored(): void {
    const { store, boardId, log } = this.options
    if (this.#seen === null) return
    store.getBoard(boardId).then(
      (record) => {
        if (record === null || record.title === this.#seen) return
        this.#unsaved = true
        this.#schedule()
      },
      (error: unknown) => {
        log.warn({ err: error }, 'could not read the stored title; will compare on next change')
        this.#unsaved = true
      },
    )
  }

  /**
   * After each update the doc emitted, once the room has queued it for storage. `remote`: it
   * came from another node, which stores its own title changes.
   */
  updated(remote: boolean): void {
    if (this.#stopped) return
    if (this.#metaChanged) {
      this.#metaChanged = false
      const title = storedTitleOf(this.options.doc)
      if (title !== this.#seen) {
        this.#seen = title
        if (!remote && title !== null) this.#unsaved = true
      }
    }
    if (this.#unsaved) this.#schedule()
  }

  /** No writes are started after this (the room is being destroyed). */
  stop(): void {
    this.#stopped = true
    this.#meta?.unobserveDeep(this.#onMetaChange)
  }

  readonly #onMetaChange = () => {
    this.#metaChanged = true
  }

  #schedule(): void {
    if (this.#pending || this.#stopped || this.#seen === null) return
    this.#pending = true
    // Captured now: the barrier follows the update that set it.
    const title = this.#seen
    this.options.afterDurable((durable) => {
      if (!durable || this.#stopped) {
        this.#pending = false
        return
      }
      this.#unsaved = false
      void this.#write(title)
    })
  }

  async #write(title: string): Promise<void> {
    const { store, boardId, log } = this.options
    let failed = false
    try {
      await store.setTitle(boardId, title)
    } catch (error) {
      failed = true
      this.#unsaved = true
      log.warn({ err: error }, 'could not store the board title; will retry on next change')
    } finally {
      this.#pending = false
    }
    // Renamed again while this one was waiting: store that too (a failure waits for a change).
    if (!failed && this.#seen !== title && this.#seen !== null) {
      this.#unsaved = true
      this.#schedule()
    }
  }
}

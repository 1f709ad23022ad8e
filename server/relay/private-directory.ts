/**
 * Which private rooms a board has, and the member each is bound to (docs/private-brainstorm.md
 * "Private rooms"). A private room is stored like a board under `<boardId>~p~<hash>`, where
 * the hash is the first 32 hex digits of sha256(personal key): the key itself is never stored.
 * The board's list of rooms is a small Yjs doc of its own, `<boardId>~p`, written only here
 * (room hash → member id), so a reveal can find the rooms of authors who are offline.
 *
 * Neither id matches a board id (auth.ts BOARD_ID_PATTERN has no `~`), so no token opens them
 * and no HTTP route (snapshot, export, backup) ever serves them.
 */
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import { BoardExistsError } from '../storage/errors'
import type { BoardStore } from '../storage/store'

/** A personal key: 32 random bytes as base64url without padding, like a board token. */
export const PERSONAL_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/

/**
 * Private rooms one board may have: far more than people in a room, few enough that a link
 * holder opening sockets with fresh keys cannot grow the store (or a reveal's work) without end.
 */
export const MAX_PRIVATE_ROOMS = 500

/** Why a key opens no room: bound to another member, or the board has all the rooms it may. */
export type BindRefusal = 'taken' | 'full'

/** A bound private room: its store id and its member. */
export interface PrivateEntry {
  readonly roomId: string
  readonly member: string
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The store id of the private room a personal key opens on a board. */
export function privateRoomId(boardId: string, key: string): string {
  return `${boardId}~p~${sha256Hex(key).slice(0, 32)}`
}

/** The store id of a board's list of private rooms. */
export function directoryId(boardId: string): string {
  return `${boardId}~p`
}

/** A hash no token ever matches (tokens.ts compares only well-formed SHA-256 hex). */
const NO_TOKEN = '-'

export class PrivateDirectory {
  /** One bind or list at a time per board, so two first connections cannot both bind a key. */
  readonly #chains = new Map<string, Promise<unknown>>()

  constructor(
    private readonly store: BoardStore,
    private readonly now: () => number,
  ) {}

  /**
   * The room `key` opens on the board, bound to `member` by its first connection; 'taken' when
   * the key is bound to another member, 'full' when a new room would pass MAX_PRIVATE_ROOMS.
   */
  bind(
    boardId: string,
    key: string,
    member: string,
    maxRooms = MAX_PRIVATE_ROOMS,
  ): Promise<PrivateEntry | BindRefusal> {
    return this.#serial(boardId, async () => {
      const roomId = privateRoomId(boardId, key)
      const hash = roomId.slice(roomId.lastIndexOf('~') + 1)
      const doc = await this.#read(boardId)
      const rooms = doc.getMap<unknown>('rooms')
      const bound = rooms.get(hash)
      if (typeof bound === 'string') return bound === member ? { roomId, member } : 'taken'
      if (rooms.size >= maxRooms) return 'full'
      // The room's record first: a directory entry must never name a room that cannot store.
      await this.#ensureRecord(roomId, sha256Hex(key))
      let update: Uint8Array | null = null
      const capture = (bytes: Uint8Array) => (update = bytes)
      doc.once('update', capture)
      rooms.set(hash, member)
      doc.off('update', capture)
      await this.#ensureRecord(directoryId(boardId), NO_TOKEN)
      if (update !== null) await this.store.appendUpdate(directoryId(boardId), update)
      return { roomId, member }
    })
  }

  /** Every private room of the board with its member, as stored. */
  list(boardId: string): Promise<PrivateEntry[]> {
    return this.#serial(boardId, async () => {
      const doc = await this.#read(boardId)
      const out: PrivateEntry[] = []
      for (const [hash, member] of doc.getMap<unknown>('rooms').entries()) {
        if (typeof member === 'string') out.push({ roomId: `${boardId}~p~${hash}`, member })
      }
      return out
    })
  }

  /** Read afresh each time: another relay node may have bound a room since. */
  async #read(boardId: string): Promise<Y.Doc> {
    const stored = await this.store.loadDoc(directoryId(boardId))
    const doc = new Y.Doc()
    if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return doc
  }

  async #ensureRecord(id: string, keyHash: string): Promise<void> {
    if ((await this.store.getBoard(id)) !== null) return
    try {
      await this.store.createBoard({
        id,
        title: '',
        createdAt: this.now(),
        editTokenHash: keyHash,
        viewTokenHash: NO_TOKEN,
      })
    } catch (error) {
      // Another node created it meanwhile: the same record for our purpose.
      if (!(error instanceof BoardExistsError)) throw error
    }
  }

  #serial<T>(boardId: string, job: () => Promise<T>): Promise<T> {
    const before = this.#chains.get(boardId) ?? Promise.resolve()
    const run = before.then(job, job)
    const settled = run.then(
      () => undefined,
      () => undefined,
    )
    this.#chains.set(boardId, settled)
    void settled.then(() => {
      if (this.#chains.get(boardId) === settled) this.#chains.delete(boardId)
    })
    return run
  }
}

/**
 * Which boards are in memory. A board is loaded by its first user (a socket or a REST call
 * holding a lease) and unloaded after its last user leaves and its queue is flushed; a board
 * whose storage is failing therefore stays loaded until the retry succeeds.
 *
 * A room that became unsafe (an update threw inside Yjs, room.ts) is retired at once: the
 * next user gets a fresh room loaded from storage, once the retired room's queue has stored
 * what its doc emitted before the throw.
 */
import type { StoredReply } from './load-board'
import { Room, type RoomOptions } from './room'

interface Entry {
  users: number
  readonly loading: Promise<Room>
  room: Room | null
  /** The reply for first-time joiners (load-board.ts), once the rows are read, until loaded. */
  storedState: StoredReply | null
  readonly storedStateListeners: Set<(reply: StoredReply) => void>
}

export class Rooms {
  readonly #entries = new Map<string, Entry>()
  /** Unsafe rooms still storing what they emitted; a new load of the board waits for it. */
  readonly #retiring = new Map<string, Promise<void>>()
  readonly #options: RoomOptions
  /** Told of each room once loaded, before anyone uses it (private-rooms.ts watches reveals). */
  readonly #onLoaded: ((room: Room) => void) | undefined

  constructor(options: RoomOptions, onLoaded?: (room: Room) => void) {
    this.#options = { ...options, onUnsafe: (room) => this.#retire(room.boardId) }
    this.#onLoaded = onLoaded
  }

  /** Number of boards loaded or loading. */
  get size(): number {
    return this.#entries.size
  }

  /** The loaded room for a board, if it is in memory (never loads). */
  get(boardId: string): Room | null {
    return this.#entries.get(boardId)?.room ?? null
  }

  loaded(): Room[] {
    const rooms: Room[] = []
    for (const entry of this.#entries.values()) if (entry.room) rooms.push(entry.room)
    return rooms
  }

  /** Loads the board if needed and counts the caller as a user until `release`. */
  async acquire(boardId: string): Promise<Room> {
    let entry = this.#entries.get(boardId)
    if (entry === undefined) {
      const listeners = new Set<(reply: StoredReply) => void>()
      const created: Entry = {
        users: 0,
        room: null,
        storedState: null,
        storedStateListeners: listeners,
        loading: this.#load(boardId, (reply) => {
          created.storedState = reply
          for (const listener of listeners) listener(reply)
        }),
      }
      const settled = () => {
        created.storedState = null
        listeners.clear()
      }
      created.loading.then(
        (room) => {
          created.room = room
          settled()
        },
        () => {
          settled()
          if (this.#entries.get(boardId) === created) this.#entries.delete(boardId)
        },
      )
      this.#entries.set(boardId, created)
      entry = created
    }
    entry.users++
    try {
      return await entry.loading
    } catch (error) {
      entry.users--
      throw error
    }
  }

  /**
   * Calls `listener` with the stored state of a board that is still loading, as soon as it is
   * known (at once if it already is). Listeners are dropped once the load settles.
   */
  onStoredState(boardId: string, listener: (reply: StoredReply) => void): void {
    const entry = this.#entries.get(boardId)
    if (entry === undefined || entry.room !== null) return
    if (entry.storedState !== null) listener(entry.storedState)
    // A listener whose socket closed before the load ends ignores the offer.
    entry.storedStateListeners.add(listener)
  }

  /** Loaded boards whose doc no longer matches storage (Room.consistent). */
  inconsistent(): Room[] {
    return this.loaded().filter((room) => !room.consistent)
  }

  /**
   * Ends one use of the board. `room` is the room the caller used, when it had one: a user of
   * a retired room must not count against the board's next room.
   */
  release(boardId: string, room?: Room | null): void {
    const entry = this.#entries.get(boardId)
    if (entry === undefined) return
    if (room != null && entry.room !== null && entry.room !== room) return
    entry.users = Math.max(0, entry.users - 1)
    if (entry.users === 0) void this.#unloadWhenIdle(boardId, entry)
  }

  /** Holds the board for the duration of `use` (REST calls). */
  async withRoom<T>(boardId: string, use: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(boardId)
    try {
      return await use(room)
    } finally {
      this.release(boardId, room)
    }
  }

  async #unloadWhenIdle(boardId: string, entry: Entry): Promise<void> {
    let room: Room
    try {
      room = await entry.loading
    } catch {
      return // the load failed and acquire() already reported it
    }
    await room.flush()
    // Someone may have joined while we flushed, or an earlier call already unloaded it.
    if (entry.users > 0 || this.#entries.get(boardId) !== entry) return
    this.#entries.delete(boardId)
    room.destroy()
  }

  async #load(boardId: string, onStoredState: (reply: StoredReply) => void): Promise<Room> {
    const retiring = this.#retiring.get(boardId)
    if (retiring !== undefined) await retiring
    const room = await Room.load(boardId, this.#options, onStoredState)
    this.#onLoaded?.(room)
    return room
  }

  /** Takes an unsafe room out of use; its users were closed, its queue still stores. */
  #retire(boardId: string): void {
    const entry = this.#entries.get(boardId)
    const room = entry?.room
    if (entry === undefined || room == null) return
    this.#entries.delete(boardId)
    const retired = room
      .flush(this.#options.storageRetryMaxMs * 4)
      .then(() => undefined)
      .finally(() => {
        room.destroy()
        if (this.#retiring.get(boardId) === retired) this.#retiring.delete(boardId)
      })
    this.#retiring.set(boardId, retired)
  }

  /** Shutdown: forget every room after the relay has flushed and closed them. */
  destroyAll(): void {
    for (const entry of this.#entries.values()) entry.room?.destroy()
    this.#entries.clear()
  }
}

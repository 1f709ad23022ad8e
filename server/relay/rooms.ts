/**
 * Which boards are in memory. A board is loaded by its first user (a socket or a REST call
 * holding a lease) and unloaded after its last user leaves and its queue is flushed; a board
 * whose storage is failing therefore stays loaded until the retry succeeds.
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

  constructor(private readonly options: RoomOptions) {}

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
        loading: Room.load(boardId, this.options, (reply) => {
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

  release(boardId: string): void {
    const entry = this.#entries.get(boardId)
    if (entry === undefined) return
    entry.users = Math.max(0, entry.users - 1)
    if (entry.users === 0) void this.#unloadWhenIdle(boardId, entry)
  }

  /** Holds the board for the duration of `use` (REST calls). */
  async withRoom<T>(boardId: string, use: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(boardId)
    try {
      return await use(room)
    } finally {
      this.release(boardId)
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

  /** Shutdown: forget every room after the relay has flushed and closed them. */
  destroyAll(): void {
    for (const entry of this.#entries.values()) entry.room?.destroy()
    this.#entries.clear()
  }
}

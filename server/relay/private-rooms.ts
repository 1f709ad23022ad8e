/**
 * Each member's private room of a board (docs/private-brainstorm.md): hidden notes and sealed
 * dots live here, on the relay and the author's devices only, until the reveal.
 *
 * - A private room is a Room like a board's (same durability, same hostile-input gate, same
 *   limits) in a registry of its own whose rooms do not judge the board's role policy: the
 *   whole room belongs to the member holding its key.
 * - Whenever a private room changes, the board's shared `sealed[member]` gets its counts
 *   (origin 'relay'), so others see how much is hidden, never what.
 * - When the board's `meta.notesRevealed` (or `votesRevealed`) turns true, every private room
 *   of the board, loaded from storage when its author is away, is published into the board in
 *   one transaction (core/board/commands/publish.ts); once that is durable the published
 *   notes and dots are taken out of the rooms. While revealed, whatever reaches a private room
 *   is published the same way at once.
 */
import type { Logger } from '../log'
import { REMOTE_ORIGIN } from '../cluster/fanout'
import {
  dropSealedExcept,
  privateCounts,
  readSealed,
  RELAY_ORIGIN,
  revealed,
  setSealedCounts,
} from '../../core/board/sealed'
import { publishPrivate, removePublished } from '../../core/board/commands/publish'
import { getMeta } from '../../core/board/schema'
import type { StoredReply } from './load-board'
import type { Room } from './room'
import type { RoomOptions } from './room-contract'
import { Rooms } from './rooms'
import {
  MAX_PRIVATE_ROOMS,
  PrivateDirectory,
  type BindRefusal,
  type PrivateEntry,
} from './private-directory'

/** Where a connection's room comes from: a board's, or a private room (Relay.accept). */
export interface RoomPlace {
  acquire(): Promise<Room>
  release(room: Room): void
  onStoredState(listener: (reply: StoredReply) => void): void
}

interface Owner {
  readonly boardId: string
  readonly member: string
}

/** How long a reveal waits for the board to store what it published before emptying rooms. */
const PUBLISH_DURABLE_MS = 30_000

export interface PrivateRoomsOptions extends Omit<RoomOptions, 'onUnsafe'> {
  readonly now: () => number
  /** Private rooms per board (MAX_PRIVATE_ROOMS when absent). */
  readonly maxPrivateRooms?: number | undefined
}

export class PrivateRooms {
  readonly rooms: Rooms
  readonly directory: PrivateDirectory
  readonly maxRooms: number
  /** Member and board of rooms bound or listed and not loaded yet; a load takes its entry. */
  readonly #owners = new Map<string, Owner>()
  /** The same for loaded rooms, for as long as the room lives. */
  readonly #loadedOwners = new WeakMap<Room, Owner>()
  /** One reveal at a time per board (a reveal reads and empties every room of it). */
  readonly #reveals = new Map<string, Promise<void>>()
  /** Private rooms whose counts are due (coalesced to one write per turn). */
  readonly #due = new Set<Room>()
  readonly #log: Logger

  constructor(
    options: PrivateRoomsOptions,
    private readonly boards: Rooms,
  ) {
    this.rooms = new Rooms({ ...options, judgeRoles: false }, (room) => this.#privateLoaded(room))
    this.directory = new PrivateDirectory(options.store, options.now)
    this.#log = options.logger.child({ part: 'private-rooms' })
    this.maxRooms = options.maxPrivateRooms ?? MAX_PRIVATE_ROOMS
  }

  /** The room `key` opens, bound to `member`, or why not (private-directory.ts). */
  async bind(boardId: string, key: string, member: string): Promise<PrivateEntry | BindRefusal> {
    const entry = await this.directory.bind(boardId, key, member, this.maxRooms)
    // Set even when the room is loaded: it may be unloading, and the next load needs it. At
    // most one entry per room this node has seen (the key is the room id).
    if (typeof entry !== 'string') this.#owners.set(entry.roomId, { boardId, member })
    return entry
  }

  /**
   * Where a socket on a private room gets its room. It holds the board too, for as long as
   * it is on: the counts and the reveal of what it writes go into the board's doc.
   */
  place(boardId: string, entry: PrivateEntry): RoomPlace {
    let board: Room | null = null
    return {
      acquire: async () => {
        board = await this.boards.acquire(boardId)
        try {
          return await this.rooms.acquire(entry.roomId)
        } catch (error) {
          this.boards.release(boardId, board)
          throw error
        }
      },
      release: (room) => {
        this.rooms.release(entry.roomId, room)
        this.boards.release(boardId, board)
      },
      onStoredState: (listener) => this.rooms.onStoredState(entry.roomId, listener),
    }
  }

  /** Every loaded private room (shutdown flushes them with the boards). */
  loaded(): Room[] {
    return this.rooms.loaded()
  }

  /** Rooms.onLoaded for boards: watch for reveals, and finish one a crash cut short. */
  boardLoaded(room: Room): void {
    const meta = getMeta(room.doc)
    if (meta === null) return
    let last = revealed(room.doc)
    meta.observe((event) => {
      const now = revealed(room.doc)
      const turnedOn = (now.notes && !last.notes) || (now.votes && !last.votes)
      last = now
      // The node that applied the change runs the reveal; the others receive its result.
      if (turnedOn && event.transaction.origin !== REMOTE_ORIGIN) void this.reveal(room.boardId)
    })
    if (this.#stillSealed(room)) setImmediate(() => void this.reveal(room.boardId))
  }

  /**
   * Publishes every private room of the board for what is revealed now; resolves once done
   * (also when there was nothing to do). Never rejects: a failure is logged, and what was not
   * published stays in the private rooms for the next reveal.
   */
  reveal(boardId: string): Promise<void> {
    const before = this.#reveals.get(boardId) ?? Promise.resolve()
    const run = before.then(() => this.#reveal(boardId))
    const settled = run.catch((error: unknown) => {
      this.#log.error({ err: error, boardId }, 'reveal failed; the notes stay private for now')
    })
    this.#reveals.set(boardId, settled)
    void settled.then(() => {
      if (this.#reveals.get(boardId) === settled) this.#reveals.delete(boardId)
    })
    return settled
  }

  async #reveal(boardId: string): Promise<void> {
    const entries = await this.directory.list(boardId)
    if (entries.length === 0) return
    for (const { roomId, member } of entries) this.#owners.set(roomId, { boardId, member })
    await this.boards.withRoom(boardId, async (board) => {
      const held: Room[] = []
      try {
        for (const entry of entries) held.push(await this.rooms.acquire(entry.roomId))
        // Updates already received for a room are in it before it is read.
        await Promise.all(held.map((room) => new Promise<void>((done) => room.afterUpdates(done))))
        await new Promise<void>((done) => board.afterUpdates(done))
        const what = revealed(board.doc)
        if (!what.notes && !what.votes) return
        const rooms = held.map((room, i) => ({ member: entries[i]!.member, doc: room.doc }))
        const taken = publishPrivate(board.doc, { rooms, ...what }, RELAY_ORIGIN)
        // Emptied only once the board holds them durably: a crash between the two publishes
        // them again (by id, so once), never loses them.
        if (!(await board.durable(PUBLISH_DURABLE_MS))) {
          this.#log.warn({ boardId }, 'revealed notes not yet stored; the rooms keep them')
          return
        }
        held.forEach((room, i) => removePublished(room.doc, taken[i]!, RELAY_ORIGIN))
        const published = taken.reduce((sum, t) => sum + t.notes.length, 0)
        this.#log.info({ boardId, rooms: held.length, notes: published }, 'private rooms revealed')
      } finally {
        for (const [i, room] of held.entries()) this.rooms.release(entries[i]!.roomId, room)
      }
    })
  }

  /**
   * After a board file was merged in: the `sealed` counts of members with no private room on
   * this board came with the file (permissions.ts lets a facilitator's import bring them) and
   * would show hidden notes nobody has. Removed with the relay's origin.
   */
  async dropForeignCounts(boardId: string): Promise<void> {
    const members = new Set((await this.directory.list(boardId)).map((entry) => entry.member))
    await this.boards.withRoom(boardId, (board) => {
      dropSealedExcept(board.doc, members, RELAY_ORIGIN)
      return Promise.resolve()
    })
  }

  /** Rooms.onLoaded for private rooms: their counts follow every change. */
  #privateLoaded(room: Room): void {
    const owner = this.#owners.get(room.boardId)
    if (owner !== undefined) this.#loadedOwners.set(room, owner)
    this.#owners.delete(room.boardId)
    room.doc.on('update', () => this.#countLater(room))
    this.#countLater(room)
  }

  #countLater(room: Room): void {
    if (this.#due.has(room)) return
    this.#due.add(room)
    setImmediate(() => {
      this.#due.delete(room)
      this.#count(room)
    })
  }

  /** Writes the room's counts into the board; publishes at once what arrives while revealed. */
  #count(room: Room): void {
    const owner = this.#loadedOwners.get(room)
    if (owner === undefined || room.unsafe) return
    const board = this.boards.get(owner.boardId)
    // Not loaded: no one is on the board; the next reveal reads the room from storage anyway.
    if (board === null || board.unsafe) return
    const counts = privateCounts(room.doc)
    setSealedCounts(board.doc, owner.member, counts, RELAY_ORIGIN)
    const now = revealed(board.doc)
    if ((now.notes && counts.notes > 0) || (now.votes && counts.dots > 0)) {
      void this.reveal(owner.boardId)
    }
  }

  /** A revealed board whose `sealed` still counts hidden work of the revealed kind. */
  #stillSealed(room: Room): boolean {
    const now = revealed(room.doc)
    if (!now.notes && !now.votes) return false
    for (const counts of readSealed(room.doc).values()) {
      if ((now.notes && counts.notes > 0) || (now.votes && counts.dots > 0)) return true
    }
    return false
  }
}

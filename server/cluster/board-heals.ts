/**
 * Healing the gaps pub/sub leaves (redis-fanout.ts): read a board from the shared store, so
 * this node gets what other nodes made durable while messages could have been lost, then
 * publish this node's whole state and its clients' presence, so they get what they missed from
 * it. One heal loop runs at a time; a board that could not be healed (a failed publish or read,
 * a board still loading) waits for a retry timer instead of spinning in the loop.
 */
import { storedParts, type BoardStore } from '../storage/store'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Logger } from '../log'
import { MessageKind, REMOTE_ORIGIN, type FanoutRoom } from './fanout'

/** What a heal needs from the fan-out it repairs. */
export interface HealContext {
  readonly store: BoardStore
  readonly log: Logger
  readonly counters: { heals: number; healFailures: number }
  /** Delay before retrying a heal. */
  readonly retryMs: number
  /** The board's attached room; 'loading' between open and attach; undefined once detached. */
  room(boardId: string): FanoutRoom | 'loading' | undefined
  /** Redis is connected (publishing makes sense). */
  up(): boolean
  publish(boardId: string, kind: MessageKind, payload: Uint8Array): void
}

export class BoardHeals {
  readonly #toHeal = new Set<string>()
  /** Boards to heal when the retry timer fires (failed publish, failed heal, still loading). */
  readonly #retry = new Set<string>()
  #timer: ReturnType<typeof setTimeout> | null = null
  #healing: Promise<void> | null = null
  #closed = false

  constructor(private readonly context: HealContext) {}

  /** Heals these boards now, in the running loop if there is one. */
  healNow(boardIds: Iterable<string>): Promise<void> {
    for (const boardId of boardIds) this.#toHeal.add(boardId)
    return this.#run()
  }

  /** Heals the board after the retry delay. */
  later(boardId: string): void {
    this.#retry.add(boardId)
    if (this.#timer !== null || this.#closed) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      for (const id of this.#retry) this.#toHeal.add(id)
      this.#retry.clear()
      void this.#run()
    }, this.context.retryMs)
    this.#timer.unref()
  }

  /** The board was detached: nothing more to heal for it. */
  forget(boardId: string): void {
    this.#toHeal.delete(boardId)
    this.#retry.delete(boardId)
  }

  /** Stops the timer and waits for a running heal to end. */
  async close(): Promise<void> {
    this.#closed = true
    if (this.#timer !== null) clearTimeout(this.#timer)
    await this.#healing?.catch(() => {})
  }

  /** One heal loop at a time; boards queued while it runs are taken in the same loop. */
  #run(): Promise<void> {
    this.#healing ??= (async () => {
      try {
        // Bounded: each pass removes the board it heals, and a board to retry waits in
        // #retry for the timer rather than coming back into this loop.
        for (let guard = 0; guard < 100_000 && this.#toHeal.size > 0; guard++) {
          const boardId = this.#toHeal.values().next().value as string
          this.#toHeal.delete(boardId)
          await this.#heal(boardId)
        }
      } finally {
        this.#healing = null
      }
    })()
    return this.#healing
  }

  /**
   * Pulls in what other nodes stored while messages could have been lost, then publishes this
   * node's whole state and its clients' presence so the others get what they missed from us.
   */
  async #heal(boardId: string): Promise<void> {
    const { context } = this
    if (this.#closed) return
    const known = context.room(boardId)
    if (known === 'loading') {
      this.later(boardId) // still loading: heal once it is attached
      return
    }
    if (known === undefined) return
    try {
      const stored = await context.store.loadDoc(boardId)
      const room = context.room(boardId)
      if (room === undefined || room === 'loading') return
      const parts = storedParts(stored)
      room.doc.transact(() => {
        for (const part of parts) {
          try {
            Y.applyUpdate(room.doc, part, REMOTE_ORIGIN)
          } catch (error) {
            context.log.error(
              { err: error, boardId },
              'stored update could not be applied; skipped',
            )
          }
        }
      }, REMOTE_ORIGIN)
      context.counters.heals++
      if (!context.up()) return // the next reconnect heals again
      context.publish(boardId, MessageKind.update, Y.encodeStateAsUpdate(room.doc))
      this.#republishPresence(room)
    } catch (error) {
      context.counters.healFailures++
      context.log.warn({ err: error, boardId }, 'heal failed; retrying')
      this.later(boardId)
    }
  }

  /** This node's clients' presence, for nodes that may have missed it. */
  #republishPresence(room: FanoutRoom): void {
    const local = [...room.peers].flatMap((peer) => [...peer.awarenessIds])
    const present = local.filter((id) => room.awareness.getStates().has(id))
    if (present.length === 0) return
    const bytes = awarenessProtocol.encodeAwarenessUpdate(room.awareness, present)
    this.context.publish(room.boardId, MessageKind.awareness, bytes)
  }
}

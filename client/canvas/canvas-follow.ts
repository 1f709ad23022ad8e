/**
 * Following someone's view, and "bring everyone to me". The canvas publishes its own viewport
 * in presence (at most 10 times a second); while this person follows a peer, the canvas shows
 * what that peer shows. Any pan or zoom of their own, or Esc, breaks away (the chip offers
 * "Rejoin"). A facilitator's summon moves everyone else once per `seq` and starts them
 * following the facilitator; a summon from anyone else is ignored (./shared-viewport.ts).
 */
import type { BoardController } from '../board/board-controller'
import type { CanvasViewport } from './canvas-viewport'
import type { BoardScene } from './board-scene'
import { followOf, type FollowState } from './follow-state'
import { displayName, readPresence } from './presence-state'
import {
  followViewport,
  publishedViewport,
  readSummon,
  readViewport,
  sameViewport,
} from './shared-viewport'
import type { Throttled } from './throttle'
import { throttle } from './throttle'

const VIEWPORT_HZ = 10

export interface FollowHost {
  readonly view: CanvasViewport
  readonly scene: BoardScene | null
}

export class CanvasFollow {
  #board: BoardController | null = null
  #state: FollowState | null = null
  #publish: Throttled<[]> | null = null
  /** Our own view change in progress: it must not count as breaking away. */
  #applying = false
  /** Per peer, the last summon seq seen (acted on or there before we came). */
  readonly #summons = new Map<number, number>()
  #summonSeq = 0

  constructor(private readonly host: FollowHost) {}

  get state(): FollowState | null {
    return this.#state
  }

  attach(board: BoardController): void {
    this.detach()
    this.#board = board
    this.#state = followOf(board)
    this.#publish = throttle(() => this.#publishNow(), 1000 / VIEWPORT_HZ)
    // Summons made before we opened the board are history, not a request to us.
    for (const [clientId, state] of board.awareness.getStates()) {
      const summon = readSummon(state)
      if (summon) this.#summons.set(clientId, summon.seq)
    }
    board.awareness.on('change', this.#onAwareness)
    this.#state.addEventListener('change', this.#onFollowChange)
    window.addEventListener('keydown', this.#onKey)
    this.#publish()
  }

  detach(): void {
    const board = this.#board
    if (!board) return
    this.#publish?.cancel()
    board.awareness.off('change', this.#onAwareness)
    this.#state?.removeEventListener('change', this.#onFollowChange)
    window.removeEventListener('keydown', this.#onKey)
    this.#state?.forget()
    this.#summons.clear()
    this.#board = null
    this.#state = null
  }

  /** The canvas's viewport changed: publish it, and break away if the person moved it. */
  viewportMoved(): void {
    this.#publish?.()
    if (!this.#applying) this.#state?.stop()
  }

  /** The screen changed size: followers see what we see now, and we refit what we follow. */
  resized(): void {
    this.#publish?.()
    this.#track()
  }

  /** The facilitator brings everyone else to what they see now, and everyone follows them. */
  summonEveryone(): void {
    const board = this.#board
    const scene = this.host.scene
    if (!board || !scene) return
    this.#summonSeq = Math.max(this.#summonSeq, Date.now()) + 1
    const viewport = publishedViewport(scene.viewport, scene.width, scene.height)
    board.awareness.setLocalStateField('viewport', viewport)
    board.awareness.setLocalStateField('summon', { seq: this.#summonSeq, viewport })
  }

  #publishNow(): void {
    const scene = this.host.scene
    if (!scene || !this.#board) return
    const vp = publishedViewport(scene.viewport, scene.width, scene.height)
    this.#board.awareness.setLocalStateField('viewport', vp)
  }

  readonly #onFollowChange = (): void => this.#track()

  readonly #onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') this.#state?.stop()
  }

  readonly #onAwareness = (): void => {
    const board = this.#board
    if (!board) return
    const states = board.awareness.getStates()
    for (const [clientId, state] of states) {
      if (clientId === board.awareness.clientID) continue
      const summon = readSummon(state)
      if (!summon || this.#summons.get(clientId) === summon.seq) continue
      this.#summons.set(clientId, summon.seq)
      const presence = readPresence(state)
      this.#state?.follow({ clientId, name: presence ? displayName(presence) : 'Facilitator' })
      this.#apply(summon.viewport)
    }
    this.#track()
  }

  /** Shows what the followed peer shows; forgets them when they have left. */
  #track(): void {
    const board = this.#board
    const followed = this.#state?.following
    if (!board || !followed) return
    const state = board.awareness.getStates().get(followed.clientId)
    if (state === undefined) {
      this.#state?.forget()
      return
    }
    const theirs = readViewport((state as Record<string, unknown>).viewport)
    if (theirs) this.#apply(theirs)
  }

  #apply(theirs: NonNullable<ReturnType<typeof readViewport>>): void {
    const scene = this.host.scene
    if (!scene) return
    const next = followViewport(theirs, scene.width, scene.height)
    if (sameViewport(next, scene.viewport)) return
    this.#applying = true
    try {
      // A running ease (zoom to fit) must not pull the view back, and the first content's
      // framing must not move it later.
      this.host.view.takeOver()
      this.host.view.set(next)
    } finally {
      this.#applying = false
    }
  }
}

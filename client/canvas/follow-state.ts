/**
 * Whose viewport this person follows, shared by the avatar row (where "Follow" is clicked) and
 * the canvas (which tracks the followed view and shows the "Following Ana · Stop" chip). One
 * per open board, kept beside the controller so neither view needs to find the other.
 */
import type { BoardController } from '../board/board-controller'

export interface Followed {
  /** The peer's awareness client id: one tab of theirs, the one that was clicked. */
  readonly clientId: number
  readonly name: string
}

export class FollowState extends EventTarget {
  #following: Followed | null = null
  /** Who was followed last, so the chip can offer "Rejoin" after breaking away. */
  #left: Followed | null = null

  get following(): Followed | null {
    return this.#following
  }

  get left(): Followed | null {
    return this.#left
  }

  follow(peer: Followed): void {
    this.#following = peer
    this.#left = null
    this.#changed()
  }

  /** Breaks away (own pan or zoom, Esc, "Stop"): the chip offers to rejoin. */
  stop(): void {
    if (this.#following === null) return
    this.#left = this.#following
    this.#following = null
    this.#changed()
  }

  rejoin(): void {
    if (this.#left !== null) this.follow(this.#left)
  }

  /** The followed person left the board: nothing to rejoin either. */
  forget(): void {
    if (this.#following === null && this.#left === null) return
    this.#following = null
    this.#left = null
    this.#changed()
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'))
  }
}

const states = new WeakMap<BoardController, FollowState>()

/** The follow state of an open board (made on first use). */
export function followOf(board: BoardController): FollowState {
  let state = states.get(board)
  if (!state) states.set(board, (state = new FollowState()))
  return state
}

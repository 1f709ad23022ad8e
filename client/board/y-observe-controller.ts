/**
 * Re-renders its host when any of some Y types change (deeply), and hands it a value derived
 * from the document. The value is derived lazily, once per render at most, so a burst of remote
 * updates costs one derivation, not one per update.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { readBoard, readMeta } from '../../core/board/read'
import { boardRoots } from '../../core/board/schema'
import type { BoardMeta, BoardSnapshot } from '../../core/board/board-model'
import type { BoardSession } from './board-context'

/** Any Y type: the controller only needs to know when something below it changed. */
export interface Observed {
  observeDeep(f: () => void): void
  unobserveDeep(f: () => void): void
}
type AnyType = Observed

export class YObserveController<T> implements ReactiveController {
  #types: readonly AnyType[] = []
  #value: T | undefined
  #dirty = true
  #connected = false

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called again before each render: a new session means new types to observe. */
    private readonly types: () => readonly AnyType[],
    private readonly derive: () => T,
  ) {
    host.addController(this)
  }

  get value(): T {
    if (this.#dirty || this.#value === undefined) {
      this.#value = this.derive()
      this.#dirty = false
    }
    return this.#value
  }

  hostConnected(): void {
    this.#connected = true
    this.#subscribe(this.types())
  }

  hostDisconnected(): void {
    this.#connected = false
    this.#subscribe([])
  }

  hostUpdate(): void {
    if (!this.#connected) return
    const next = this.types()
    const same = next.length === this.#types.length && next.every((t, i) => t === this.#types[i])
    // Already rendering: mark the value stale without asking for another update.
    if (!same) this.#subscribe(next, false)
  }

  #subscribe(next: readonly AnyType[], notify = true): void {
    for (const type of this.#types) type.unobserveDeep(this.#onChange)
    this.#types = next
    for (const type of next) type.observeDeep(this.#onChange)
    this.#dirty = true
    if (notify) this.host.requestUpdate()
  }

  readonly #onChange = (): void => {
    this.#dirty = true
    this.host.requestUpdate()
  }
}

/**
 * The whole board's read model for a component that shows most of it (panels, the list
 * mirror). Derived from the repaired readers in core, never from raw Y types.
 */
export function observeBoardSnapshot(
  host: ReactiveControllerHost,
  session: () => BoardSession | undefined,
): YObserveController<BoardSnapshot | null> {
  return new YObserveController(
    host,
    () => {
      const doc = session()?.doc
      return doc === undefined ? [] : boardRoots(doc)
    },
    () => {
      const doc = session()?.doc
      return doc === undefined ? null : readBoard(doc)
    },
  )
}

/** Just the board's meta (title, phase, timer…), for a component that shows nothing else. */
export function observeBoardMeta(
  host: ReactiveControllerHost,
  session: () => BoardSession | undefined,
): YObserveController<BoardMeta | null> {
  return new YObserveController(
    host,
    () => {
      const doc = session()?.doc
      return doc === undefined ? [] : [doc.getMap('meta')]
    },
    () => {
      const doc = session()?.doc
      return doc === undefined ? null : readMeta(doc)
    },
  )
}

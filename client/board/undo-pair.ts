/**
 * Undo across the two documents a person writes (docs/private-brainstorm.md): the shared board
 * and their private room. Each has its own Y.UndoManager (one manager tracks one document);
 * this keeps the order the steps were made in, so Ctrl+Z takes back the latest step whichever
 * document it is in, and a redo replays them in order too.
 */
import * as Y from 'yjs'

type Manager = Y.UndoManager

export class UndoPair {
  readonly #shared: Manager
  #private: Manager | null = null
  /** Which manager holds each undo step, oldest first; likewise for redo. */
  #undoOrder: Manager[] = []
  #redoOrder: Manager[] = []
  readonly #listeners = new Set<() => void>()

  constructor(shared: Manager) {
    this.#shared = shared
    this.#watch(shared)
  }

  /** Tracks `origin`'s changes to the private room's notes and dots from now on. */
  attachPrivate(doc: Y.Doc | null, origin: object): void {
    this.#private?.destroy()
    this.#undoOrder = this.#undoOrder.filter((m) => m === this.#shared)
    this.#redoOrder = this.#redoOrder.filter((m) => m === this.#shared)
    this.#private =
      doc === null
        ? null
        : new Y.UndoManager([doc.getMap('notes'), doc.getMap('votes')], {
            trackedOrigins: new Set([origin]),
            captureTimeout: 400,
          })
    if (this.#private !== null) this.#watch(this.#private)
  }

  stopCapturing(): void {
    this.#shared.stopCapturing()
    this.#private?.stopCapturing()
  }

  undo(): void {
    this.#latest(this.#undoOrder, (m) => m.undoStack.length)?.undo()
  }

  redo(): void {
    this.#latest(this.#redoOrder, (m) => m.redoStack.length)?.redo()
  }

  /** The latest undo step, whichever document it is in (opaque: compared, never opened). */
  get latestStep(): unknown {
    return this.#latest(this.#undoOrder, (m) => m.undoStack.length, false)?.undoStack.at(-1)
  }

  /** Calls back on every new undo step; returns the unsubscribe. */
  onStep(callback: () => void): () => void {
    this.#listeners.add(callback)
    return () => this.#listeners.delete(callback)
  }

  destroy(): void {
    this.#private?.destroy()
    this.#listeners.clear()
  }

  /** The manager of the newest step still there; `take` removes it from the order. */
  #latest(order: Manager[], size: (m: Manager) => number, take = true): Manager | undefined {
    // A manager's stack can shrink without us (a step cleared as empty): skip what is gone.
    for (let i = order.length - 1; i >= 0; i--) {
      const manager = order[i]!
      const steps = order.slice(0, i + 1).filter((m) => m === manager).length
      if (size(manager) < steps) {
        order.splice(i, 1)
        continue
      }
      if (take) order.splice(i, 1)
      return manager
    }
    return undefined
  }

  #watch(manager: Manager): void {
    manager.on('stack-item-added', (event: { type: 'undo' | 'redo' }) => {
      if (event.type === 'undo') this.#undoOrder.push(manager)
      else this.#redoOrder.push(manager)
      for (const listener of this.#listeners) listener()
    })
    manager.on('stack-cleared', ({ undoStackCleared, redoStackCleared }: StackCleared) => {
      if (undoStackCleared) this.#undoOrder = this.#undoOrder.filter((m) => m !== manager)
      if (redoStackCleared) this.#redoOrder = this.#redoOrder.filter((m) => m !== manager)
    })
  }
}

interface StackCleared {
  readonly undoStackCleared: boolean
  readonly redoStackCleared: boolean
}

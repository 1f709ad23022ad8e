/**
 * The one seam between the views and the board. A view reads the board's derived state here
 * (snapshot, meta, export model, quality findings, peers, role) and changes the board only by
 * running a core command here. Everything is derived lazily and at most once per document
 * change, however many views read it, and only this folder and client/net/ touch the `Y.Doc`
 * (lint enforces it).
 *
 * Canvas intents (focus these notes, preview these groups) are state here too, so the panel
 * that asks and the canvas that shows never need to find each other in the DOM.
 */
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { BoardMeta, BoardSnapshot } from '../../core/board/board-model'
import type { GroupSuggestion } from '../../core/convert/drafts'
import type { Diagnostic, EpochMs } from '../../core/okr/okr-model'
import { readBoard, readMeta } from '../../core/board/read'
import { boardRoots, getMeta } from '../../core/board/schema'
import { exportOkrs, type OkrExport } from '../../core/export/export-model'
import { chooseCycle, cyclesOf, inCycle, type CycleOption } from '../../core/export/cycle'
import type { BoardSession, Identity, Role } from './board-context'
import { readPeers, type Peer } from './peers'
import { lintBoard } from './lint-board'
import { commandMessage } from './command-messages'
import { checkRoleAllows } from './role-guard'
import { runRouted, type PrivateSide } from './private-routing'
import { mergePrivate, observePrivate } from './private-view'
import { UndoPair } from './undo-pair'

/** Every core command has this shape: the doc, its arguments, the transaction origin. */
export type BoardCommand<A, R> = (doc: BoardSession['doc'], args: A, origin: unknown) => R

/** Something a person should read: a rejected command, a finished export, a problem. */
export interface BoardNotice {
  readonly message: string
  /** Increases with every notice, so the same message twice still shows twice. */
  readonly seq: number
}

/** What views want the canvas to do; the canvas reads it and clears what it consumed. */
export interface CanvasIntents {
  /** Notes to select and bring into view (a KR followed back to its sources). */
  readonly focus: { readonly noteIds: readonly string[]; readonly seq: number } | null
  /** Grouping proposals to outline on the canvas while someone reviews them. */
  readonly preview: readonly GroupSuggestion[] | null
}

export interface BoardControllerOptions {
  /** The wall clock, passed in so tests and the minute tick are the only time sources. */
  readonly now: () => EpochMs
}

/**
 * Fired on the controller as `change` whenever anything a view may show could differ: the
 * document, peers, notices, intents or the clock's minute.
 */
export class BoardController extends EventTarget {
  readonly boardId: string
  readonly role: Role
  readonly canEdit: boolean
  /** For client/board/ and client/net/ only; views go through the methods below. */
  readonly session: BoardSession
  #identity: Identity
  #now: EpochMs
  #version = 0
  #metaVersion = 0
  #snapshot: { version: number; value: BoardSnapshot } | null = null
  #meta: { version: number; value: BoardMeta } | null = null
  #okrs: { snapshot: BoardSnapshot; now: EpochMs; value: OkrExport } | null = null
  #lint: { snapshot: BoardSnapshot; value: Diagnostic[] } | null = null
  /** The cycle this person picked in the switcher; null follows the board's current cycle. */
  #cycleChoice: string | null = null
  #cycle: {
    version: number
    choice: string | null
    cycles: CycleOption[]
    cycle: CycleOption | null
    snapshot: BoardSnapshot
  } | null = null
  #derived = new WeakMap<
    (doc: BoardSession['doc']) => unknown,
    { version: number; value: unknown }
  >()
  #peers: Peer[] = []
  #notice: BoardNotice | null = null
  #intents: CanvasIntents = { focus: null, preview: null }
  #connected = false
  /** This person's private room (docs/private-brainstorm.md); null on a view link. */
  #private: PrivateSide | null = null
  #unobservePrivate: () => void = () => undefined
  /** Undo over the shared board and the private room, in the order steps were made. */
  readonly undoSteps: UndoPair
  /** Transactions already counted: one touching several roots is still one change. */
  readonly #counted = new WeakSet<Y.Transaction>()

  constructor(
    session: BoardSession,
    private readonly options: BoardControllerOptions,
  ) {
    super()
    this.session = session
    this.boardId = session.boardId
    this.role = session.role
    this.canEdit = session.role !== 'view'
    this.#identity = session.identity
    this.#now = options.now()
    this.undoSteps = new UndoPair(session.undoManager)
  }

  /** Starts listening to the document and presence; views call nothing until this ran. */
  connect(): void {
    if (this.#connected) return
    this.#connected = true
    // Whatever changed while disconnected was never counted: derive everything afresh.
    this.#version++
    this.#metaVersion++
    for (const root of boardRoots(this.session.doc)) root.observeDeep(this.#onDocChange)
    this.#unobservePrivate = observePrivate(this.#private, this.#onPrivateChange)
    this.session.awareness.on('change', this.#onPresence)
    this.#peers = readPeers(this.session.awareness)
  }

  disconnect(): void {
    if (!this.#connected) return
    this.#connected = false
    for (const root of boardRoots(this.session.doc)) root.unobserveDeep(this.#onDocChange)
    this.#unobservePrivate()
    this.session.awareness.off('change', this.#onPresence)
  }

  /**
   * Routes this person's hidden notes and sealed dots to their private room from now on
   * (client/board/private-routing.ts); views see them folded into `snapshot`.
   */
  attachPrivate(side: PrivateSide | null): void {
    this.#unobservePrivate()
    this.#private = side
    this.undoSteps.attachPrivate(side?.doc ?? null, this.session.origin)
    if (this.#connected) this.#unobservePrivate = observePrivate(side, this.#onPrivateChange)
    this.#version++
    this.#changed()
  }

  /** The private room, for client/board/ only. */
  get privateSide(): PrivateSide | null {
    return this.#private
  }

  readonly #onPrivateChange = (_events: unknown, transaction: Y.Transaction): void => {
    if (this.#counted.has(transaction)) return
    this.#counted.add(transaction)
    this.#version++
    this.#changed()
  }

  /** Bumps with every document change: a cheap key for a view's own memo. */
  get version(): number {
    return this.#version
  }

  get identity(): Identity {
    return this.#identity
  }

  /** The time the derived figures were computed at; moves with `tick`. */
  get now(): EpochMs {
    return this.#now
  }

  get awareness(): Awareness {
    return this.session.awareness
  }

  /** The whole board as plain, repaired data (core/board/read.ts). */
  get snapshot(): BoardSnapshot {
    if (this.#snapshot?.version !== this.#version) {
      const shared = readBoard(this.session.doc)
      const side = this.#private
      const value = side === null ? shared : mergePrivate(shared, side.doc, this.#identity.id)
      this.#snapshot = { version: this.#version, value }
    }
    return this.#snapshot.value
  }

  /** Just the meta; keeps its identity until the meta itself changes. */
  get meta(): BoardMeta {
    if (this.#meta?.version !== this.#metaVersion) {
      this.#meta = { version: this.#metaVersion, value: readMeta(this.session.doc) }
    }
    return this.#meta.value
  }

  #cycleState() {
    const cached = this.#cycle
    if (cached?.version === this.#version && cached.choice === this.#cycleChoice) return cached
    const cycles = cyclesOf(this.snapshot)
    const cycle = chooseCycle(cycles, this.#cycleChoice)
    const snapshot = inCycle(this.snapshot, cycle?.label ?? null)
    this.#cycle = { version: this.#version, choice: this.#cycleChoice, cycles, cycle, snapshot }
    return this.#cycle
  }

  /** The board's OKR cycles, latest first (the board's own is `current`). */
  get cycles(): readonly CycleOption[] {
    return this.#cycleState().cycles
  }

  /** The cycle every OKR view shows: the one picked, else the board's current one. */
  get cycle(): CycleOption | null {
    return this.#cycleState().cycle
  }

  /** Shows another cycle in every OKR view (this person only); null follows the board's. */
  setCycle(label: string | null): void {
    if (label === this.#cycleChoice) return
    this.#cycleChoice = label
    this.#changed()
  }

  /** The snapshot narrowed to the cycle in view: its objectives, key results and check-ins. */
  get cycleSnapshot(): BoardSnapshot {
    return this.#cycleState().snapshot
  }

  /** The OKR set of the cycle in view with every figure, as the dashboard, exports and retro show it. */
  get okrs(): OkrExport {
    const snapshot = this.cycleSnapshot
    const cached = this.#okrs
    if (cached?.snapshot === snapshot && cached.now === this.#now) return cached.value
    const value = exportOkrs(snapshot, { now: this.#now })
    this.#okrs = { snapshot, now: this.#now, value }
    return value
  }

  /** The quality checklist's findings for the cycle in view, computed once for every panel. */
  get diagnostics(): readonly Diagnostic[] {
    const snapshot = this.cycleSnapshot
    if (this.#lint?.snapshot !== snapshot) {
      this.#lint = { snapshot, value: lintBoard(snapshot) }
    }
    return this.#lint.value
  }

  /**
   * Any core reader of the document (e.g. `readCarriedFrom`), run at most once per change
   * whoever asks: views never hold the doc, and never derive the same thing twice. A reader of
   * `meta` alone (`readAgenda`) always passes `'meta'`: it reruns when the meta changes, not per drag.
   */
  derive<T>(reader: (doc: BoardSession['doc']) => T, of: 'doc' | 'meta' = 'doc'): T {
    const version = of === 'meta' ? this.#metaVersion : this.#version
    const cached = this.#derived.get(reader)
    if (cached?.version === version) return cached.value as T
    const value = reader(this.session.doc)
    this.#derived.set(reader, { version, value })
    return value
  }

  /** Everyone on the board now, self first (from awareness, checked: peers are untrusted). */
  get peers(): readonly Peer[] {
    return this.#peers
  }

  get notice(): BoardNotice | null {
    return this.#notice
  }

  get intents(): CanvasIntents {
    return this.#intents
  }

  /**
   * Runs a core command as this person, in one transaction with the session's origin (so undo
   * reverts exactly it). A rejected command wrote nothing; its reason becomes the notice.
   */
  run<A, R>(command: BoardCommand<A, R>, args: A): R | undefined {
    try {
      return this.perform(command, args)
    } catch (error) {
      this.notify(commandMessage(error))
      return undefined
    }
  }

  /**
   * `run` for a caller that must know whether the command went through (to keep what the
   * person typed, or to stop a batch): most commands return nothing either way.
   */
  attempt<A>(command: BoardCommand<A, unknown>, args: A): boolean {
    try {
      this.perform(command, args)
      return true
    } catch (error) {
      this.notify(commandMessage(error))
      return false
    }
  }

  /**
   * `run` for a gesture that reports its own refusal (the canvas turns it into a notice with
   * its context): the command's BoardCommandError is thrown, having written nothing.
   */
  perform<A, R>(command: BoardCommand<A, R>, args: A): R {
    checkRoleAllows(command, args, this.session.doc, { role: this.role, member: this.#identity.id })
    return runRouted(command, args, this.session.doc, this.#private, this.session.origin)
  }

  /** The wall clock to the millisecond (`now` steps once a minute, for derived figures). */
  clock(): EpochMs {
    return this.options.now()
  }

  notify(message: string): void {
    this.#notice = { message, seq: (this.#notice?.seq ?? 0) + 1 }
    this.#changed()
  }

  dismissNotice(): void {
    if (this.#notice === null) return
    this.#notice = null
    this.#changed()
  }

  /** Ends the current undo step: the next change is undone on its own. */
  newUndoStep(): void {
    this.undoSteps.stopCapturing()
  }

  undo(): void {
    this.undoSteps.undo()
  }

  redo(): void {
    this.undoSteps.redo()
  }

  focusNotes(noteIds: readonly string[]): void {
    const seq = (this.#intents.focus?.seq ?? 0) + 1
    this.#intents = { ...this.#intents, focus: { noteIds: [...noteIds], seq } }
    this.#changed()
  }

  previewGroups(proposals: readonly GroupSuggestion[] | null): void {
    this.#intents = { ...this.#intents, preview: proposals }
    this.#changed()
  }

  /** A renamed person: published to peers and used for everything this tab does next. */
  setIdentity(identity: Identity): void {
    this.#identity = identity
    this.session.awareness.setLocalStateField('user', identity)
    this.#changed()
  }

  /** Moves the clock the derived figures use (the minute tick: trends and due dates move). */
  tick(): void {
    this.#now = this.options.now()
    this.#changed()
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'))
  }

  readonly #onDocChange = (_events: unknown, transaction: Y.Transaction): void => {
    // Each changed root calls this; the first call sees everything the transaction changed.
    if (this.#counted.has(transaction)) return
    this.#counted.add(transaction)
    // Before the event: a view reading `meta` inside it must see the new one.
    const changedRoots: ReadonlyMap<unknown, unknown> = transaction.changedParentTypes
    if (changedRoots.has(getMeta(this.session.doc))) this.#metaVersion++
    this.#version++
    this.#changed()
  }

  readonly #onPresence = (): void => {
    const next = readPeers(this.session.awareness)
    if (samePeers(next, this.#peers)) return
    this.#peers = next
    this.#changed()
  }
}

/** Cursor moves change awareness many times a second; the peer list changes far less often. */
function samePeers(a: readonly Peer[], b: readonly Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]
      return (
        q !== undefined &&
        p.clientId === q.clientId &&
        p.user.id === q.user.id &&
        p.user.name === q.user.name &&
        p.user.color === q.user.color &&
        p.role === q.role &&
        p.pointing === q.pointing &&
        p.done === q.done
      )
    })
  )
}

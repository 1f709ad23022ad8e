/**
 * The canvas scene's binding to the document: keeps the scene in step with the Y.Doc,
 * incrementally. A deep observer collects the ids a transaction touched and only those notes
 * are re-read and redrawn. Whole-board reads happen once at start and when a board-wide setting
 * (reveal, phase) changes how every note looks.
 */
import type * as Y from 'yjs'
import type { BoardMeta, Note, VoteTally } from '../../core/board/board-model'
import {
  readGroups,
  readInitiatives,
  readKeyResults,
  readMeta,
  readNote,
  readNotes,
  readTally,
} from '../../core/board/read'
import { notesBecame } from '../../core/okr/provenance'
import { observeCollection } from '../../core/board/observe'
import { getMeta, getVotes } from '../../core/board/schema'
import { visibleTally } from '../../core/board/visibility'
import type { SceneSink } from '../canvas/scene-model'
import type { CanvasScores } from '../canvas/canvas-scores'
import { NO_SCORES, canvasScores, changedIds } from '../canvas/canvas-scores'
import { sceneNote } from '../canvas/scene-model'
import type { NoteLook } from '../canvas/note-node'
import type { BoardController } from './board-controller'
import { readPrivateNotes, withPrivateVotes } from './private-view'
import {
  getReactions,
  reactionCount,
  reactionLine,
  readReactions,
  type NoteReactions,
} from '../../core/board/reactions'
import { readPrivateVotes } from '../../core/board/private-room'

export interface BindingHooks {
  /** After any change was applied to the scene (for overlays that follow notes). */
  readonly onChange?: (noteIds: ReadonlySet<string>) => void
  readonly onMeta?: (meta: BoardMeta) => void
  /** The converted groups' and notes' scores now (../canvas/canvas-scores); none without it. */
  readonly scores?: () => CanvasScores
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its deep events as YEvent<any>
type DeepHandler = (events: Y.YEvent<any>[], txn: Y.Transaction) => void

export class BoardBinding {
  private meta: BoardMeta
  private tally: VoteTally = { byTarget: new Map(), byVoter: new Map() }
  /** Per note, the label of the key result or initiative it became after a conversion. */
  private became = new Map<string, string>()
  /** Per note, who reacted with what (drawn as "👍 2  🔥 1", counted in the overview). */
  private reactions: ReadonlyMap<string, NoteReactions> = new Map()
  private scores: CanvasScores = NO_SCORES
  private scoresQueued = false
  private stopped = false
  private readonly unobserve: (() => void)[] = []

  constructor(
    private readonly doc: Y.Doc,
    private readonly scene: SceneSink,
    private readonly viewerId: string,
    /** Changes with this origin are the local user's own: they apply instantly, no tween. */
    private readonly localOrigin: unknown,
    private readonly hooks: BindingHooks = {},
    /** This person's private room: their hidden notes and sealed dots, drawn like the rest. */
    private readonly privateDoc: Y.Doc | null = null,
  ) {
    this.meta = readMeta(doc)
  }

  get currentMeta(): BoardMeta {
    return this.meta
  }

  start(): void {
    this.meta = readMeta(this.doc)
    this.tally = this.readTally()
    this.became = this.readBecame()
    this.reactions = readReactions(this.doc)
    this.stopped = false
    this.scores = this.hooks.scores?.() ?? NO_SCORES
    this.refreshGroups()
    for (const n of readNotes(this.doc)) this.scene.upsertNote(sceneNote(n, this.look(n)), false)
    for (const n of this.privateDoc ? readPrivateNotes(this.privateDoc) : []) {
      this.scene.upsertNote(sceneNote(n, this.look(n)), false)
    }
    this.hooks.onMeta?.(this.meta)
    this.unobserve.push(
      observeCollection(this.doc, 'notes', (ids, txn) => {
        // Remote moves and undo glide; the local user's own commands land where they dropped.
        this.applyNotes(ids, txn.origin !== this.localOrigin)
      }),
      observeCollection(this.doc, 'groups', () => this.onGroups()),
      observeCollection(this.doc, 'keyResults', () => {
        this.onOutcomes()
        this.queueScores()
      }),
      observeCollection(this.doc, 'objectives', () => this.queueScores()),
      observeCollection(this.doc, 'checkIns', () => this.queueScores()),
      observeCollection(this.doc, 'initiatives', () => this.onOutcomes()),
    )
    this.observe(getVotes(this.doc), () => this.onVotes())
    this.observe(getMeta(this.doc), () => this.onMetaChange())
    this.observe(getReactions(this.doc), () => this.onReactions())
    if (this.privateDoc) {
      this.unobserve.push(
        observeCollection(this.privateDoc, 'notes', (ids) => this.applyNotes(ids, false)),
      )
      this.observe(this.privateDoc.getMap('votes'), () => this.onVotes())
    }
  }

  /** The tally with this person's sealed dots counted as their own. */
  private readTally(): VoteTally {
    const shared = readTally(this.doc, this.meta.voteBudget)
    if (!this.privateDoc) return shared
    const targets = new Set([
      ...readNotes(this.doc).map((n) => n.id),
      ...readPrivateNotes(this.privateDoc).map((n) => n.id),
      ...readGroups(this.doc).map((g) => g.id),
    ])
    return withPrivateVotes(shared, readPrivateVotes(this.privateDoc), this.viewerId, targets)
  }

  /** A note as drawn: the shared one once published, else this person's hidden one. */
  private readAnyNote(id: string): Note | null {
    const shared = readNote(this.doc, id)
    if (shared || !this.privateDoc) return shared
    const hidden = readNote(this.privateDoc, id)
    return hidden && { ...hidden, groupId: null }
  }

  stop(): void {
    this.stopped = true
    for (const off of this.unobserve.splice(0)) off()
  }

  private observe(type: Y.Map<unknown> | null, handler: DeepHandler): void {
    if (!type) return
    type.observeDeep(handler)
    this.unobserve.push(() => type.unobserveDeep(handler))
  }

  private look(n: Note): NoteLook {
    return {
      text: n.text,
      color: n.color,
      private: this.privateDoc !== null && readNote(this.doc, n.id) === null,
      votes: this.votesOn(n.id),
      ownVotesOnly: !this.meta.votesRevealed,
      became: this.became.get(n.id) ?? null,
      reactions: reactionLine(this.reactions.get(n.id)) || null,
      reactionCount: reactionCount(this.reactions.get(n.id)),
      score: this.scores.notes.get(n.id) ?? null,
    }
  }

  /**
   * Scores come from the board's OKR figures, which count this transaction only once every
   * observer of it has run: they are re-read a microtask later, once per burst of changes.
   */
  private queueScores(): void {
    if (!this.hooks.scores || this.scoresQueued) return
    this.scoresQueued = true
    queueMicrotask(() => {
      this.scoresQueued = false
      if (!this.stopped) this.onScores()
    })
  }

  /** A check-in or an OKR edit moved some scores: redraw just those notes and the frames. */
  private onScores(): void {
    const before = this.scores
    this.scores = this.hooks.scores?.() ?? NO_SCORES
    const notes = changedIds(before.notes, this.scores.notes)
    if (changedIds(before.groups, this.scores.groups).size > 0) this.refreshGroups()
    this.applyNotes(new Set([...notes].filter((id) => this.scene.hasNote(id))), false)
  }

  /** Someone reacted: redraw the notes whose reactions read differently. */
  private onReactions(): void {
    const before = this.reactions
    this.reactions = readReactions(this.doc)
    const changed = new Set<string>()
    for (const id of new Set([...before.keys(), ...this.reactions.keys()])) {
      if (reactionLine(before.get(id)) !== reactionLine(this.reactions.get(id))) changed.add(id)
    }
    this.applyNotes(new Set([...changed].filter((id) => this.scene.hasNote(id))), false)
  }

  private readBecame(): Map<string, string> {
    const outcomes = notesBecame({
      keyResults: readKeyResults(this.doc),
      initiatives: readInitiatives(this.doc),
    })
    const labels = new Map<string, string>()
    for (const [noteId, list] of outcomes) {
      const first = list[0]
      if (!first) continue
      const kind = first.kind === 'key-result' ? 'KR' : 'Initiative'
      const more = list.length > 1 ? ` (+${list.length - 1})` : ''
      labels.set(noteId, `${kind} · ${first.title}${more}`)
    }
    return labels
  }

  /** A conversion or an OKR edit changed what some notes became: redraw just those notes. */
  private onOutcomes(): void {
    const before = this.became
    this.became = this.readBecame()
    const changed = new Set<string>()
    for (const [id, label] of this.became) if (before.get(id) !== label) changed.add(id)
    for (const id of before.keys()) if (!this.became.has(id)) changed.add(id)
    this.applyNotes(new Set([...changed].filter((id) => this.scene.hasNote(id))), false)
  }

  private applyNotes(ids: ReadonlySet<string>, animate: boolean): void {
    for (const id of ids) {
      const n = this.readAnyNote(id)
      if (n) this.scene.upsertNote(sceneNote(n, this.look(n)), animate)
      else this.scene.removeNote(id)
    }
    this.hooks.onChange?.(ids)
  }

  /** Dots on a target as this viewer may see them: all once revealed, else only their own. */
  private votesOn(id: string): number | null {
    const count = visibleTally(this.tally, this.meta, this.viewerId).byTarget.get(id) ?? 0
    return count > 0 ? count : null
  }

  private onGroups(): void {
    const before = new Set(this.scene.allGroups().map((g) => g.id))
    this.refreshGroups()
    const after = new Set(this.scene.allGroups().map((g) => g.id))
    // A deleted frame leaves its notes unassigned: re-read the notes that pointed at it.
    const gone = [...before].filter((id) => !after.has(id))
    if (gone.length === 0) return
    this.hooks.onChange?.(new Set(gone))
    const orphaned = new Set(
      [...this.scene.allNotes()]
        .filter((n) => n.groupId && gone.includes(n.groupId))
        .map((n) => n.id),
    )
    this.applyNotes(orphaned, false)
  }

  private refreshGroups(): void {
    this.scene.setGroups(
      readGroups(this.doc).map((g) => ({
        ...g,
        votes: this.votesOn(g.id),
        score: this.scores.groups.get(g.id) ?? null,
      })),
    )
  }

  private onVotes(): void {
    const before = this.tally
    this.tally = this.readTally()
    const changed = new Set<string>()
    for (const [id, count] of this.tally.byTarget)
      if (before.byTarget.get(id) !== count) changed.add(id)
    for (const id of before.byTarget.keys()) if (!this.tally.byTarget.has(id)) changed.add(id)
    this.refreshGroups()
    this.applyNotes(new Set([...changed].filter((id) => this.scene.hasNote(id))), false)
  }

  private onMetaChange(): void {
    const before = this.meta
    this.meta = readMeta(this.doc)
    this.hooks.onMeta?.(this.meta)
    if (before.voteBudget !== this.meta.voteBudget) this.tally = this.readTally()
    const looksChanged =
      before.phase !== this.meta.phase ||
      before.notesRevealed !== this.meta.notesRevealed ||
      before.votesRevealed !== this.meta.votesRevealed ||
      before.voteBudget !== this.meta.voteBudget
    if (!looksChanged) return
    this.refreshGroups()
    this.applyNotes(new Set([...this.scene.allNotes()].map((n) => n.id)), false)
  }
}

/**
 * Binds `scene` to the board as this person sees it (their hidden notes, their dots); their
 * own commands land where they were dropped, everyone else's glide.
 */
export function bindScene(
  board: BoardController,
  scene: SceneSink,
  hooks: BindingHooks = {},
): BoardBinding {
  const { doc, origin } = board.session
  const privateDoc = board.privateSide?.doc ?? null
  const scores = () => canvasScores(board.cycleSnapshot, board.okrs)
  return new BoardBinding(doc, scene, board.identity.id, origin, { scores, ...hooks }, privateDoc)
}

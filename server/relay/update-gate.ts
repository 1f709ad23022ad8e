/**
 * What a client update must pass before the room's doc sees it (CONVENTIONS 6b): its shape
 * (core/sync scanUpdate: structs, delete ranges, nesting, trailing bytes), its fit with the
 * doc (checkUpdate: nothing pending, nothing deleted that the board never had, nothing nested
 * past the schema), its writer's role (every place it writes or deletes, core/sync
 * update-places.ts, judged by core/board/permissions.ts), and its cost to the stored board
 * (the size cap), charged for what it adds rather than for its frame size.
 */
import type * as Y from 'yjs'
import {
  checkUpdateSteps,
  DEFAULT_SCAN_LIMITS,
  MAX_TYPE_DEPTH,
  runSteps,
  scanUpdateSteps,
  UpdateRejectedError,
  type Steps,
  type ScanLimits,
  type ScannedUpdate,
  type UpdateVerdict,
} from '../../core/sync/index'
import { updatePlacesSteps } from '../../core/sync/update-places'
import { judgeUpdate, type Writer } from '../../core/board/permissions'
import { BoardFullError, BoardReadOnlyError } from './board-size'
import { conflictScanSteps, MAX_CONFLICT_SCANS } from './conflict-work'

/**
 * Stored bytes one cut item adds once compacted: the second half becomes its own struct (info,
 * origin id, content header). Measured: 40k cuts of a 200k-character text grew its encoded
 * state by 10.9 bytes each; rounded up for longer client ids.
 */
export const SPLIT_COST_BYTES = 16

export interface GateLimits extends ScanLimits {
  readonly maxTypeDepth: number
  /** Existing items Yjs may walk past to place one update's structs (conflict-work.ts). */
  readonly maxConflictScans: number
}

export const DEFAULT_GATE_LIMITS: GateLimits = {
  ...DEFAULT_SCAN_LIMITS,
  maxTypeDepth: MAX_TYPE_DEPTH,
  maxConflictScans: MAX_CONFLICT_SCANS,
}

/**
 * Close code for an update its writer's role may not make (the stock provider does not
 * reconnect on 44xx, so a refused change is not resent in a loop).
 */
export const ROLE_REFUSED_CLOSE = 4403

/** The update touches a place its writer's role may not change; the message says which. */
export class RoleRefusedError extends Error {
  override name = 'RoleRefusedError'

  /** The message cut to a close frame's 123 bytes of UTF-8 (a note id may be anything). */
  get closeReason(): string {
    const encoder = new TextEncoder()
    if (encoder.encode(this.message).byteLength <= 123) return this.message
    const chars = [...this.message]
    while (encoder.encode(chars.join('')).byteLength > 120) chars.pop()
    return `${chars.join('')}...`
  }
}

/**
 * The origin for an update that arrives over HTTP from a link with `writer`'s role (a snapshot
 * merged into a live board): the applier judges it like a socket's update.
 */
export interface ImportOrigin {
  readonly importedBy: Writer
}

export function importOrigin(writer: Writer): ImportOrigin {
  return { importedBy: writer }
}

export interface BoardBudget {
  /** What the board holds in storage once its queue drains. */
  readonly sizeBytes: number
  readonly maxBoardBytes: number
  /** Set when the board is over its cap: only updates that add nothing pass. */
  readonly readOnlyReason: string | null
}

export interface AdmittedUpdate {
  readonly shape: ScannedUpdate
  readonly verdict: UpdateVerdict
  /** Bytes the stored board grows by beyond the update's own: its cuts. */
  readonly extraBytes: number
  /** Items Yjs will walk past to place its structs (conflict-work.ts). */
  readonly scans: number
}

/**
 * Throws UpdateRejectedError (refuse the update: 1007 / HTTP 422), RoleRefusedError (4403),
 * BoardFullError or BoardReadOnlyError (4413 / 413); returns what applying it will cost
 * otherwise. Without a `writer` (a file import into a new board) roles are not judged.
 */
export function admitUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  budget: BoardBudget,
  limits: GateLimits = DEFAULT_GATE_LIMITS,
  writer?: Writer,
): AdmittedUpdate {
  return runSteps(admitUpdateSteps(doc, update, () => budget, limits, writer))
}

/**
 * The same judgement in steps (core/sync/steps.ts), for updates big enough that judging them
 * at once would hold the event loop. `budget` is read after the last step, so the size
 * check sees whatever the board took meanwhile.
 */
export function* admitUpdateSteps(
  doc: Y.Doc,
  update: Uint8Array,
  budgetNow: () => BoardBudget,
  limits: GateLimits = DEFAULT_GATE_LIMITS,
  writer?: Writer,
): Steps<AdmittedUpdate> {
  const shape = yield* scanUpdateSteps(update, limits)
  const verdict = yield* checkUpdateSteps(doc, shape, limits.maxTypeDepth)
  if (writer !== undefined) {
    // Judged on the doc before the update, whole: one refused place refuses all of it.
    const places = yield* updatePlacesSteps(doc, update, shape, verdict.placement)
    const judgement = judgeUpdate(doc, places, writer)
    if (!judgement.allowed) throw new RoleRefusedError(judgement.reason)
  }
  const scans = yield* conflictScanSteps(doc, verdict.placement, limits.maxConflictScans)
  if (scans > limits.maxConflictScans) {
    throw new UpdateRejectedError(
      'too-many-structs',
      `update inserts where Yjs would compare more than ${limits.maxConflictScans} concurrent ` +
        'insertions to place it (many inserts at one position by two clients); send it in smaller edits',
    )
  }
  const budget = budgetNow()
  const extraBytes = verdict.splits * SPLIT_COST_BYTES
  // Deletions of whole items add nothing and are how people make room: they always pass.
  const adds = verdict.newStructs > 0 || verdict.splits > 0
  if (!adds) return { shape, verdict, extraBytes, scans }
  if (budget.readOnlyReason !== null) throw new BoardReadOnlyError(budget.readOnlyReason)
  // A reconnecting client resends much of what the server has: only the fresh part counts.
  const freshBytes = verdict.newStructs === 0 ? 0 : update.byteLength
  if (budget.sizeBytes + freshBytes + extraBytes > budget.maxBoardBytes) {
    throw new BoardFullError(budget.maxBoardBytes)
  }
  return { shape, verdict, extraBytes, scans }
}

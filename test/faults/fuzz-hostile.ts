/**
 * Issue 12's hostile payload shapes, mixed into the protocol fuzz: each well-formed (they are
 * programs Yjs would run, not noise) and each with the answers the relay may give it. A shape
 * is sent on a fresh socket after the stock handshake's empty step 2. Shapes that may be
 * applied end with a sync step 1, whose answer waits in the board's lane behind the frame: an
 * answer means applied, a close means refused. Shapes that must be refused wait for the close.
 */
import * as Y from 'yjs'
import { createNote } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { encodeUpdate } from '../../server/relay/protocol'
import {
  deepNote,
  gapUpdate,
  tinyStructs,
  unknownClientDeletes,
} from '../core/sync/hostile-updates'
import {
  bogusStep1,
  clientsIn,
  deleteFrames,
  deleteOnlyUpdate,
  EMPTY_STEP2,
  everyOtherCharacter,
  noteTexts,
  syncStep1,
  unknownClientDeleteRanges,
} from './hostile-frames'
import { exchange } from './hostile-harness'

/** A close code, 'applied', or 'open' (neither within the time allowed). */
export type HostileOutcome = number | 'applied' | 'open'

export interface HostileShape {
  readonly name: string
  readonly role: 'edit' | 'view'
  /** The frames of the next send (shapes with several variants cycle through them). */
  next(): readonly Uint8Array[]
  /** What the relay may answer. 1013 (board busy) is always allowed. */
  readonly allowed: readonly HostileOutcome[]
  /** Clients whose content must never reach the board: what a refused shape carried. */
  readonly clients: readonly number[]
  /** Sent once, first, rather than in every round (the heaviest shape). */
  readonly once: boolean
}

const REFUSED = [1007] as const
/** Applied while the board has room; 4413 "board is full" after. */
const CHARGED = ['applied', 4413] as const

function shape(
  name: string,
  variants: readonly (readonly Uint8Array[])[],
  allowed: readonly HostileOutcome[],
  clients: Iterable<number> = [],
  { role = 'edit', once = false }: { role?: 'edit' | 'view'; once?: boolean } = {},
): HostileShape {
  let at = 0
  const next = () => variants[at++ % variants.length]!
  return { name, role, next, allowed, clients: [...clients], once }
}

/** The k-th hostile shape to send: the `once` shapes first, then the others in turn. */
export function nthShape(shapes: readonly HostileShape[], k: number): HostileShape {
  const first = shapes.filter((h) => h.once)
  const rotation = shapes.filter((h) => !h.once)
  return k < first.length ? first[k]! : rotation[(k - first.length) % rotation.length]!
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]))

/**
 * The shapes, built from `board` (the attacker's copy of the fuzzed board, whose note texts
 * the split deletes cut). Two tiny-struct runs go into roots of their own: two runs at the
 * start of one text are the quadratic stall reported in docs/reliability.md, kept out here so
 * the fuzz measures everything else.
 */
export function hostileShapes(board: Y.Doc): {
  readonly shapes: HostileShape[]
  /** A state vector of the board plus every shape that may apply: answers to it stay small. */
  readonly knownState: Uint8Array
} {
  const author = new Y.Doc()
  const chain = deepNote(3000, author)
  const note = new Y.Doc()
  createNote(note, { id: 'v2', x: 0, y: 0, author: 'x', createdAt: 1 as EpochMs }, 'x')
  const plain = Y.encodeStateAsUpdate(note)
  const splits = deleteFrames(everyOtherCharacter(noteTexts(board)), 8_000)
  const moreDeletes = unknownClientDeleteRanges(new Y.Doc().clientID, 10_000)
  const one = (update: Uint8Array) => [[encodeUpdate(update)]]
  const gap = gapUpdate()
  const gapOnBoard = gapUpdate(board)
  const unknown = unknownClientDeletes(3)
  const noteClient = [note.clientID]
  const tiny20k = tinyStructs(20_000, 'tiny20k')
  const tiny100k = tinyStructs(100_000, 'tiny100k')
  const known = new Y.Doc()
  for (const update of [Y.encodeStateAsUpdate(board), tiny20k, tiny100k])
    Y.applyUpdate(known, update)
  const shapes = [
    shape('deep-3000', one(chain), REFUSED, [author.clientID]),
    shape(
      'deep-delete',
      one(deleteOnlyUpdate([{ client: author.clientID, clock: 0, len: 1 }])),
      REFUSED,
      [author.clientID],
    ),
    shape('gap', one(gap), REFUSED, clientsIn(gap)),
    shape('unknown-deletes', one(unknown), REFUSED, clientsIn(unknown)),
    shape('unknown-deletes-10k', one(deleteOnlyUpdate(moreDeletes)), REFUSED, [
      moreDeletes[0]!.client,
    ]),
    shape(
      'split-deletes',
      splits.map((frame) => [encodeUpdate(frame)]),
      CHARGED,
    ),
    shape('tiny-20k', one(tiny20k), CHARGED),
    shape('v2', one(Y.encodeStateAsUpdateV2(note)), REFUSED, noteClient),
    shape('trailing-in-update', one(concat(plain, Uint8Array.of(7, 7, 7))), REFUSED, noteClient),
    shape(
      'trailing-after-message',
      [[concat(encodeUpdate(plain), Uint8Array.of(7))]],
      REFUSED,
      noteClient,
    ),
    // Past the burst of 4: 1008; or cut as a slow reader (1006) when its replies pile up unread.
    shape('sync-flood', [Array<Uint8Array>(5).fill(bogusStep1())], [1008, 1006], [], {
      role: 'view',
    }),
    shape('deep-3000', one(chain), REFUSED, [author.clientID]),
    shape('gap-on-board', one(gapOnBoard), REFUSED, clientsIn(gapOnBoard)),
    shape('split-deletes', splits.map((frame) => [encodeUpdate(frame)]).reverse(), CHARGED),
    // Once: a frame of half the struct cap, applied in slices.
    shape('tiny-100k', one(tiny100k), CHARGED, [], { once: true }),
  ]
  return { shapes, knownState: Y.encodeStateVector(known) }
}

/** Sends one shape on a fresh socket; `knownState` is the step 1 that asks whether it applied. */
export async function sendHostile(
  wsUrl: string,
  board: { readonly id: string; readonly editToken: string; readonly viewToken: string },
  hostile: HostileShape,
  knownState: Uint8Array,
): Promise<HostileOutcome> {
  const mayApply = hostile.allowed.includes('applied')
  const frames = [EMPTY_STEP2, ...hostile.next(), ...(mayApply ? [syncStep1(knownState)] : [])]
  const token = hostile.role === 'edit' ? board.editToken : board.viewToken
  const outcome = await exchange(wsUrl, board, token, frames, {
    reply: mayApply,
    timeoutMs: 20_000,
  })
  if (outcome.answered) return 'applied'
  return outcome.code === 0 ? 'open' : outcome.code
}

/** Whether the relay's answer is one the shape allows. */
export function allowedOutcome(hostile: HostileShape, outcome: HostileOutcome): boolean {
  return outcome === 1013 || hostile.allowed.includes(outcome)
}

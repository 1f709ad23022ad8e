/**
 * Reads the shape of an untrusted Yjs V1 update without integrating any of it: every struct's
 * id, length, origins and parent, and every delete range. A Yjs update is a program, not data
 * (CONVENTIONS 6b): its cost is in its struct count, nesting, delete ranges and missing
 * dependencies, none of which its byte size tells. `check-update.ts` judges the shape against
 * a document before anyone calls `Y.applyUpdate`.
 *
 * The walk follows the V1 layout that `yjs: src/utils/updates.js` (lazyStructReaderGenerator)
 * and `src/utils/DeleteSet.js` (readDeleteSet) read, but skips content instead of building it,
 * and it refuses what Yjs would silently accept: trailing bytes (a V2 update read as V1 decodes
 * to "nothing" and is otherwise answered as merged), unknown content kinds, sub-documents, and
 * JSON nested past a bound.
 */
import * as decoding from 'lib0/decoding'
import { runSteps, STEP_SIZE, type Steps } from './steps'
import { UpdateRejectedError } from './update-errors'

/** An id as numbers, not Y.ID: nothing here allocates Yjs objects. */
export interface StructId {
  readonly client: number
  readonly clock: number
}

export interface ScannedStruct {
  /** Position in the update: the same as in `Y.decodeUpdate(update).structs`. */
  readonly index: number
  readonly client: number
  readonly clock: number
  readonly length: number
  /** 'skip' marks a gap that a merged update leaves between a client's ranges. */
  readonly kind: 'item' | 'gc' | 'skip'
  readonly origin: StructId | null
  readonly rightOrigin: StructId | null
  /** The root type's name, when the parent is a root. */
  readonly parentRoot: string | null
  /** The type item this struct lives in, when written explicitly. */
  readonly parentId: StructId | null
  /** True for an item that holds a shared type (Y.Map, Y.Text, …): it can nest. */
  readonly isType: boolean
  /**
   * Where the struct's own bytes lie in the update. V1 writes every struct with absolute ids,
   * so these bytes mean the same in any update that starts the client's run at this clock
   * (the relay cuts big updates into pieces from them without decoding them again).
   */
  readonly start: number
  readonly end: number
}

export interface DeleteRange {
  readonly client: number
  readonly clock: number
  readonly len: number
}

export interface ScannedUpdate {
  /** Structs in update order: per client, in clock order. */
  readonly structs: readonly ScannedStruct[]
  readonly deletes: readonly DeleteRange[]
}

export interface ScanLimits {
  /** Structs one update may carry (each costs integration time and memory). */
  readonly maxStructs: number
  /** Delete ranges one update may carry (each is a lookup, and may split an item). */
  readonly maxDeleteRanges: number
  /** Nesting of JSON values inside content (objects and arrays). */
  readonly maxJsonDepth: number
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  maxStructs: 200_000,
  maxDeleteRanges: 200_000,
  maxJsonDepth: 32,
}

// Content kinds (yjs: src/structs/Item.js contentRefs). 0 is GC and 10 is Skip, read apart.
const CONTENT_DELETED = 1
const CONTENT_JSON = 2
const CONTENT_BINARY = 3
const CONTENT_STRING = 4
const CONTENT_EMBED = 5
const CONTENT_FORMAT = 6
const CONTENT_TYPE = 7
const CONTENT_ANY = 8
const CONTENT_DOC = 9
const SKIP = 10
const BIT6 = 32
const BIT7 = 64
const BIT8 = 128
const BITS5 = 31
/** Y.XmlElement and Y.XmlHook carry a node name after their type ref; refs above 6 are unknown. */
const TYPE_REFS_WITH_NAME = new Set([3, 5])
const MAX_TYPE_REF = 6

/**
 * @example
 * const shape = scanUpdate(Y.encodeStateAsUpdate(doc)) // { structs: [...], deletes: [...] }
 */
export function scanUpdate(
  update: Uint8Array,
  limits: ScanLimits = DEFAULT_SCAN_LIMITS,
): ScannedUpdate {
  return runSteps(scanUpdateSteps(update, limits))
}

/** The same scan in steps (steps.ts), for a caller that shares its event loop. */
export function* scanUpdateSteps(
  update: Uint8Array,
  limits: ScanLimits = DEFAULT_SCAN_LIMITS,
): Steps<ScannedUpdate> {
  try {
    return yield* scan(update, limits)
  } catch (error) {
    if (error instanceof UpdateRejectedError) throw error
    // lib0 throws plain Errors on a short read; a RangeError means a bound we missed.
    throw new UpdateRejectedError('malformed', `not a Yjs (V1) update: ${String(error)}`)
  }
}

function* scan(update: Uint8Array, limits: ScanLimits): Steps<ScannedUpdate> {
  const decoder = decoding.createDecoder(update)
  const structs: ScannedStruct[] = []
  const clients = readCount(decoder, update, 'clients')
  for (let c = 0; c < clients; c++) {
    const count = readCount(decoder, update, 'structs')
    if (structs.length + count > limits.maxStructs) {
      throw new UpdateRejectedError(
        'too-many-structs',
        `update carries more than ${limits.maxStructs} structs; send it in smaller parts`,
      )
    }
    const client = decoding.readVarUint(decoder)
    let clock = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const struct = readStruct(decoder, structs.length, client, clock, limits)
      structs.push(struct)
      clock += struct.length
      if (!Number.isSafeInteger(clock)) throw new UpdateRejectedError('malformed', 'clock overflow')
      if (structs.length % STEP_SIZE === 0) yield
    }
  }
  const deletes = yield* readDeletes(decoder, update, limits)
  if (decoding.hasContent(decoder)) {
    throw new UpdateRejectedError(
      'malformed',
      'trailing bytes after the update: not a Yjs V1 update (a V2 update must be converted)',
    )
  }
  return { structs, deletes }
}

/** A count can never exceed the bytes left: each element takes at least one byte. */
function readCount(decoder: decoding.Decoder, update: Uint8Array, what: string): number {
  const count = decoding.readVarUint(decoder)
  if (count > update.byteLength - decoder.pos) {
    throw new UpdateRejectedError('malformed', `${what} count ${count} exceeds the update's size`)
  }
  return count
}

function readId(decoder: decoding.Decoder): StructId {
  return { client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder) }
}

function readStruct(
  decoder: decoding.Decoder,
  index: number,
  client: number,
  clock: number,
  limits: ScanLimits,
): ScannedStruct {
  const start = decoder.pos
  const info = decoding.readUint8(decoder)
  const base = {
    start,
    index,
    client,
    clock,
    origin: null,
    rightOrigin: null,
    parentRoot: null,
    parentId: null,
  }
  if (info === SKIP || (info & BITS5) === 0) {
    const length = readLength(decoder)
    const kind = info === SKIP ? 'skip' : 'gc'
    return { ...base, kind, length, isType: false, end: decoder.pos }
  }
  const origin = (info & BIT8) !== 0 ? readId(decoder) : null
  const rightOrigin = (info & BIT7) !== 0 ? readId(decoder) : null
  let parentRoot: string | null = null
  let parentId: StructId | null = null
  if ((info & (BIT7 | BIT8)) === 0) {
    // No origins: the parent is written out, as a root name or the id of a type item.
    if (decoding.readVarUint(decoder) === 1) parentRoot = decoding.readVarString(decoder)
    else parentId = readId(decoder)
    if ((info & BIT6) !== 0) decoding.readVarString(decoder) // parentSub (a map key)
  }
  const ref = info & BITS5
  const length = readContent(decoder, ref, limits)
  return {
    start,
    end: decoder.pos,
    index,
    client,
    clock,
    length,
    kind: 'item',
    origin,
    rightOrigin,
    parentRoot,
    parentId,
    isType: ref === CONTENT_TYPE,
  }
}

function readLength(decoder: decoding.Decoder): number {
  const length = decoding.readVarUint(decoder)
  if (length === 0) throw new UpdateRejectedError('malformed', 'a struct of length 0')
  return length
}

/** Skips one item's content and returns its length in clock ticks. */
function readContent(decoder: decoding.Decoder, ref: number, limits: ScanLimits): number {
  switch (ref) {
    case CONTENT_DELETED:
      return readLength(decoder)
    case CONTENT_JSON: {
      const length = readLength(decoder)
      for (let i = 0; i < length; i++) checkJson(decoding.readVarString(decoder), limits)
      return length
    }
    case CONTENT_BINARY:
      decoding.readVarUint8Array(decoder)
      return 1
    case CONTENT_STRING: {
      const length = decoding.readVarString(decoder).length
      if (length === 0) throw new UpdateRejectedError('malformed', 'an empty string item')
      return length
    }
    case CONTENT_EMBED:
      checkJson(decoding.readVarString(decoder), limits)
      return 1
    case CONTENT_FORMAT:
      decoding.readVarString(decoder)
      checkJson(decoding.readVarString(decoder), limits)
      return 1
    case CONTENT_TYPE: {
      const typeRef = decoding.readVarUint(decoder)
      if (typeRef > MAX_TYPE_REF) {
        throw new UpdateRejectedError('malformed', `unknown shared type ${typeRef}`)
      }
      if (TYPE_REFS_WITH_NAME.has(typeRef)) decoding.readVarString(decoder)
      return 1
    }
    case CONTENT_ANY: {
      const length = readLength(decoder)
      for (let i = 0; i < length; i++) skipAny(decoder, limits.maxJsonDepth)
      return length
    }
    case CONTENT_DOC:
      // Sub-documents are not part of any board, and each one is a document to load.
      throw new UpdateRejectedError('unsupported', 'sub-documents are not allowed on a board')
    default:
      throw new UpdateRejectedError('malformed', `unknown content kind ${ref}`)
  }
}

/**
 * lib0's readAny recurses without a bound, so a deeply nested value could exhaust the stack
 * (here or later in whoever reads it); this walks the same encoding with one.
 */
function skipAny(decoder: decoding.Decoder, depthLeft: number): void {
  const tag = decoding.readUint8(decoder)
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return
    case 125: // integer
      decoding.readVarInt(decoder)
      return
    case 124: // float32
      decoding.readFloat32(decoder)
      return
    case 123: // float64
      decoding.readFloat64(decoder)
      return
    case 122: // bigint64
      decoding.readBigInt64(decoder)
      return
    case 119: // string
      decoding.readVarString(decoder)
      return
    case 116: // Uint8Array
      decoding.readVarUint8Array(decoder)
      return
    case 118: // object
    case 117: {
      // array
      if (depthLeft <= 0) {
        throw new UpdateRejectedError('too-deep', 'a value in the update is nested too deeply')
      }
      const count = decoding.readVarUint(decoder)
      if (count > decoder.arr.byteLength - decoder.pos) {
        throw new UpdateRejectedError('malformed', 'a value claims more entries than it has bytes')
      }
      for (let i = 0; i < count; i++) {
        if (tag === 118) decoding.readVarString(decoder)
        skipAny(decoder, depthLeft - 1)
      }
      return
    }
    default:
      throw new UpdateRejectedError('malformed', `unknown value tag ${tag}`)
  }
}

/**
 * Yjs JSON.parses these strings while reading, before integrating; V8's parser recurses, so a
 * deeply nested one throws there. Counting brackets outside string literals bounds it first.
 */
function checkJson(text: string, limits: ScanLimits): void {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c)
        i++ // backslash: skip the escaped character
      else if (ch === 0x22) inString = false
    } else if (ch === 0x22) {
      inString = true
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limits.maxJsonDepth) {
        throw new UpdateRejectedError('too-deep', 'a value in the update is nested too deeply')
      }
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--
    }
  }
}

function* readDeletes(
  decoder: decoding.Decoder,
  update: Uint8Array,
  limits: ScanLimits,
): Steps<DeleteRange[]> {
  const deletes: DeleteRange[] = []
  const clients = readCount(decoder, update, 'delete clients')
  for (let c = 0; c < clients; c++) {
    const client = decoding.readVarUint(decoder)
    const ranges = readCount(decoder, update, 'delete ranges')
    if (deletes.length + ranges > limits.maxDeleteRanges) {
      throw new UpdateRejectedError(
        'too-many-deletes',
        `update carries more than ${limits.maxDeleteRanges} delete ranges`,
      )
    }
    for (let i = 0; i < ranges; i++) {
      const clock = decoding.readVarUint(decoder)
      const len = decoding.readVarUint(decoder)
      if (!Number.isSafeInteger(clock + len)) {
        throw new UpdateRejectedError('malformed', 'delete range overflow')
      }
      if (len > 0) deletes.push({ client, clock, len })
      if (i % STEP_SIZE === STEP_SIZE - 1) yield
    }
  }
  return deletes
}

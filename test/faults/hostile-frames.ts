/**
 * What an attacker with an edit link puts on the wire, built on the shared hostile update
 * builders (test/core/sync/hostile-updates.ts). Two of those delete character by character
 * through Y.Text, which is quadratic at the issue's sizes (unknownClientDeletes(10_000) takes
 * 1.7 s here, 190,000 ranges would take minutes), so the same delete sets are also written
 * directly: `deleteOnlyUpdate` encodes what Yjs' writeDeleteSet writes, and the hostile-editors
 * test checks it byte for byte against the builders at a small size.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { createNote } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import type { DeleteRange } from '../../core/sync/index'
import { messageSync } from '../../server/relay/protocol'
import { encodeDeletes } from '../../server/relay/update-slices'

/** A V1 update with no structs and these delete ranges: the relay's own encoder, Yjs' order. */
export const deleteOnlyUpdate = encodeDeletes

/** What `unknownClientDeletes(count)` sends, for a client id of our choosing: every other tick. */
export function unknownClientDeleteRanges(client: number, count: number): DeleteRange[] {
  return Array.from({ length: count }, (_, i) => ({ client, clock: 2 * i, len: 1 }))
}

/**
 * Every other character of these texts, as `splitDeletes` deletes them (it deletes index i
 * after i deletions: the characters at even offsets). Each range cuts a live item twice.
 */
export function everyOtherCharacter(texts: Iterable<Y.Text>, limit = Infinity): DeleteRange[] {
  const ranges: DeleteRange[] = []
  for (const text of texts) {
    let offset = 0
    for (let item = text._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      for (let j = offset % 2; j < item.length && ranges.length < limit; j += 2) {
        ranges.push({ client: item.id.client, clock: item.id.clock + j, len: 1 })
      }
      offset += item.length
    }
  }
  return ranges
}

/** Cuts `ranges` into delete-only updates of about `maxBytes` each. */
export function deleteFrames(ranges: readonly DeleteRange[], maxBytes: number): Uint8Array[] {
  const frames: Uint8Array[] = []
  let start = 0
  let bytes = 0
  for (let i = 0; i < ranges.length; i++) {
    // A range is its clock and length as varUints: 1 byte per 7 bits of each.
    bytes += Math.ceil(Math.max(1, Math.log2(ranges[i]!.clock + 1)) / 7) + 1
    if (bytes >= maxBytes) {
      frames.push(deleteOnlyUpdate(ranges.slice(start, i + 1)))
      start = i + 1
      bytes = 0
    }
  }
  if (start < ranges.length) frames.push(deleteOnlyUpdate(ranges.slice(start)))
  return frames
}

/** The stock provider's sync step 2 carrying `update` (`[0, 1, update]`). */
export function syncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The handshake's step 2 from a client with nothing to add: after it, nothing is held. */
export const EMPTY_STEP2 = syncStep2(Y.encodeStateAsUpdate(new Y.Doc()))

/** A sync step 1 (`[0, 0, stateVector]`): the server answers with what the vector lacks. */
export function syncStep1(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/**
 * An eight-byte sync step 1 whose state vector names a client the board never had: the reply
 * is the whole board, every time.
 */
export function bogusStep1(): Uint8Array {
  const stateVector = encoding.createEncoder()
  encoding.writeVarUint(stateVector, 1)
  encoding.writeVarUint(stateVector, 123_456) // three bytes as a varUint
  encoding.writeVarUint(stateVector, 7)
  return syncStep1(encoding.toUint8Array(stateVector))
}

/**
 * A team's board of at least `bytes` (as one update): notes whose texts have `textLength`
 * characters (10,000 is the longest a note may hold), written by one client.
 */
export function notesBoard(bytes: number, textLength: number): Y.Doc {
  const doc = new Y.Doc()
  const sentence = 'Increase weekly active teams by improving onboarding flows. '
  const text = sentence.repeat(Math.ceil(textLength / sentence.length)).slice(0, textLength)
  let notes = 0
  const add = (count: number) =>
    doc.transact(() => {
      for (let i = 0; i < count; i++, notes++) {
        const note = { id: `n${notes}`, x: notes % 997, y: notes, author: 'team', text }
        createNote(doc, { ...note, createdAt: 1 as EpochMs }, 'team')
      }
    })
  add(50)
  const perNote = Y.encodeStateAsUpdate(doc).byteLength / notes
  add(Math.max(0, Math.ceil(bytes / perNote) - notes))
  return doc
}

/** The Y.Text of every note on a board. */
export function noteTexts(doc: Y.Doc): Y.Text[] {
  const texts: Y.Text[] = []
  for (const note of doc.getMap<Y.Map<unknown>>('notes').values()) {
    const text = note.get('text')
    if (text instanceof Y.Text) texts.push(text)
  }
  return texts
}

/** The client ids a stored state holds content or deletions of. */
export function clientsIn(update: Uint8Array): Set<number> {
  const { structs, ds } = Y.decodeUpdate(update)
  return new Set([...structs.map((s) => s.id.client), ...ds.clients.keys()])
}

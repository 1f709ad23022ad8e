import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  checkUpdate,
  docIsWedged,
  MAX_TYPE_DEPTH,
  pruneDeepTypes,
  scanUpdate,
  UpdateRejectedError,
  type UpdateProblem,
} from '../../../core/sync/index'
import {
  deepNote,
  gapUpdate,
  splitDeletes,
  tinyStructs,
  unknownClientDeletes,
} from './hostile-updates'

function problemOf(doc: Y.Doc, update: Uint8Array): UpdateProblem | null {
  try {
    checkUpdate(doc, scanUpdate(update))
    return null
  } catch (error) {
    if (error instanceof UpdateRejectedError) return error.problem
    throw error
  }
}

function boardDoc(): Y.Doc {
  const doc = new Y.Doc()
  const note = new Y.Map<unknown>()
  doc.getMap('notes').set('n1', note)
  note.set('text', new Y.Text('Cut churn from 8% to 5%'))
  note.set('x', 10)
  doc.getMap('meta').set('title', 'Q3')
  return doc
}

describe('checkUpdate', () => {
  it('accepts a real board, and an edit on top of it', () => {
    const client = boardDoc()
    const server = new Y.Doc()
    const full = Y.encodeStateAsUpdate(client)
    expect(problemOf(server, full)).toBeNull()
    Y.applyUpdate(server, full)
    const sv = Y.encodeStateVector(client)
    const text = (client.getMap('notes').get('n1') as Y.Map<unknown>).get('text') as Y.Text
    text.insert(4, 'customer ')
    const edit = Y.encodeStateAsUpdate(client, sv)
    const verdict = checkUpdate(server, scanUpdate(edit))
    expect(verdict.newStructs).toBe(1)
    expect(verdict.splits).toBe(1) // inserting mid-item cuts it
    // Resending what the server already has changes nothing and is fine.
    expect(checkUpdate(server, scanUpdate(full)).newStructs).toBe(0)
  })

  it('refuses shared types nested deeper than the schema needs, and accepts the bound', () => {
    expect(problemOf(new Y.Doc(), deepNote(3000))).toBe('too-deep')
    expect(problemOf(new Y.Doc(), deepNote(MAX_TYPE_DEPTH - 2))).toBeNull()
    expect(problemOf(new Y.Doc(), deepNote(MAX_TYPE_DEPTH - 1))).toBe('too-deep')
  })

  it('refuses nesting built on a type the doc already has (parent by id)', () => {
    const client = new Y.Doc()
    Y.applyUpdate(client, deepNote(MAX_TYPE_DEPTH - 2))
    const server = new Y.Doc()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    const sv = Y.encodeStateVector(client)
    let deepest = client.getMap('notes').get('deep') as Y.Map<unknown>
    while (deepest.get('x') instanceof Y.Map) deepest = deepest.get('x') as Y.Map<unknown>
    deepest.set('y', new Y.Map())
    expect(problemOf(server, Y.encodeStateAsUpdate(client, sv))).toBe('too-deep')
  })

  it('refuses updates with a gap in a client history (they would be held as pending)', () => {
    expect(problemOf(new Y.Doc(), gapUpdate())).toBe('incomplete')
  })

  it('refuses deletes for a client the doc has never seen, or beyond what it has', () => {
    expect(problemOf(new Y.Doc(), unknownClientDeletes(3))).toBe('unknown-deletes')
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'abc')
    const server = new Y.Doc()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc))
    doc.getText('t').insert(3, 'def')
    const sv = Y.encodeStateVector(server)
    doc.getText('t').delete(0, 6)
    // Only the deletes, without the "def" they cover: the tail is unknown to the server.
    expect(Y.decodeUpdate(Y.encodeStateAsUpdate(doc, sv)).ds.clients.size).toBe(1)
    // The doc's own state vector: no structs, the whole delete set.
    const deletesOnly = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))
    expect(problemOf(server, deletesOnly)).toBe('unknown-deletes')
  })

  it('refuses a V2 update, trailing bytes, a truncated update and sub-documents', () => {
    const doc = boardDoc()
    expect(problemOf(new Y.Doc(), Y.encodeStateAsUpdateV2(doc))).toBe('malformed')
    const v1 = Y.encodeStateAsUpdate(doc)
    expect(problemOf(new Y.Doc(), new Uint8Array([...v1, 0]))).toBe('malformed')
    expect(problemOf(new Y.Doc(), v1.slice(0, v1.length - 3))).toBe('malformed')
    const withSubdoc = new Y.Doc()
    withSubdoc.getMap('notes').set('sub', new Y.Doc())
    expect(problemOf(new Y.Doc(), Y.encodeStateAsUpdate(withSubdoc))).toBe('unsupported')
  })

  it('refuses JSON values nested past the bound', () => {
    const doc = new Y.Doc()
    let value: unknown = 1
    for (let i = 0; i < 100; i++) value = [value]
    doc.getMap('meta').set('deep', value)
    expect(problemOf(new Y.Doc(), Y.encodeStateAsUpdate(doc))).toBe('too-deep')
  })

  it('counts the items a delete-only update splits', () => {
    const doc = new Y.Doc()
    const text = doc.getText('t')
    text.insert(0, 'x'.repeat(2000))
    const server = new Y.Doc()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc))
    const update = splitDeletes(doc, text, 500)
    const verdict = checkUpdate(server, scanUpdate(update))
    expect(verdict.newStructs).toBe(0)
    expect(verdict.deletes).toBe(500)
    // Every range starts and ends inside the one long item.
    expect(verdict.splits).toBeGreaterThanOrEqual(999)
    expect(update.byteLength).toBeLessThan(verdict.splits * 4)
  })

  it('bounds structs and delete ranges per update', () => {
    const tiny = tinyStructs(2000)
    expect(() =>
      scanUpdate(tiny, { maxStructs: 1000, maxDeleteRanges: 10, maxJsonDepth: 8 }),
    ).toThrow(/more than 1000 structs/)
    expect(() =>
      scanUpdate(unknownClientDeletes(50), {
        maxStructs: 10,
        maxDeleteRanges: 20,
        maxJsonDepth: 8,
      }),
    ).toThrow(/more than 20 delete ranges/)
  })

  it('refuses references that wait on each other across clients (never integrable)', () => {
    // Client 1's item claims client 2's item as its origin, while client 2's builds on it.
    const a = new Y.Doc()
    a.clientID = 1
    a.getText('t').insert(0, 'a')
    const b = new Y.Doc()
    b.clientID = 2
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    b.getText('t').insert(1, 'b')
    const shape = scanUpdate(Y.encodeStateAsUpdate(b))
    const forged = {
      structs: shape.structs.map((s) =>
        s.client === 1 ? { ...s, origin: { client: 2, clock: 0 }, parentRoot: null } : s,
      ),
      deletes: [],
    }
    expect(() => checkUpdate(new Y.Doc(), forged)).toThrow(UpdateRejectedError)
  })
})

describe('pruneDeepTypes', () => {
  it('takes a 3,000-deep chain apart without overflowing, and the board stays usable', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, deepNote(3000))
    let updates = 0
    doc.on('update', () => updates++)
    expect(pruneDeepTypes(doc, 'repair')).toBeGreaterThan(2900)
    // The note itself is within the bound and survives; deleting it no longer overflows.
    doc.getMap('notes').delete('deep')
    doc.getMap('notes').set('after', 1)
    expect(doc.getMap('notes').get('after')).toBe(1)
    expect(updates).toBeGreaterThan(1)
  })

  it('writes nothing on a board within the bound', () => {
    const doc = boardDoc()
    let updates = 0
    doc.on('update', () => updates++)
    expect(pruneDeepTypes(doc, 'repair')).toBe(0)
    expect(updates).toBe(0)
  })
})

describe('docIsWedged', () => {
  it('tells a doc whose transaction cleanup threw (it never emits again) from a healthy one', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, deepNote(3000))
    expect(docIsWedged(doc)).toBe(false)
    let emitted = 0
    doc.on('update', () => emitted++)
    // A RangeError in plain Node; inside the test runner's deeper stack Yjs reports it differently.
    expect(() => doc.getMap('notes').delete('deep')).toThrow()
    expect(docIsWedged(doc)).toBe(true)
    doc.getMap('notes').set('later', 1)
    expect(emitted).toBe(0)
  })
})

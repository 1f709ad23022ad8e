/**
 * A schema-1 board on the relay, opened by two editors at the same moment: both migrate it
 * before either has seen the other's migration, then both type into the same description.
 * The relay takes both migrations (their converted texts carry client ids above 2^32), keeps
 * one text, and every copy — both editors' and the server's — ends with both edits.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { editText } from '../../core/board/commands/text'
import { migrate } from '../../core/board/migrate'
import { readBoard } from '../../core/board/read'
import { SCHEMA_VERSION } from '../../core/board/schema'
import { connectProvider } from '../helpers/clients'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../helpers/server'

const V1_FILE = readFileSync(join(__dirname, '../core/board/fixtures-v1/v1-board.stretchboard'))
const DESCRIPTION = 'Why: churn in week one is 18 %.\nWho: the activation squad.'
const WANT = `Draft. ${DESCRIPTION}\nWhen: Q4.`

let server: TestServer
let board: CreatedBoard
const peers: WebsocketProvider[] = []

beforeAll(async () => {
  server = await startTestServer()
  board = await server.createBoard('Schema 1 board')
  // The file sets the phase and the board's settings: a facilitator's to write.
  const writer = connectProvider(server.wsUrl, board.id, board.facilitatorToken)
  peers.push(writer)
  await waitFor(() => writer.synced, { what: 'writer synced' })
  Y.applyUpdate(writer.doc, V1_FILE)
  await waitFor(() => readBoard(server.relay.rooms.get(board.id)!.doc).objectives.length === 1, {
    what: 'the relay has the schema-1 board',
  })
})

afterAll(async () => {
  for (const peer of peers) peer.destroy()
  await server?.close()
})

describe('two editors migrating one schema-1 board at once through the relay', () => {
  it('keeps one description with both edits on every copy', async () => {
    const a = connectProvider(server.wsUrl, board.id, board.editToken)
    const b = connectProvider(server.wsUrl, board.id, board.editToken)
    peers.push(a, b)
    await waitFor(() => a.synced && b.synced, { what: 'both editors synced' })
    // Neither sends its migration before the other has migrated too.
    a.disconnect()
    b.disconnect()
    migrate(a.doc, 'migration')
    migrate(b.doc, 'migration')
    const edit = (doc: Y.Doc, delta: { retain?: number; insert?: string }[]) =>
      editText(
        doc,
        { collection: 'objectives', id: 'o1', field: 'description', delta: delta as never },
        'typing',
      )
    edit(a.doc, [{ retain: DESCRIPTION.length }, { insert: '\nWhen: Q4.' }])
    edit(b.doc, [{ insert: 'Draft. ' }])
    a.connect()
    b.connect()

    const room = () => server.relay.rooms.get(board.id)!.doc
    for (const doc of [a.doc, b.doc, room()]) {
      await waitFor(() => readBoard(doc).objectives[0]?.description === WANT, {
        what: 'every copy has both edits',
      })
    }
    expect(readBoard(room()).meta.schemaVersion).toBe(SCHEMA_VERSION)
    expect(
      (room().getMap('objectives').get('o1') as Y.Map<unknown>).get('description'),
    ).toBeInstanceOf(Y.Text)
  })
})

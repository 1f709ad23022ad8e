/**
 * The title has one home, the document; the relay keeps the store's copy (what
 * `GET /api/boards/:id` answers) in step with it (server/relay/board-title.ts). Renaming the
 * board is a facilitator's action, so the clients here open the facilitate link.
 */
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setBoardTitle } from '../../core/board/commands/facilitation'
import { createLogger } from '../../server/log'
import { MAX_BOARD_TITLE_CHARS } from '../../server/relay/board-title'
import { MemoryStore } from '../../server/storage/memory-store'
import { cleanupsAfter } from '../helpers/cleanups'
import { connectProvider, synced } from '../helpers/clients'
import { FailingStore } from '../helpers/failing-store'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../helpers/server'

const cleanups = cleanupsAfter(afterEach)
const ORIGIN = { by: 'test client' }

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer(options)
  cleanups.push(() => started.close())
  return started
}

async function titleOver(srv: TestServer, board: CreatedBoard): Promise<string> {
  const response = await fetch(`${srv.url}/api/boards/${board.id}`, {
    headers: { authorization: `Bearer ${board.viewToken}` },
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { title: string }).title
}

/** Polls the REST title until it is `expected` (the store write follows durability). */
async function expectTitle(srv: TestServer, board: CreatedBoard, expected: string): Promise<void> {
  let last = ''
  await waitFor(
    async () => {
      last = await titleOver(srv, board)
      return last === expected
    },
    { timeoutMs: 5_000, intervalMs: 20, what: `title ${JSON.stringify(expected.slice(0, 40))}` },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; last answer ${JSON.stringify(last.slice(0, 80))}`)
  })
}

async function joined(srv: TestServer, board: CreatedBoard, doc = new Y.Doc()): Promise<Y.Doc> {
  const provider = connectProvider(srv.wsUrl, board.id, board.facilitatorToken, { doc, cleanups })
  await synced(provider)
  return doc
}

describe('the stored title follows the document', () => {
  it('answers the title a client set with setBoardTitle on its own synced doc', async () => {
    const srv = await server()
    const board = await srv.createBoard('Q3 draft')
    const doc = await joined(srv, board)
    expect(await titleOver(srv, board)).toBe('Q3 draft')

    setBoardTitle(doc, { title: 'Q3 planning' }, ORIGIN)
    await expectTitle(srv, board, 'Q3 planning')

    // Several renames in a row end on the last one, however the writes were coalesced.
    for (const title of ['One', 'Two', 'Three', 'Final title']) {
      setBoardTitle(doc, { title }, ORIGIN)
    }
    await expectTitle(srv, board, 'Final title')
  })

  it('stores the repaired title when a hostile client bypasses setBoardTitle', async () => {
    const srv = await server()
    const board = await srv.createBoard('Before')
    const doc = await joined(srv, board)
    const meta = doc.getMap<unknown>('meta')

    // Too long, with line breaks and a bidi override: cleaned and cut as setBoardTitle would.
    doc.transact(() => meta.set('title', `  Evil\n\u202etitle ${'x'.repeat(20_000)}`), ORIGIN)
    const cut = `Evil title ${'x'.repeat(20_000)}`.slice(0, MAX_BOARD_TITLE_CHARS)
    await expectTitle(srv, board, cut)

    // A Y.Text where a string belongs reads as its text (readMeta's repair).
    doc.transact(() => {
      const text = new Y.Text()
      meta.set('title', text)
      text.insert(0, 'From a Y.Text')
    }, ORIGIN)
    await expectTitle(srv, board, 'From a Y.Text')

    // A value with no title in it leaves the stored one: it is what the client shows then.
    doc.transact(() => meta.set('title', { not: 'a title' }), ORIGIN)
    doc.transact(() => meta.set('note', 'a later change'), ORIGIN)
    const other = await joined(srv, board)
    await waitFor(() => other.getMap('meta').get('note') === 'a later change')
    expect(await titleOver(srv, board)).toBe('From a Y.Text')

    // The board still works.
    setBoardTitle(doc, { title: 'Back to normal' }, ORIGIN)
    await expectTitle(srv, board, 'Back to normal')
  })

  it("stores the doc's title when a room loads a board whose stored title differs", async () => {
    const srv = await server()
    const board = await srv.createBoard('Original')
    const client = connectProvider(srv.wsUrl, board.id, board.facilitatorToken, { cleanups })
    await synced(client)
    setBoardTitle(client.doc, { title: 'Renamed in the doc' }, ORIGIN)
    await expectTitle(srv, board, 'Renamed in the doc')
    client.destroy()
    await waitFor(() => srv.relay.rooms.get(board.id) === null, { what: 'room unloaded' })

    // As if the write had been lost: the store names the old title, the doc the new one.
    await srv.store.setTitle(board.id, 'Stale')
    expect(await titleOver(srv, board)).toBe('Stale')
    await joined(srv, board)
    await expectTitle(srv, board, 'Renamed in the doc')
  })

  it('coalesces renames made while a write is waiting: one write at a time, the last title wins', async () => {
    const store = new FailingStore(new MemoryStore())
    let writes = 0
    const setTitle = store.setTitle.bind(store)
    store.setTitle = (id, title) => {
      writes++
      return setTitle(id, title)
    }
    const srv = await server({ store })
    const board = await srv.createBoard('Start')
    const doc = await joined(srv, board)

    store.hold({ methods: ['setTitle'] })
    setBoardTitle(doc, { title: 'First' }, ORIGIN)
    await waitFor(() => store.heldCalls === 1, { what: 'the first write waiting on the disk' })
    for (let n = 2; n <= 20; n++) setBoardTitle(doc, { title: `Rename ${n}` }, ORIGIN)
    const other = await joined(srv, board)
    await waitFor(() => other.getMap('meta').get('title') === 'Rename 20')
    expect(store.heldCalls).toBe(1)
    store.release()
    await expectTitle(srv, board, 'Rename 20')
    // The held write, then one for everything renamed while it waited.
    expect(writes).toBe(2)
  })

  it('logs a failed write, keeps the room serving, and retries on the next change', async () => {
    const lines: string[] = []
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const store = new FailingStore(new MemoryStore())
    const srv = await server({ store, logger: createLogger('warn', destination) })
    const board = await srv.createBoard('Start')
    const doc = await joined(srv, board)
    const peer = await joined(srv, board)

    store.failWith('SQLITE_BUSY', { methods: ['setTitle'] })
    setBoardTitle(doc, { title: 'Not yet stored' }, ORIGIN)
    await waitFor(() => lines.some((l) => l.includes('could not store the board title')), {
      what: 'the failure logged',
    })
    // The rename reached the peer and the room keeps taking changes.
    await waitFor(() => peer.getMap('meta').get('title') === 'Not yet stored')
    doc.getText('t').insert(0, 'still editing')
    await waitFor(() => peer.getText('t').toString() === 'still editing')
    expect(await titleOver(srv, board)).toBe('Start')

    store.heal()
    doc.getText('t').insert(0, '>> ')
    await expectTitle(srv, board, 'Not yet stored')
  })
})

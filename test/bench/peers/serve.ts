/**
 * One relay per child process for the relay benchmarks, so RSS and CPU are per server:
 * `node --import tsx test/bench/peers/serve.ts <ours|y-websocket|hocuspocus|plain-ws>`.
 * Listens on an ephemeral loopback port with compression off and prints
 * `{"msg":"listening","url":"ws://…"}`. Commands on stdin, answered as one JSON line each:
 * `stats` → `{"msg":"stats","rss","heapUsed","cpuMs","rooms"}` (CPU = user + system since
 * start, rooms = documents held in memory),
 * `gc` → collects (run with --expose-gc) then answers like `stats`.
 *
 * - ours: the real startServer (SQLite in a temp dir, durable before broadcast).
 * - y-websocket: @y/websocket-server's setupWSConnection (in-memory, the reference server).
 * - hocuspocus: @hocuspocus/server 3 with no extensions (in-memory).
 * - plain-ws: `ws` relaying each frame's bytes to the room's other sockets: the ceiling.
 *
 * BENCH_PERSIST=1 (cold-join only) makes y-websocket and hocuspocus persist to better-sqlite3,
 * our storage engine, in a temp dir (one table of doc, seq, update; WAL, synchronous=NORMAL
 * like ours), each through its own stock hook, and adds `stored` (rows) to `stats`:
 * - y-websocket: setPersistence({ bindState, writeState }) as its y-leveldb default does:
 *   bindState applies the stored rows in one transaction, then appends every doc update as a
 *   row; writeState (last client gone, doc then destroyed and unloaded) has nothing left to do.
 * - hocuspocus: an extension equal to @hocuspocus/extension-database's Database (not
 *   installed here): onLoadDocument applies the stored state, onStoreDocument (debounced 2 s,
 *   run at once when the last client leaves, then the doc is unloaded) replaces it with
 *   encodeStateAsUpdate(document), as its SQLite extension does.
 */
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'

const kind = process.argv[2] ?? ''
/** Rooms (documents) the relay holds in memory right now. */
let liveRooms: () => number = () => -1
/** Rows in the peer's SQLite table (BENCH_PERSIST=1), else -1. */
let storedRows: () => number = () => -1
const persist =
  process.env.BENCH_PERSIST === '1' && (kind === 'y-websocket' || kind === 'hocuspocus')

/** One table of (doc name, seq, update) in better-sqlite3, for the peers' persistence hooks. */
async function openUpdateStore(): Promise<{
  dir: string
  load(doc: string): Uint8Array[]
  append(doc: string, update: Uint8Array): void
  replace(doc: string, state: Uint8Array): void
}> {
  const { default: Database } = await import('better-sqlite3')
  const dir = mkdtempSync(join(tmpdir(), `stretchboard-bench-${kind}-`))
  const db = new Database(join(dir, 'updates.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(
    'CREATE TABLE updates (doc TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc, seq))',
  )
  const select = db.prepare<[string], { data: Buffer }>(
    'SELECT data FROM updates WHERE doc = ? ORDER BY seq',
  )
  const insert = db.prepare<[string, Buffer, string]>(
    'INSERT INTO updates (doc, seq, data) SELECT ?, COALESCE(MAX(seq), 0) + 1, ? FROM updates WHERE doc = ?',
  )
  const remove = db.prepare<[string]>('DELETE FROM updates WHERE doc = ?')
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM updates')
  const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)
  const append = (doc: string, update: Uint8Array) => void insert.run(doc, bytes(update), doc)
  const replace = db.transaction((doc: string, state: Uint8Array) => {
    remove.run(doc)
    append(doc, state)
  })
  storedRows = () => count.get()!.n
  return {
    dir,
    load: (doc) => select.all(doc).map((row) => new Uint8Array(row.data)),
    append,
    replace: (doc, state) => void replace(doc, state),
  }
}

async function start(): Promise<{ url: string; dataDir?: string | undefined }> {
  if (kind === 'ours') {
    const { startServer } = await import('../../../server/main')
    const { createLogger } = await import('../../../server/log')
    const dataDir = mkdtempSync(join(tmpdir(), 'stretchboard-bench-'))
    const running = await startServer({
      logger: createLogger('silent'),
      config: {
        port: 0,
        host: '127.0.0.1',
        dataDir,
        staticDir: join(dataDir, 'none'),
        // Thousands of bench sockets from 127.0.0.1 would measure the per-address limits.
        createBoardsPerMinute: 0,
        snapshotUploadsPerMinute: 0,
        socketOpensPerMinute: 0,
        maxConnectionsPerBoard: 0,
        logLevel: 'silent',
        idleTimeoutMs: 3_600_000,
        maxAwarenessClientsPerConnection: 4,
        ...(process.env.BENCH_COMPACT_AFTER_UPDATES
          ? { compactAfterUpdates: Number(process.env.BENCH_COMPACT_AFTER_UPDATES) }
          : {}),
      },
    })
    liveRooms = () => running.relay.rooms.size
    return { url: running.url }
  }
  const store = persist ? await openUpdateStore() : null
  if (kind === 'hocuspocus') {
    const { Server } = await import('@hocuspocus/server')
    const server = new Server({
      port: 0,
      address: '127.0.0.1',
      quiet: true,
      stopOnSignals: false,
      extensions: store
        ? [
            {
              // @hocuspocus/extension-database's Database, with fetch/store on SQLite.
              onLoadDocument: async ({ document, documentName }) => {
                const [state] = store.load(documentName)
                if (state) Y.applyUpdate(document, state)
              },
              onStoreDocument: async ({ document, documentName }) => {
                store.replace(documentName, Y.encodeStateAsUpdate(document))
              },
            },
          ]
        : [],
    })
    await server.listen()
    liveRooms = () => server.hocuspocus.getDocumentsCount()
    return { url: server.httpURL.replace(/\/$/, ''), dataDir: store?.dir }
  }
  const http = createServer((_req, res) => res.writeHead(404).end())
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  if (kind === 'y-websocket') {
    const { setupWSConnection, docs, setPersistence } =
      (await import('@y/websocket-server/utils')) as {
        setupWSConnection: (ws: WebSocket, req: unknown, opts?: { docName?: string }) => void
        docs: Map<string, unknown>
        setPersistence: (persistence: {
          provider: unknown
          bindState: (docName: string, ydoc: Y.Doc) => Promise<void>
          writeState: (docName: string, ydoc: Y.Doc) => Promise<void>
        }) => void
      }
    liveRooms = () => docs.size
    if (store) {
      // y-leveldb's shape. No await before the doc is filled: with a synchronous store the
      // doc is loaded before setupWSConnection sends its sync step 1.
      setPersistence({
        provider: store,
        bindState: async (docName, ydoc) => {
          const updates = store.load(docName)
          Y.transact(ydoc, () => {
            for (const update of updates) Y.applyUpdate(ydoc, update)
          })
          ydoc.on('update', (update: Uint8Array) => store.append(docName, update))
        },
        writeState: async () => {},
      })
    }
    http.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => {
        const docName = (req.url ?? '/').slice(1).split('?')[0]!.replace(/^ws\//, '')
        setupWSConnection(ws, req, { docName })
      })
    })
  } else if (kind === 'plain-ws') {
    const rooms = new Map<string, Set<WebSocket>>()
    liveRooms = () => rooms.size
    http.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => {
        const name = (req.url ?? '/').split('?')[0]!
        let room = rooms.get(name)
        if (!room) rooms.set(name, (room = new Set()))
        room.add(ws)
        ws.on('message', (data: Buffer) => {
          for (const other of room) if (other !== ws) other.send(data)
        })
        ws.on('close', () => {
          room.delete(ws)
          if (room.size === 0) rooms.delete(name)
        })
      })
    })
  } else {
    throw new Error(`unknown relay kind "${kind}"`)
  }
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done))
  const address = http.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${port}`, dataDir: store?.dir }
}

function stats(msg: string): string {
  const cpu = process.cpuUsage()
  const memory = process.memoryUsage()
  return JSON.stringify({
    msg,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rooms: liveRooms(),
    ...(persist ? { stored: storedRows() } : {}),
  })
}

const { url, dataDir } = await start()
process.stdout.write(`${JSON.stringify({ msg: 'listening', url, dataDir })}\n`)
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim()
  if (command === 'gc') {
    ;(globalThis as { gc?: () => void }).gc?.()
    process.stdout.write(`${stats('stats')}\n`)
  } else if (command === 'stats') process.stdout.write(`${stats('stats')}\n`)
})

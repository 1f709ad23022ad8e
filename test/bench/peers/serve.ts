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
 */
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { WebSocketServer, type WebSocket } from 'ws'

const kind = process.argv[2] ?? ''
/** Rooms (documents) the relay holds in memory right now. */
let liveRooms: () => number = () => -1

async function start(): Promise<string> {
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
        logLevel: 'silent',
        idleTimeoutMs: 3_600_000,
        maxAwarenessClientsPerConnection: 4,
        ...(process.env.BENCH_COMPACT_AFTER_UPDATES
          ? { compactAfterUpdates: Number(process.env.BENCH_COMPACT_AFTER_UPDATES) }
          : {}),
      },
    })
    liveRooms = () => running.relay.rooms.size
    return running.url
  }
  if (kind === 'hocuspocus') {
    const { Server } = await import('@hocuspocus/server')
    const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false })
    await server.listen()
    liveRooms = () => server.hocuspocus.getDocumentsCount()
    return server.httpURL.replace(/\/$/, '')
  }
  const http = createServer((_req, res) => res.writeHead(404).end())
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  if (kind === 'y-websocket') {
    const { setupWSConnection, docs } = (await import('@y/websocket-server/utils')) as {
      setupWSConnection: (ws: WebSocket, req: unknown, opts?: { docName?: string }) => void
      docs: Map<string, unknown>
    }
    liveRooms = () => docs.size
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
  return `http://127.0.0.1:${port}`
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
  })
}

const url = await start()
process.stdout.write(`${JSON.stringify({ msg: 'listening', url })}\n`)
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim()
  if (command === 'gc') {
    ;(globalThis as { gc?: () => void }).gc?.()
    process.stdout.write(`${stats('stats')}\n`)
  } else if (command === 'stats') process.stdout.write(`${stats('stats')}\n`)
})

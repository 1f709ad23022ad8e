/**
 * Two real relay nodes (child processes) on one PostgreSQL and one Redis, with stock y-websocket
 * providers. Runs when DATABASE_URL and REDIS_URL are set (`eval "$(bash scripts/services.sh)"`;
 * CI's .ci/run does it), plus one in-process node fed by a fake "other node". The Redis-restart
 * test starts a private redis-server of its own, so shutting it down disturbs nobody else's Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient } from 'redis'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { decodeMessage, encodeMessage, MessageKind } from '../../../server/cluster/fanout'
import { connectProvider } from '../../helpers/clients'
import { spawnServer, startTestServer, waitFor, type SpawnedServer } from '../../helpers/server'
import { cleanupsAfter } from '../../helpers/cleanups'

const databaseUrl = process.env['DATABASE_URL']
const redisUrl = process.env['REDIS_URL']

const cleanups = cleanupsAfter(afterEach)

async function node(redis: string): Promise<SpawnedServer> {
  const server = await spawnServer({
    env: { DATABASE_URL: databaseUrl ?? '', REDIS_URL: redis, LOG_LEVEL: 'info' },
  })
  cleanups.push(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      await server.kill('SIGKILL')
    }
    rmSync(server.dataDir, { recursive: true, force: true })
  })
  return server
}

function connect(server: { wsUrl: string }, boardId: string, token: string): WebsocketProvider {
  return connectProvider(server.wsUrl, boardId, token, { cleanups })
}

interface Health {
  status: string
  database?: { kind: string; up: boolean }
  redis?: { configured: boolean; up?: boolean }
}

async function health(server: SpawnedServer): Promise<Health> {
  return (await (await fetch(`${server.url}/healthz`)).json()) as Health
}

const items = (provider: WebsocketProvider) => provider.doc.getArray<string>('items').toArray()
const sorted = (values: string[]) => [...values].sort()

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
  const address = probe.address()
  await new Promise((done) => probe.close(done))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** A private, non-persistent redis-server in the foreground, so the test can stop it. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  await waitFor(() => redisCli(port, 'ping') === 'PONG', { what: 'redis up', timeoutMs: 10_000 })
  return child
}

function redisCli(port: number, ...args: string[]): string {
  const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
    encoding: 'utf8',
    timeout: 5_000,
  })
  return result.stdout.trim()
}

describe('fan-out message codec', () => {
  it('round-trips and refuses junk', () => {
    const payload = Uint8Array.from([1, 2, 3, 250])
    const encoded = encodeMessage({ kind: MessageKind.awareness, origin: 'node-ä', payload })
    expect(decodeMessage(encoded)).toEqual({
      kind: MessageKind.awareness,
      origin: 'node-ä',
      payload,
    })
    expect(decodeMessage(Uint8Array.from([9, 0, 1]))).toBeNull()
    expect(decodeMessage(Uint8Array.from([1, 5, 65]))).toBeNull()
    expect(decodeMessage(Uint8Array.from([1, 0]))).toBeNull()
  })
})

/** Each test starts two or three processes; on a busy 2-core box that alone can take 10 s. */
const SLOW = 90_000

if (databaseUrl && redisUrl) {
  describe('two relay nodes on PostgreSQL and Redis', { timeout: SLOW }, () => {
    it('clients on different nodes converge, presence included', async () => {
      const [one, two] = await Promise.all([node(redisUrl), node(redisUrl)])
      const board = await one.createBoard('cross-node')
      const a = connect(one, board.id, board.editToken)
      const b = connect(two, board.id, board.editToken)
      await waitFor(() => a.synced && b.synced, { what: 'both synced', timeoutMs: 15_000 })

      a.doc.getArray<string>('items').push(['a1', 'a2'])
      b.doc.getArray<string>('items').push(['b1'])
      await waitFor(() => items(a).length === 3 && items(b).length === 3, {
        what: 'convergence',
        timeoutMs: 10_000,
      })
      expect(items(a)).toEqual(items(b))
      expect(sorted(items(a))).toEqual(['a1', 'a2', 'b1'])

      a.awareness.setLocalStateField('user', { name: 'Ada' })
      await waitFor(
        () =>
          [...b.awareness.getStates().values()].some(
            (s) => (s['user'] as { name?: string } | undefined)?.name === 'Ada',
          ),
        { what: "A's presence on node 2", timeoutMs: 10_000 },
      )

      const status = await health(two)
      expect(status).toMatchObject({
        status: 'ok',
        database: { kind: 'postgres', up: true },
        redis: { configured: true, up: true },
      })
      const metrics = await (await fetch(`${two.url}/metrics`)).text()
      expect(metrics).toMatch(/^stretchboard_redis_up 1$/m)
      expect(metrics).toMatch(/^stretchboard_database_up 1$/m)
      expect(
        Number(/^stretchboard_fanout_received_total (\d+)$/m.exec(metrics)?.[1]),
      ).toBeGreaterThan(0)
    })

    it("rotating tokens on one node closes the board's sockets on the other (4401)", async () => {
      const [one, two] = await Promise.all([node(redisUrl), node(redisUrl)])
      const board = await one.createBoard('rotation')
      const b = connect(two, board.id, board.viewToken)
      await waitFor(() => b.synced, { what: 'B synced on node 2', timeoutMs: 15_000 })
      const closes: number[] = []
      b.on('connection-close', (event: CloseEvent | null) => {
        if (event) closes.push(event.code)
      })
      const response = await fetch(`${one.url}/api/boards/${board.id}/tokens/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.facilitatorToken}` },
      })
      expect(response.status).toBe(200)
      await waitFor(() => closes.includes(4401), { what: 'node 2 closed B with 4401' })
    })

    it('kill -9 of a node: its client moves to the other node and nothing is lost', async () => {
      const [one, two] = await Promise.all([node(redisUrl), node(redisUrl)])
      const board = await one.createBoard('failover')
      const a = connect(one, board.id, board.editToken)
      const b = connect(two, board.id, board.editToken)
      await waitFor(() => a.synced && b.synced, { what: 'both synced', timeoutMs: 15_000 })

      const list = a.doc.getArray<string>('items')
      for (let i = 0; i < 20; i++) list.push([`seen-${i}`])
      await waitFor(() => items(b).length === 20, { what: 'B saw the first edits' })
      // These may or may not have reached node 1's store or Redis when it dies.
      for (let i = 0; i < 20; i++) list.push([`late-${i}`])
      expect(await one.kill('SIGKILL')).toBe('SIGKILL')
      for (let i = 0; i < 5; i++) list.push([`offline-${i}`])

      // What a load balancer does: the same client, now routed to the surviving node.
      a.serverUrl = two.wsUrl
      await waitFor(() => a.wsconnected && a.synced, { what: 'A on node 2', timeoutMs: 15_000 })
      await waitFor(() => items(b).length === 45, { what: 'B has every edit', timeoutMs: 10_000 })
      expect(items(b)).toEqual(items(a))

      // And it is durable: a fresh client reading node 2 (the shared store) sees all 45.
      a.destroy()
      b.destroy()
      const fresh = connect(two, board.id, board.viewToken)
      await waitFor(() => fresh.synced, { what: 'fresh client synced', timeoutMs: 10_000 })
      expect(sorted(items(fresh))).toEqual(sorted(items(a)))
      expect(items(fresh)).toHaveLength(45)
    })

    it('Redis restart mid-session: nodes run alone, then converge once it is back', async () => {
      const port = await freePort()
      let redis = await startRedis(port)
      const url = `redis://127.0.0.1:${port}`
      const [one, two] = await Promise.all([node(url), node(url)])
      const board = await one.createBoard('redis-restart')
      const a = connect(one, board.id, board.editToken)
      const b = connect(two, board.id, board.editToken)
      await waitFor(() => a.synced && b.synced, { what: 'both synced', timeoutMs: 15_000 })
      a.doc.getArray<string>('items').push(['before'])
      await waitFor(() => items(b).length === 1, { what: 'fan-out before the restart' })

      const other = await two.createBoard('opened while Redis is away')
      redisCli(port, 'shutdown', 'nosave')
      await waitFor(() => redis.exitCode !== null || redis.signalCode !== null, {
        what: 'redis stopped',
      })
      for (const server of [one, two]) {
        await waitFor(async () => (await health(server)).redis?.up === false, {
          what: 'health shows Redis down',
        })
        expect((await health(server)).status).toBe('degraded')
      }
      // The log line is read from the child's stdout pipe, which may lag the HTTP answer.
      await waitFor(() => one.logs.some((line) => line.includes('redis connection lost')), {
        what: 'the lost-connection log line',
      })

      a.doc.getArray<string>('items').push(['a-during'])
      b.doc.getArray<string>('items').push(['b-during'])
      // Each node still serves its own clients, and nothing crosses while Redis is away.
      const local = connect(one, board.id, board.viewToken)
      await waitFor(() => local.synced && items(local).includes('a-during'), {
        what: 'node 1 serves its clients alone',
      })
      expect(items(a)).not.toContain('b-during')
      expect(items(b)).not.toContain('a-during')

      // A board first loaded on both nodes while Redis is down is subscribed once it is back.
      const c1 = connect(one, other.id, other.editToken)
      const c2 = connect(two, other.id, other.editToken)
      await waitFor(() => c1.synced && c2.synced, { what: 'board 2 synced', timeoutMs: 10_000 })
      c1.doc.getArray<string>('items').push(['x-during'])

      redis = await startRedis(port)
      await waitFor(() => items(a).length === 3 && items(b).length === 3, {
        what: 'convergence after Redis is back',
        timeoutMs: 20_000,
      })
      expect(items(a)).toEqual(items(b))
      expect(sorted(items(a))).toEqual(['a-during', 'b-during', 'before'])
      await waitFor(() => one.logs.some((line) => line.includes('redis connection restored')), {
        what: 'the restored-connection log line',
      })

      // And fan-out works normally again, on both boards.
      b.doc.getArray<string>('items').push(['after'])
      await waitFor(() => items(a).includes('after'), { what: 'fan-out after the restart' })
      await waitFor(() => items(c2).includes('x-during'), { what: 'board 2 healed' })
      c1.doc.getArray<string>('items').push(['x-after'])
      await waitFor(() => items(c2).includes('x-after'), { what: 'board 2 fanned out' })
      expect((await health(two)).status).toBe('ok')
    })
  })

  describe('a node receiving from Redis', { timeout: 60_000 }, () => {
    it('applies another node\u2019s update without storing it, refuses junk', async () => {
      const server = await startTestServer({ config: { databaseUrl, redisUrl } })
      cleanups.push(() => server.close())
      const board = await server.createBoard('fan-in')
      const a = connect(server, board.id, board.editToken)
      await waitFor(() => a.synced && server.fanout?.up, { what: 'synced', timeoutMs: 10_000 })
      a.doc.getArray<string>('items').push(['local'])
      const room = server.relay.rooms.get(board.id)!
      await waitFor(() => room.doc.getArray('items').length === 1, { what: 'local edit in' })
      expect(await room.flush(5_000)).toBe(true)
      const rowsBefore = (await server.store.pendingUpdates(board.id)).count

      const publisher = createClient({ url: redisUrl })
      publisher.on('error', () => {})
      await publisher.connect()
      cleanups.push(() => publisher.close())
      const channel = `stretchboard:board:${board.id}`
      const send = (bytes: Uint8Array) => publisher.publish(channel, Buffer.from(bytes))

      const counters = server.fanout!.counters
      const malformedBefore = counters.malformed
      await send(Uint8Array.of(9, 9, 9)) // unknown kind
      await send(
        encodeMessage({
          kind: MessageKind.update,
          origin: 'x',
          payload: Uint8Array.of(255, 255, 7),
        }),
      )
      await waitFor(() => counters.malformed === malformedBefore + 2, { what: 'junk refused' })

      const remote = new Y.Doc()
      remote.getArray<string>('items').push(['from-another-node'])
      await send(
        encodeMessage({
          kind: MessageKind.update,
          origin: 'another-node',
          payload: Y.encodeStateAsUpdate(remote),
        }),
      )
      await waitFor(() => a.doc.getArray('items').toArray().includes('from-another-node'), {
        what: 'remote update relayed to the local client',
      })
      // Flushed queue, and no new row: the relay did not store the remote update again.
      expect(await room.flush(5_000)).toBe(true)
      expect((await server.store.pendingUpdates(board.id)).count).toBe(rowsBefore)
      expect(a.doc.getArray('items').length).toBe(2)
    })
  })
}

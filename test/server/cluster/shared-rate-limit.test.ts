/**
 * The per-address limits behind a load balancer: with REDIS_URL, two nodes count into the same
 * Redis keys, so an address gets the allowance once, not once per node. Runs when REDIS_URL is
 * set (`eval "$(bash scripts/services.sh)"`; CI does it). Without Redis at all, the limiter
 * falls back to counting in memory: that part runs everywhere.
 */
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient } from 'redis'
import { createLogger } from '../../../server/log'
import { redisRateLimits } from '../../../server/http/rate-limit'
import { cleanupsAfter } from '../../helpers/cleanups'
import { startTestServer, type TestServer } from '../../helpers/server'
import { send, upgrade } from '../raw-http'

const redisUrl = process.env['REDIS_URL']
const cleanups = cleanupsAfter(afterEach)

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
  const address = probe.address()
  await new Promise((done) => probe.close(done))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

describe('rate limits while Redis is unreachable', () => {
  it('still count, per node, in memory (the insurance limiter)', async () => {
    const limits = await redisRateLimits(
      { createBoard: 2, snapshotUpload: 0, socketOpen: 0 },
      {
        url: `redis://127.0.0.1:${await freePort()}`,
        logger: createLogger('silent'),
        startTimeoutMs: 200,
      },
    )
    cleanups.push(() => limits.close())
    expect(await limits.consume('createBoard', '198.51.100.7')).toEqual({ allowed: true })
    expect(await limits.consume('createBoard', '198.51.100.7')).toEqual({ allowed: true })
    const refused = await limits.consume('createBoard', '198.51.100.7')
    expect(refused.allowed).toBe(false)
    expect(await limits.consume('snapshotUpload', '198.51.100.7')).toEqual({ allowed: true })
  })
})

if (redisUrl) {
  const url = redisUrl
  describe('two nodes on one Redis', { timeout: 60_000 }, () => {
    async function node(): Promise<TestServer> {
      const server = await startTestServer({
        config: { redisUrl: url, createBoardsPerMinute: 4, socketOpensPerMinute: 4 },
      })
      cleanups.push(() => server.close())
      return server
    }

    it('share one allowance per address for creations and socket opens', async () => {
      const redis = createClient({ url })
      redis.on('error', () => {})
      await redis.connect()
      cleanups.push(() => redis.close())
      const keys = [
        'stretchboard:rate:createBoard:127.0.0.1',
        'stretchboard:rate:socketOpen:127.0.0.1',
      ]
      // Counters of an earlier run in the same minute would otherwise still be there.
      await redis.del(keys)
      cleanups.push(() => redis.del(keys))

      const [one, two] = [await node(), await node()]
      const create = (server: TestServer) =>
        send(server.url, 'POST', '/api/boards', { 'content-type': 'application/json' }, '{}')
      const made: { id: string; editToken: string }[] = []
      for (const server of [one, two, one, two]) {
        const answer = await create(server)
        expect(answer.status).toBe(201)
        made.push(JSON.parse(answer.body) as { id: string; editToken: string })
      }
      for (const server of [one, two]) {
        const refused = await create(server)
        expect(refused.status).toBe(429)
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      }
      expect(Number(await redis.get(keys[0]!))).toBe(6)

      const [a, b] = [made[0]!, made[1]!]
      const open = (server: TestServer, board: { id: string; editToken: string }) =>
        upgrade(server.url, `/ws/${board.id}?token=${board.editToken}`)
      for (const [server, board] of [
        [one, a],
        [two, b],
        [one, a],
        [two, b],
      ] as const) {
        expect((await open(server, board)).status).toBe(101)
      }
      expect((await open(one, a)).status).toBe(429)
      expect((await open(two, b)).status).toBe(429)
    })
  })
}

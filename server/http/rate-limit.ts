/**
 * Per-address rate limits for the anonymous ways in: creating boards, uploading snapshots and
 * opening sockets. Counting is rate-limiter-flexible's: in memory on one node, in Redis when
 * `REDIS_URL` is set so that every node behind a load balancer draws on the same allowance
 * (otherwise n nodes would grant n times the limit). While Redis is unreachable each node counts
 * in memory on its own (the library's insurance limiter): limits stay on, only per node.
 *
 * @example
 * const limits = memoryRateLimits({ createBoard: 30, snapshotUpload: 30, socketOpen: 120 })
 * const verdict = await limits.consume('socketOpen', '203.0.113.7')
 * if (!verdict.allowed) refuse(429, verdict.retryAfterSeconds)
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { IncomingMessage } from 'node:http'
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible'
import { createClient } from 'redis'
import type { Logger } from '../log'
import { addressKey, clientAddress } from './client-address'
import type { AppEnv } from './deps'
import { RateLimitedError } from './refusals'

export const LIMIT_NAMES = ['createBoard', 'snapshotUpload', 'socketOpen'] as const
export type LimitName = (typeof LIMIT_NAMES)[number]

/** Allowed actions per client address per minute; 0 turns that limit off. */
export type PerMinute = Readonly<Record<LimitName, number>>

export type Verdict =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number }

export interface RateLimits {
  /** Counts one action for this address (any form; see addressKey) and says whether it may go. */
  consume(name: LimitName, address: string): Promise<Verdict>
  close(): Promise<void>
}

const WINDOW_SECONDS = 60
const KEY_PREFIX = 'stretchboard:rate:'
const ALLOWED: Verdict = { allowed: true }

class Limits implements RateLimits {
  constructor(
    private readonly limiters: ReadonlyMap<LimitName, RateLimiterAbstract>,
    private readonly logger: Logger | null,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async consume(name: LimitName, address: string): Promise<Verdict> {
    const limiter = this.limiters.get(name)
    if (limiter === undefined) return ALLOWED
    try {
      await limiter.consume(addressKey(address))
      return ALLOWED
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)),
        }
      }
      // Not a refusal but a failure of the store and its insurance: a broken counter must not
      // lock every team out, so the action goes ahead.
      this.logger?.warn({ err: outcome, limit: name }, 'rate limit check failed; allowed')
      return ALLOWED
    }
  }

  close(): Promise<void> {
    return this.onClose()
  }
}

function memoryLimiter(name: LimitName, points: number): RateLimiterMemory {
  return new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: KEY_PREFIX + name })
}

/** Counters in this process only: one node, or tests. */
export function memoryRateLimits(perMinute: PerMinute, logger?: Logger): RateLimits {
  const limiters = new Map<LimitName, RateLimiterAbstract>()
  for (const name of LIMIT_NAMES) {
    if (perMinute[name] > 0) limiters.set(name, memoryLimiter(name, perMinute[name]))
  }
  return new Limits(limiters, logger ?? null)
}

export interface RedisRateLimitOptions {
  /** redis://[:password@]host:port[/db], the Redis the fan-out uses. */
  readonly url: string
  readonly logger: Logger
  /** How long start waits for the first connection before counting in memory meanwhile. */
  readonly startTimeoutMs?: number
}

/**
 * Counters shared by every node on one Redis. A connection of its own: the fan-out's publisher
 * is tuned to drop commands while disconnected, and a slow limit check must never delay an
 * update's publish.
 */
export async function redisRateLimits(
  perMinute: PerMinute,
  options: RedisRateLimitOptions,
): Promise<RateLimits> {
  const log = options.logger.child({ component: 'rate-limit' })
  const client = createClient({
    url: options.url,
    // Fail a check at once while disconnected (the insurance limiter answers) instead of
    // queueing it and holding the request until Redis returns.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 10), 2_000),
    },
  })
  let down = false
  client.on('error', (error: Error) => {
    if (!down) log.warn({ err: error }, 'redis unreachable: rate limits count per node')
    down = true
  })
  client.on('ready', () => {
    if (down) log.info('redis back: rate limits shared again')
    down = false
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([
    client.connect().catch(() => undefined),
    new Promise((done) => {
      timer = setTimeout(done, options.startTimeoutMs ?? 5_000)
    }),
  ])
  clearTimeout(timer)
  const limiters = new Map<LimitName, RateLimiterAbstract>()
  for (const name of LIMIT_NAMES) {
    const points = perMinute[name]
    if (points <= 0) continue
    limiters.set(
      name,
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        points,
        duration: WINDOW_SECONDS,
        keyPrefix: KEY_PREFIX + name,
        insuranceLimiter: memoryLimiter(name, points),
      }),
    )
  }
  return new Limits(limiters, log, async () => {
    if (client.isReady) await client.close().catch(() => undefined)
    if (client.isOpen) client.destroy()
  })
}

/** The address a Hono request came from (`app.request()` in tests has no socket: 'unknown'). */
export function requestAddress(c: Context<AppEnv>, trustProxy: number): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  return clientAddress(incoming?.socket.remoteAddress, c.req.header('x-forwarded-for'), trustProxy)
}

/** Refuses the request with 429 + Retry-After once its address used up `name` this minute. */
export function limitRate(
  limits: RateLimits,
  name: LimitName,
  trustProxy: number,
  what: string,
  onRefused: () => void = () => {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const verdict = await limits.consume(name, requestAddress(c, trustProxy))
    if (!verdict.allowed) {
      onRefused()
      throw new RateLimitedError(
        verdict.retryAfterSeconds,
        `too many ${what} from this address; try again in ${verdict.retryAfterSeconds} s`,
      )
    }
    await next()
  }
}

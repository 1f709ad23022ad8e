/**
 * The HTTP app over an in-memory store and an in-process relay, for route tests that call
 * `app.request` without a server: a fixed clock, board ids `board0`, `board1`, …, quiet logs.
 *
 * @example
 * const { app, store } = testApp({ maxBodyBytes: 1024 })
 * const res = await app.request('/api/boards', { method: 'POST', body: '{}' })
 */
import { createApp } from '../../server/app'
import { DEFAULT_CONFIG, type Config } from '../../server/config'
import type { AppDeps } from '../../server/http/deps'
import { createLogger } from '../../server/log'
import { Metrics } from '../../server/metrics'
import { Relay } from '../../server/relay/relay'
import { MemoryStore } from '../../server/storage/memory-store'
import { relayOptions } from './relay'

export const TEST_NOW = 1_700_000_000_000

export function testApp(config: Partial<Config> = {}, extra: Partial<AppDeps> = {}) {
  const store = new MemoryStore()
  const metrics = new Metrics()
  const logger = createLogger('silent')
  const now = () => TEST_NOW
  const relay = new Relay(
    relayOptions(store, {
      metrics,
      logger,
      now,
      newId: () => 'conn',
      maxAwarenessBytes: 4096,
    }),
  )
  let next = 0
  const app = createApp({
    ...{ store, relay, metrics, logger, now },
    config: { ...DEFAULT_CONFIG, ...config },
    newBoardId: () => `board${next++}`,
    ...extra,
  })
  return { app, store, relay, metrics }
}

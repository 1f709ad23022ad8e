/**
 * In-process relay and room options for tests that drive `Relay` / `Room` without a server:
 * quiet logging, no keepalive timer, the default compaction policy, short storage retries.
 * Each test overrides only what it is about.
 *
 * @example
 * const relay = new Relay(relayOptions(store, { fanout, loader }))
 * const room = await Room.load('b', roomOptions(store, { maxBoardBytes: 4000 }))
 */
import { createLogger } from '../../server/log'
import { Metrics } from '../../server/metrics'
import type { RelayOptions } from '../../server/relay/relay'
import type { RoomOptions } from '../../server/relay/room'
import { compactionPolicy } from '../../server/storage/compaction'
import type { BoardStore } from '../../server/storage/store'

export function roomOptions(store: BoardStore, overrides: Partial<RoomOptions> = {}): RoomOptions {
  return {
    store,
    metrics: new Metrics(),
    logger: createLogger('silent'),
    maxAwarenessBytes: 1024,
    maxAwarenessClientsPerConnection: 4,
    compaction: compactionPolicy(),
    storageRetryMaxMs: 100,
    ...overrides,
  }
}

export function relayOptions(
  store: BoardStore,
  overrides: Partial<RelayOptions> = {},
): RelayOptions {
  return {
    ...roomOptions(store),
    now: () => 0,
    newId: () => 'c',
    maxBufferedBytes: 1 << 20,
    pingIntervalMs: 0,
    idleTimeoutMs: 60_000,
    ...overrides,
  }
}

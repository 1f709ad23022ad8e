/**
 * The state of the backing services for /healthz and /metrics: the store (SQLite or PostgreSQL,
 * probed with one indexed lookup) and, when configured, the Redis fan-out.
 *
 * @example
 * const backends = new BackendStatus({ store, storeKind: 'postgres', fanout })
 * await backends.health() // { ok: true, database: { kind: 'postgres', up: true }, redis: { … } }
 */
import type { BoardStore } from '../storage/store'
import type { RedisFanout } from './redis-fanout'

export interface BackendHealth {
  /** False when the database or Redis is unreachable: the node runs, degraded. */
  readonly ok: boolean
  readonly database: { readonly kind: string; readonly up: boolean }
  readonly redis:
    | { readonly configured: false }
    | {
        readonly configured: true
        readonly up: boolean
        readonly nodeId: string
        readonly boards: number
        readonly downSince: number | null
      }
}

export interface BackendStatusOptions {
  readonly store: BoardStore
  readonly storeKind: string
  readonly fanout?: RedisFanout | undefined
  readonly probeTimeoutMs?: number
}

/** A board id that is valid but never created, so the probe reads an index and nothing else. */
const PROBE_ID = 'healthz-probe'

export class BackendStatus {
  constructor(private readonly options: BackendStatusOptions) {}

  async health(): Promise<BackendHealth> {
    const databaseUp = await this.#probe()
    const fanout = this.options.fanout
    const redis = fanout
      ? { configured: true as const, ...fanout.status() }
      : { configured: false as const }
    return {
      ok: databaseUp && (!redis.configured || redis.up),
      database: { kind: this.options.storeKind, up: databaseUp },
      redis,
    }
  }

  /** Prometheus lines (0.0.4 text format) appended to /metrics. */
  async metrics(): Promise<string> {
    const health = await this.health()
    const out: string[] = []
    const metric = (name: string, type: 'counter' | 'gauge', help: string, value: number) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`)
    }
    metric(
      'stretchboard_database_up',
      'gauge',
      'Whether the store answered a probe (1) or not (0).',
      health.database.up ? 1 : 0,
    )
    const fanout = this.options.fanout
    if (fanout === undefined) return out.join('\n') + '\n'
    metric(
      'stretchboard_redis_up',
      'gauge',
      'Whether both Redis connections of the fan-out are ready (1) or not (0).',
      fanout.up ? 1 : 0,
    )
    const c = fanout.counters
    const counters: [string, string, number][] = [
      ['published', 'Messages published to other nodes.', c.published],
      ['published_bytes', 'Bytes published to other nodes.', c.publishedBytes],
      ['received', 'Messages from other nodes applied here.', c.received],
      ['received_bytes', 'Bytes received from other nodes.', c.receivedBytes],
      ['own_echoes', 'Own messages coming back from Redis (skipped).', c.ownEchoes],
      ['skipped_while_down', 'Messages not published while Redis was down.', c.skippedWhileDown],
      ['publish_failures', 'Publishes Redis refused or lost.', c.publishFailures],
      ['malformed', 'Messages from Redis refused as malformed.', c.malformed],
      ['heals', 'Boards resynced from the store after a possible gap.', c.heals],
      ['heal_failures', 'Heals that failed and were retried.', c.healFailures],
    ]
    for (const [name, help, value] of counters) {
      metric(`stretchboard_fanout_${name}_total`, 'counter', help, value)
    }
    return out.join('\n') + '\n'
  }

  async #probe(): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<false>((done) => {
      timer = setTimeout(() => done(false), this.options.probeTimeoutMs ?? 2_000)
    })
    try {
      return await Promise.race([
        this.options.store.getBoard(PROBE_ID).then(
          () => true,
          () => false,
        ),
        timeout,
      ])
    } finally {
      clearTimeout(timer)
    }
  }
}

/**
 * Composition root: builds the store, relay, HTTP app and the Node server, and owns the process
 * lifecycle (signals, fatal errors). `startServer` is what tests and scripts use; running this
 * file directly (`tsx server/main.ts --help`) reads the environment and flags.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostname } from 'node:os'
import { pathToFileURL } from 'node:url'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { createApp } from './app'
import { RedisFanout } from './cluster/redis-fanout'
import { BackendStatus } from './cluster/status'
import { ConfigError, DEFAULT_CONFIG, helpText, parseConfig, type Config } from './config'
import { securityConfigProblem } from './config-security'
import type { AppEnv } from './http/deps'
import type { ListeningAddress } from './http/public-url'
import {
  memoryRateLimits,
  redisRateLimits,
  type PerMinute,
  type RateLimits,
} from './http/rate-limit'
import { createLogger, type Logger } from './log'
import { Metrics } from './metrics'
import { WorkerLoader } from './storage/off-thread-load'
import { Relay, type RelayOptions } from './relay/relay'
import { capConnectionsPerAddress } from './http/connection-cap'
import { attachRelay } from './relay/upgrade'
import { compactionPolicy } from './storage/compaction'
import { openBoardStore, redactUrl, SQLITE_FILE_NAME, type OpenedStore } from './storage/open-store'
import type { BoardStore } from './storage/store'

export const DATABASE_FILE = SQLITE_FILE_NAME

export interface StartOptions {
  readonly config?: Partial<Config>
  /** Defaults to SQLite in `config.dataDir`. A store passed in is closed by `close()` too. */
  readonly store?: BoardStore
  readonly logger?: Logger
  readonly now?: () => number
}

export interface RunningServer {
  /** `http://host:port`, without a trailing slash. */
  readonly url: string
  readonly port: number
  readonly app: Hono<AppEnv>
  readonly relay: Relay
  readonly metrics: Metrics
  readonly store: BoardStore
  /** Cross-node fan-out, when `redisUrl` is set. */
  readonly fanout: RedisFanout | null
  /** Stops accepting, flushes, closes sockets with 1012, closes the store. Idempotent. */
  close(): Promise<void>
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config: Config = { ...DEFAULT_CONFIG, ...options.config }
  const logger = options.logger ?? createLogger(config.logLevel)
  const now = options.now ?? Date.now
  const problem = securityConfigProblem(config)
  if (problem !== null) throw new ConfigError(problem)
  // Validated before anything is opened, so a bad threshold leaves nothing behind.
  const compaction = compactionPolicy({
    maxUpdates: config.compactAfterUpdates,
    maxBytes: config.compactAfterBytes,
  })
  const { opened, fanout } = await openBackends(config, options.store, logger)
  const store = opened.store
  const rateLimits = await openRateLimits(config, logger)
  const metrics = new Metrics()
  const loader = new WorkerLoader(logger)
  const relay = new Relay({
    ...relayLimits(config),
    store,
    metrics,
    logger,
    now,
    newId: () => randomUUID(),
    compaction,
    fanout: fanout ?? undefined,
    loader,
  })
  if (fanout) fanout.onRevoke = (boardId) => relay.revoke(boardId, true)
  const backends = new BackendStatus({ store, storeKind: opened.kind, fanout: fanout ?? undefined })
  let listening: ListeningAddress | null = null
  const app = createApp({
    store,
    relay,
    metrics,
    logger,
    config,
    now,
    newBoardId: () => randomBytes(12).toString('base64url'),
    backends,
    rateLimits,
    listening: () => listening,
  })
  const closeBackends = async () => {
    await loader.close()
    await rateLimits.close()
    await fanout?.close()
    await store.close()
  }

  let server: Server
  try {
    server = await listen(app, config)
  } catch (error) {
    await closeBackends()
    throw error
  }
  const detachRelay = attachRelay(server, {
    relay,
    store,
    metrics,
    logger,
    maxPayloadBytes: config.maxPayloadBytes,
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    rateLimits,
    trustProxy: config.trustProxy,
    maxConnectionsPerBoard: config.maxConnectionsPerBoard,
  })
  capConnectionsPerAddress(server, config, metrics)
  relay.startHeartbeat()
  const { port } = server.address() as AddressInfo
  listening = { host: config.host, port }
  const url = announce(config, port, opened, logger)
  const close = stopper({ server, relay, detachRelay, closeBackends, config, logger })
  return { url, port, app, relay, metrics, store, fanout, close }
}

/**
 * `RunningServer.close`: stop accepting, flush the boards (bounded), close the sockets, then
 * the backends. Calling it again returns the same promise.
 */
function stopper(parts: {
  readonly server: Server
  readonly relay: Relay
  readonly detachRelay: () => void
  readonly closeBackends: () => Promise<void>
  readonly config: Config
  readonly logger: Logger
}): () => Promise<void> {
  const { server, relay, logger } = parts
  let closing: Promise<void> | null = null
  return () => {
    closing ??= (async () => {
      logger.info('shutting down')
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const lost = await relay.shutdown(parts.config.shutdownTimeoutMs)
      parts.detachRelay()
      server.closeAllConnections()
      await stopped
      await parts.closeBackends()
      logger.info({ lostUpdates: lost }, 'stopped')
    })()
    return closing
  }
}

/** The store as /healthz names it: 'custom' when the caller passed one in. */
type Backing = Omit<OpenedStore, 'kind'> & { readonly kind: OpenedStore['kind'] | 'custom' }

/** The store (SQLite in `dataDir` unless one is passed in) and, with `redisUrl`, the fan-out. */
async function openBackends(
  config: Config,
  passedIn: BoardStore | undefined,
  logger: Logger,
): Promise<{ opened: Backing; fanout: RedisFanout | null }> {
  const opened: Backing = passedIn
    ? { store: passedIn, kind: 'custom', description: 'passed in' }
    : await openBoardStore({
        dataDir: config.dataDir,
        databaseUrl: config.databaseUrl,
        sqliteFileName: DATABASE_FILE,
        onConnectionError: (err) => logger.warn({ err }, 'database connection lost'),
      })
  if (config.redisUrl === '') return { opened, fanout: null }
  try {
    const fanout = await RedisFanout.start({
      url: config.redisUrl,
      store: opened.store,
      logger,
      nodeId: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    })
    return { opened, fanout }
  } catch (error) {
    await opened.store.close()
    throw error
  }
}

function openRateLimits(config: Config, logger: Logger): Promise<RateLimits> | RateLimits {
  const perMinute: PerMinute = {
    createBoard: config.createBoardsPerMinute,
    snapshotUpload: config.snapshotUploadsPerMinute,
    socketOpen: config.socketOpensPerMinute,
  }
  // On the cluster's Redis the allowance is per address across all nodes, not per node.
  return config.redisUrl === ''
    ? memoryRateLimits(perMinute, logger)
    : redisRateLimits(perMinute, { url: config.redisUrl, logger })
}

/** The relay's bounds, as configured. */
function relayLimits(config: Config) {
  return {
    maxBufferedBytes: config.maxBufferedBytes,
    maxAwarenessBytes: config.maxAwarenessBytes,
    maxAwarenessClientsPerConnection: config.maxAwarenessClientsPerConnection,
    maxRoomAwarenessBytes: config.maxRoomAwarenessBytes,
    maxAwarenessBytesPerSecond: config.maxAwarenessBytesPerSecond,
    storageRetryMaxMs: config.storageRetryMaxMs,
    maxBoardBytes: config.maxBoardBytes,
    pingIntervalMs: config.pingIntervalMs,
    idleTimeoutMs: config.idleTimeoutMs,
  } satisfies Partial<RelayOptions>
}

/** Logs the 'listening' line (tests and scripts wait for it) and returns the server's URL. */
function announce(config: Config, port: number, opened: Backing, logger: Logger): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${host}:${port}`
  logger.info(
    {
      url,
      store: opened.kind,
      storage: opened.description,
      redis: config.redisUrl === '' ? null : redactUrl(config.redisUrl),
    },
    'listening',
  )
  return url
}

function listen(app: Hono<AppEnv>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server
    server.once('error', reject)
    server.once('listening', () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

/**
 * The process entry point: flags and env in, signals handled, exit codes out. scripts/start.mjs
 * calls it after building the client; running this file directly calls it too.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  let parsed
  try {
    parsed = parseConfig(process.env, argv)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(2)
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${helpText()}\n`)
    return
  }
  const logger = createLogger(parsed.config.logLevel)
  process.on('unhandledRejection', (reason) => {
    // Every known path handles its errors; one that slipped through must not take boards down.
    logger.error({ err: reason }, 'unhandled rejection')
  })
  let running: RunningServer
  try {
    running = await startServer({ config: parsed.config, logger })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(2)
  }
  // stdout carries JSON logs for machines; the person at the terminal gets one plain line.
  process.stderr.write(`Stretchboard is running at ${running.url} (Ctrl+C stops it)\n`)
  const stop = (signal: string) => {
    logger.info({ signal }, 'signal received')
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  runCli(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`stretchboard failed to start: ${String(error)}\n`)
    process.exit(1)
  })
}

/**
 * Server configuration from the environment and `--flags` (flags win). Every setting has one
 * entry in `SETTINGS`, which also produces `--help` and the table in docs/server.md, so the three
 * cannot drift apart.
 */
import { SECURITY_SETTINGS, securityConfigProblem, type SecurityConfig } from './config-security'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config extends SecurityConfig {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly staticDir: string
  readonly logLevel: LogLevel
  /** Extra origins allowed for upgrades and state-changing calls; the server's own always is. */
  readonly allowedOrigins: readonly string[]
  readonly maxPayloadBytes: number
  readonly maxBufferedBytes: number
  readonly maxBodyBytes: number
  readonly maxAwarenessBytes: number
  readonly maxAwarenessClientsPerConnection: number
  readonly maxRoomAwarenessBytes: number
  readonly maxAwarenessBytesPerSecond: number
  readonly pingIntervalMs: number
  readonly idleTimeoutMs: number
  readonly maxBoardBytes: number
  readonly compactAfterUpdates: number
  readonly compactAfterBytes: number
  readonly storageRetryMaxMs: number
  readonly shutdownTimeoutMs: number
  /** postgres://… selects the shared PostgreSQL store (several nodes); empty = SQLite. */
  readonly databaseUrl: string
  /** redis://… turns on cross-node fan-out (server/cluster/); empty = single node. */
  readonly redisUrl: string
}

type Kind = 'int' | 'string' | 'list' | 'level'

export interface Setting {
  readonly key: keyof Config
  readonly env: string
  readonly flag: string
  readonly kind: Kind
  readonly fallback: Config[keyof Config]
  readonly help: string
  /** For 'string' settings: checks and normalises the value, throwing a message if it is bad. */
  readonly parse?: (value: string) => unknown
}

const MiB = 1024 * 1024

export const SETTINGS: readonly Setting[] = [
  {
    key: 'port',
    env: 'PORT',
    flag: 'port',
    kind: 'int',
    fallback: 8787,
    help: 'TCP port (0 = any free port)',
  },
  {
    key: 'host',
    env: 'HOST',
    flag: 'host',
    kind: 'string',
    fallback: '127.0.0.1',
    help: 'Interface to listen on',
  },
  {
    key: 'dataDir',
    env: 'DATA_DIR',
    flag: 'data-dir',
    kind: 'string',
    fallback: './data',
    help: 'Directory of the SQLite database (WAL mode)',
  },
  {
    key: 'staticDir',
    env: 'STATIC_DIR',
    flag: 'static-dir',
    kind: 'string',
    fallback: './dist/client',
    help: 'Built web app served at / and /b/*',
  },
  {
    key: 'logLevel',
    env: 'LOG_LEVEL',
    flag: 'log-level',
    kind: 'level',
    fallback: 'info',
    help: `Log level: ${LOG_LEVELS.join(', ')}`,
  },
  {
    key: 'allowedOrigins',
    env: 'ALLOWED_ORIGINS',
    flag: 'allowed-origins',
    kind: 'list',
    fallback: [],
    help: 'Comma-separated extra origins allowed to connect (own origin always is)',
  },
  {
    key: 'maxPayloadBytes',
    env: 'MAX_PAYLOAD_BYTES',
    flag: 'max-payload-bytes',
    kind: 'int',
    fallback: 16 * MiB,
    help: 'Largest websocket frame and snapshot upload (close 1009 / HTTP 413)',
  },
  {
    key: 'maxBufferedBytes',
    env: 'MAX_BUFFERED_BYTES',
    flag: 'max-buffered-bytes',
    kind: 'int',
    fallback: 8 * MiB,
    help: 'Send buffer of one socket before the slow reader is cut off',
  },
  {
    key: 'maxBodyBytes',
    env: 'MAX_BODY_BYTES',
    flag: 'max-body-bytes',
    kind: 'int',
    fallback: 64 * 1024,
    help: 'Largest JSON request body (HTTP 413)',
  },
  {
    key: 'maxAwarenessBytes',
    env: 'MAX_AWARENESS_BYTES',
    flag: 'max-awareness-bytes',
    kind: 'int',
    fallback: 32 * 1024,
    help: 'Largest awareness state of one client',
  },
  {
    key: 'maxAwarenessClientsPerConnection',
    env: 'MAX_AWARENESS_CLIENTS',
    flag: 'max-awareness-clients',
    kind: 'int',
    fallback: 4,
    help: 'Awareness client ids one socket may introduce',
  },
  {
    key: 'maxRoomAwarenessBytes',
    env: 'MAX_ROOM_AWARENESS_BYTES',
    flag: 'max-room-awareness-bytes',
    kind: 'int',
    fallback: MiB,
    help: 'All awareness states of one board together; growth past it is refused',
  },
  {
    key: 'maxAwarenessBytesPerSecond',
    env: 'MAX_AWARENESS_BYTES_PER_SECOND',
    flag: 'max-awareness-bytes-per-second',
    kind: 'int',
    fallback: 16 * 1024,
    help: 'Awareness bytes one socket may publish per second; faster updates are coalesced',
  },
  {
    key: 'pingIntervalMs',
    env: 'PING_INTERVAL_MS',
    flag: 'ping-interval-ms',
    kind: 'int',
    fallback: 30_000,
    help: 'Keepalive ping period; a socket missing one pong is dropped',
  },
  {
    key: 'idleTimeoutMs',
    env: 'IDLE_TIMEOUT_MS',
    flag: 'idle-timeout-ms',
    kind: 'int',
    fallback: 120_000,
    help: 'Close a socket that sent no message for this long',
  },
  {
    key: 'maxBoardBytes',
    env: 'MAX_BOARD_BYTES',
    flag: 'max-board-bytes',
    kind: 'int',
    fallback: 10 * MiB,
    help: 'Largest board opened or grown; loading blocks the node ≈21 µs per note (close 4413 / HTTP 413)',
  },
  {
    key: 'compactAfterUpdates',
    env: 'COMPACT_AFTER_UPDATES',
    flag: 'compact-after-updates',
    kind: 'int',
    fallback: 500,
    help: 'Compact a board once this many update rows are pending',
  },
  {
    key: 'compactAfterBytes',
    env: 'COMPACT_AFTER_BYTES',
    flag: 'compact-after-bytes',
    kind: 'int',
    fallback: 2 * MiB,
    help: '… or once the pending updates are this large',
  },
  {
    key: 'storageRetryMaxMs',
    env: 'STORAGE_RETRY_MAX_MS',
    flag: 'storage-retry-max-ms',
    kind: 'int',
    fallback: 30_000,
    help: 'Longest wait between retries of a failed storage write',
  },
  {
    key: 'shutdownTimeoutMs',
    env: 'SHUTDOWN_TIMEOUT_MS',
    flag: 'shutdown-timeout-ms',
    kind: 'int',
    fallback: 10_000,
    help: 'Longest wait for the flush on SIGTERM/SIGINT',
  },
  {
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    flag: 'database-url',
    kind: 'string',
    fallback: '',
    help: 'postgres://… to share boards between relay nodes (else SQLite in DATA_DIR)',
  },
  {
    key: 'redisUrl',
    env: 'REDIS_URL',
    flag: 'redis-url',
    kind: 'string',
    fallback: '',
    help: 'redis://… to fan out updates and presence across relay nodes (docs/deployment.md)',
  },
  ...SECURITY_SETTINGS,
]

export const DEFAULT_CONFIG: Config = Object.fromEntries(
  SETTINGS.map((s) => [s.key, s.fallback]),
) as unknown as Config

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type ParsedArgs =
  { readonly kind: 'run'; readonly config: Config } | { readonly kind: 'help' }

/**
 * @example
 * parseConfig({ PORT: '0' }, ['--data-dir', '/tmp/x']) // { kind: 'run', config: { port: 0, … } }
 */
export function parseConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): ParsedArgs {
  const raw = new Map<Setting, string>()
  for (const setting of SETTINGS) {
    const value = env[setting.env]
    if (value !== undefined && value !== '') raw.set(setting, value)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--help' || arg === '-h') return { kind: 'help' }
    if (!arg.startsWith('--')) throw new ConfigError(`Unexpected argument '${arg}' (see --help)`)
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq === -1 ? undefined : eq)
    const setting = SETTINGS.find((s) => s.flag === name)
    if (setting === undefined) throw new ConfigError(`Unknown option --${name} (see --help)`)
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined) throw new ConfigError(`--${name} needs a value`)
    raw.set(setting, value)
  }
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG }
  for (const [setting, value] of raw) config[setting.key] = convert(setting, value)
  const problem = securityConfigProblem(config as unknown as Config)
  if (problem !== null) throw new ConfigError(problem)
  return { kind: 'run', config: config as unknown as Config }
}

function convert(setting: Setting, value: string): unknown {
  const where = `${setting.env} / --${setting.flag}`
  switch (setting.kind) {
    case 'int': {
      const n = Number(value)
      if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
        throw new ConfigError(`${where} must be a whole number ≥ 0, got '${value}'`)
      }
      if (setting.key === 'port' && n > 65535) throw new ConfigError(`${where} must be ≤ 65535`)
      return n
    }
    case 'level':
      if (!(LOG_LEVELS as readonly string[]).includes(value)) {
        throw new ConfigError(`${where} must be one of ${LOG_LEVELS.join(', ')}, got '${value}'`)
      }
      return value
    case 'list':
      return value
        .split(',')
        .map((s) => s.trim().replace(/\/+$/, ''))
        .filter((s) => s !== '')
    case 'string':
      try {
        return setting.parse ? setting.parse(value) : value
      } catch (error) {
        throw new ConfigError(`${where} ${error instanceof Error ? error.message : String(error)}`)
      }
  }
}

export function helpText(): string {
  const lines = [
    'Usage: npm start -- [options]   (or: tsx server/main.ts [options])',
    '',
    'Every option can also be set by its environment variable; flags win.',
    '',
  ]
  // Columns as wide as the longest flag and variable, so the help stays a table.
  const flagWidth = Math.max(...SETTINGS.map((s) => s.flag.length))
  const envWidth = Math.max(...SETTINGS.map((s) => s.env.length))
  for (const s of SETTINGS) {
    const fallback = Array.isArray(s.fallback) ? '(none)' : String(s.fallback)
    const flag = `--${s.flag.padEnd(flagWidth)}`
    lines.push(`  ${flag} ${s.env.padEnd(envWidth)} ${s.help} [default: ${fallback}]`)
  }
  lines.push('  --help, -h')
  return lines.join('\n')
}

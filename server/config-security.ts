/**
 * The settings that decide who may use the server and how much (issue 12, items 5 and 10): the
 * public address, the client address behind proxies, the creation secret and the per-address
 * rate limits. Kept apart from config.ts so that table stays under the file-size budget; they are
 * spread into its `SETTINGS`, so `--help`, the env parsing and the docs table treat them alike.
 */
import type { Config, Setting } from './config'

export const BOARD_CREATION_MODES = ['open', 'secret'] as const
export type BoardCreationMode = (typeof BOARD_CREATION_MODES)[number]

/** Shorter secrets could be guessed within the creation rate limit over weeks. */
export const MIN_CREATION_SECRET_CHARS = 16

export interface SecurityConfig {
  /**
   * `https://boards.example.com`: the origin of share links and of the Origin checks. Empty =
   * the request's own origin, but only when its Host is this server's (public-url.ts).
   */
  readonly publicUrl: string
  /** Reverse proxies in front that append to X-Forwarded-For; 0 = the socket's address. */
  readonly trustProxy: number
  readonly boardCreation: BoardCreationMode
  readonly boardCreationSecret: string
  /** Per client address and minute; 0 turns a limit off. */
  readonly createBoardsPerMinute: number
  readonly snapshotUploadsPerMinute: number
  readonly socketOpensPerMinute: number
  /** Sockets on one board on one node; 0 = no cap. */
  readonly maxConnectionsPerBoard: number
  /** Open TCP connections per client address, closed at accept past it; 0 = no cap. */
  readonly maxConnectionsPerAddress: number
}

/**
 * `PUBLIC_URL` reduced to its origin. Paths are refused: the app, the API and the relay live at
 * the root (`/b/…`, `/api/…`, `/ws/…`), so a prefix would produce links that do not open.
 *
 * @example
 * parsePublicUrl('https://boards.example.com/') // 'https://boards.example.com'
 */
export function parsePublicUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`must be an absolute URL like https://boards.example.com, got '${value}'`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`must start with http:// or https://, got '${value}'`)
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new Error(`must be only scheme, host and port, got '${value}'`)
  }
  if (url.pathname !== '/')
    throw new Error(`cannot have a path (the app lives at /), got '${value}'`)
  return url.origin
}

function parseCreationMode(value: string): BoardCreationMode {
  const mode = BOARD_CREATION_MODES.find((m) => m === value)
  if (mode === undefined) {
    throw new Error(`must be one of ${BOARD_CREATION_MODES.join(', ')}, got '${value}'`)
  }
  return mode
}

export const SECURITY_SETTINGS: readonly Setting[] = [
  {
    key: 'publicUrl',
    env: 'PUBLIC_URL',
    flag: 'public-url',
    kind: 'string',
    fallback: '',
    parse: parsePublicUrl,
    help: 'https://… the public origin: share links and the Origin checks (else a trusted Host)',
  },
  {
    key: 'trustProxy',
    env: 'TRUST_PROXY',
    flag: 'trust-proxy',
    kind: 'int',
    fallback: 0,
    help: 'Proxies in front that append X-Forwarded-For (0 = use the socket address)',
  },
  {
    key: 'boardCreation',
    env: 'BOARD_CREATION',
    flag: 'board-creation',
    kind: 'string',
    fallback: 'open',
    parse: parseCreationMode,
    help: 'open, or secret: POST /api/boards needs Authorization: Bearer <BOARD_CREATION_SECRET>',
  },
  {
    key: 'boardCreationSecret',
    env: 'BOARD_CREATION_SECRET',
    flag: 'board-creation-secret',
    kind: 'string',
    fallback: '',
    help: `Secret for BOARD_CREATION=secret (≥ ${MIN_CREATION_SECRET_CHARS} characters; prefer the variable)`,
  },
  {
    key: 'createBoardsPerMinute',
    env: 'CREATE_BOARDS_PER_MINUTE',
    flag: 'create-boards-per-minute',
    kind: 'int',
    fallback: 30,
    help: 'Boards one client address may create per minute (HTTP 429; 0 = no limit)',
  },
  {
    key: 'snapshotUploadsPerMinute',
    env: 'SNAPSHOT_UPLOADS_PER_MINUTE',
    flag: 'snapshot-uploads-per-minute',
    kind: 'int',
    fallback: 30,
    help: 'Snapshot uploads (PUT …/snapshot) per client address per minute (HTTP 429; 0 = off)',
  },
  {
    key: 'socketOpensPerMinute',
    env: 'SOCKET_OPENS_PER_MINUTE',
    flag: 'socket-opens-per-minute',
    kind: 'int',
    fallback: 120,
    help: 'Websocket upgrades per client address per minute (HTTP 429; 0 = no limit)',
  },
  {
    key: 'maxConnectionsPerBoard',
    env: 'MAX_CONNECTIONS_PER_BOARD',
    flag: 'max-connections-per-board',
    kind: 'int',
    fallback: 100,
    help: 'Sockets on one board on one node (HTTP 503 before the upgrade; 0 = no cap)',
  },
  {
    key: 'maxConnectionsPerAddress',
    env: 'MAX_CONNECTIONS_PER_ADDRESS',
    flag: 'max-connections-per-address',
    kind: 'int',
    fallback: 256,
    help: 'Open connections from one client address; more are closed at accept, before any HTTP (0 = no cap; off with TRUST_PROXY)',
  },
]

/** Checks that span settings; `parseConfig` and `startServer` both run it. */
export function securityConfigProblem(config: Config): string | null {
  if (config.boardCreation === 'secret') {
    if (config.boardCreationSecret.length < MIN_CREATION_SECRET_CHARS) {
      return (
        `BOARD_CREATION=secret needs BOARD_CREATION_SECRET of at least ` +
        `${MIN_CREATION_SECRET_CHARS} characters (e.g. \`openssl rand -base64 24\`)`
      )
    }
  }
  return null
}

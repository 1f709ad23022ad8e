/**
 * What the HTTP layer needs, passed in by the composition root (main.ts) or by tests, so that
 * `createApp` never reads the environment, the clock or the network by itself.
 */
import type { BackendStatus } from '../cluster/status'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Relay } from '../relay/relay'
import type { BoardStore } from '../storage/store'
import type { Grant } from './auth'
import type { ListeningAddress } from './public-url'
import type { RateLimits } from './rate-limit'

export interface AppDeps {
  readonly store: BoardStore
  readonly relay: Relay
  readonly metrics: Metrics
  readonly logger: Logger
  readonly config: Pick<
    Config,
    | 'maxBodyBytes'
    | 'maxPayloadBytes'
    | 'allowedOrigins'
    | 'staticDir'
    | 'shutdownTimeoutMs'
    | 'publicUrl'
    | 'trustProxy'
    | 'boardCreation'
    | 'boardCreationSecret'
    | 'createBoardsPerMinute'
    | 'snapshotUploadsPerMinute'
  >
  readonly now: () => number
  readonly newBoardId: () => string
  /** Database and Redis state for /healthz and /metrics (main.ts always passes it). */
  readonly backends?: BackendStatus | undefined
  /** Shared counters (Redis) from main.ts; absent = in-memory limits built from `config`. */
  readonly rateLimits?: RateLimits | undefined
  /**
   * Where the server listens, so a request's Host can be checked against it (public-url.ts).
   * Absent when the app is driven through `app.request()` only.
   */
  readonly listening?: (() => ListeningAddress | null) | undefined
}

export interface AppEnv {
  Variables: {
    grant: Grant
    /** The origin share links are built from, set before any route that returns links. */
    publicOrigin: string
  }
}

/**
 * Picks the store from configuration, so the composition root needs one call: PostgreSQL when
 * a DATABASE_URL is given (several relay nodes), else the SQLite file in DATA_DIR.
 *
 * @example
 * const { store, description } = await openBoardStore({
 *   dataDir: config.dataDir,
 *   databaseUrl: process.env['DATABASE_URL'],
 *   onConnectionError: (err) => logger.warn({ err }, 'database connection lost'),
 * })
 * logger.info({ store: description }, 'storage ready')
 */
import { join } from 'node:path'
import type { BoardStore } from './store'
import { PostgresStore } from './postgres-store'
import { SqliteStore } from './sqlite-store'

export const SQLITE_FILE_NAME = 'stretchboard.sqlite'

export interface StoreConfig {
  readonly dataDir: string
  /** postgres://… selects PostgreSQL; empty or absent selects SQLite. */
  readonly databaseUrl?: string | undefined
  readonly sqliteFileName?: string
  readonly onConnectionError?: (error: Error) => void
}

export interface OpenedStore {
  readonly store: BoardStore
  readonly kind: 'sqlite' | 'postgres'
  /** Where the data lives, safe to log: the URL's password is masked. */
  readonly description: string
}

export async function openBoardStore(config: StoreConfig): Promise<OpenedStore> {
  const url = config.databaseUrl?.trim()
  if (url) {
    const store = await PostgresStore.open({
      connectionString: url,
      ...(config.onConnectionError ? { onConnectionError: config.onConnectionError } : {}),
    })
    return { store, kind: 'postgres', description: redactUrl(url) }
  }
  const file = join(config.dataDir, config.sqliteFileName ?? SQLITE_FILE_NAME)
  return { store: new SqliteStore(file), kind: 'sqlite', description: file }
}

/** The URL with its password replaced, for logs and /healthz. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    // Unparseable: show nothing of it rather than risk printing a secret.
    return '<invalid url>'
  }
}

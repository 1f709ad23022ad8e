/**
 * Starts the real Stretchboard server for integration, fault and browser tests: in-process
 * (`startTestServer`, fast, inspectable) or as a child process (`spawnServer`, for kill -9 and
 * signal tests). Both use an ephemeral port and a fresh temporary DATA_DIR unless given one.
 *
 * @example
 * const server = await startTestServer()
 * const board = await server.createBoard('Q3 planning')
 * const provider = new WebsocketProvider(server.wsUrl, board.id, doc, {
 *   params: { token: board.editToken }, WebSocketPolyfill: WebSocket,
 * })
 * await server.close()
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Config } from '../../server/config'
import { startServer, type RunningServer, type StartOptions } from '../../server/main'

export const REPO_ROOT = resolve(import.meta.dirname, '../..')
/**
 * The built web app. Servers started here serve no client unless told to: browser tests pass
 * `config: { staticDir: CLIENT_DIST }` (or `staticDir` to spawnServer) after a `vite build`.
 */
export const CLIENT_DIST = join(REPO_ROOT, 'dist', 'client')

/**
 * The per-address limits (docs/server.md) turned off. Every test client comes from 127.0.0.1,
 * so suites that open thousands of sockets or create dozens of boards would otherwise be
 * measuring the rate limiter; servers started here use this unless a test sets its own limits
 * (test/server/rate-limit.test.ts runs on the real defaults).
 */
export const NO_RATE_LIMITS = {
  createBoardsPerMinute: 0,
  snapshotUploadsPerMinute: 0,
  socketOpensPerMinute: 0,
  maxConnectionsPerBoard: 0,
  maxConnectionsPerAddress: 0,
} as const satisfies Partial<Config>

/** The same for a child process, as environment variables. */
export const NO_RATE_LIMITS_ENV: Readonly<Record<string, string>> = {
  CREATE_BOARDS_PER_MINUTE: '0',
  SNAPSHOT_UPLOADS_PER_MINUTE: '0',
  SOCKET_OPENS_PER_MINUTE: '0',
  MAX_CONNECTIONS_PER_BOARD: '0',
  MAX_CONNECTIONS_PER_ADDRESS: '0',
}

export interface CreatedBoard {
  readonly id: string
  readonly title: string
  readonly editToken: string
  readonly viewToken: string
  readonly editUrl: string
  readonly viewUrl: string
  readonly facilitatorToken: string
  readonly facilitatorUrl: string
}

export interface TestServer extends RunningServer {
  readonly dataDir: string
  /** `ws://host:port/ws`: the serverUrl to give a stock WebsocketProvider. */
  readonly wsUrl: string
  createBoard(title?: string): Promise<CreatedBoard>
  /** Closes the server and deletes the data directory (unless it was passed in). */
  close(): Promise<void>
}

export interface TestServerOptions extends Omit<StartOptions, 'config'> {
  readonly config?: Partial<Config>
  /** Reuse a directory (restart tests); it is then left in place on close. */
  readonly dataDir?: string
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'stretchboard-test-'))
  const running = await startServer({
    ...options,
    config: {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logLevel: 'silent',
      staticDir: join(dataDir, 'no-client'),
      ...NO_RATE_LIMITS,
      ...options.config,
    },
  })
  const wsUrl = running.url.replace(/^http/, 'ws') + '/ws'
  return {
    ...running,
    dataDir,
    wsUrl,
    createBoard: (title = 'Test board') => createBoard(running.url, title),
    close: async () => {
      await running.close()
      if (ownDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function createBoard(url: string, title = 'Test board'): Promise<CreatedBoard> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) {
    throw new Error(`createBoard: HTTP ${response.status} ${await response.text()}`)
  }
  return (await response.json()) as CreatedBoard
}

export interface SpawnedServer {
  readonly url: string
  readonly wsUrl: string
  readonly port: number
  readonly dataDir: string
  readonly child: ChildProcess
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  readonly exited: Promise<number | string>
  createBoard(title?: string): Promise<CreatedBoard>
  /** Sends the signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<number | string>
  /** Log lines (JSON strings) printed so far. */
  readonly logs: string[]
}

export interface SpawnOptions {
  /** Defaults to a fresh temp dir that the caller should remove (`rmSync`) when done. */
  readonly dataDir?: string
  readonly port?: number
  /** The web app to serve (e.g. CLIENT_DIST); none by default. */
  readonly staticDir?: string
  readonly args?: readonly string[]
  readonly env?: Readonly<Record<string, string>>
  readonly startTimeoutMs?: number
}

/**
 * Runs `server/main.ts` under tsx in a child process and waits for its "listening" log line.
 */
export async function spawnServer(options: SpawnOptions = {}): Promise<SpawnedServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'stretchboard-child-'))
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'server/main.ts'),
      '--port',
      String(options.port ?? 0),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--static-dir',
      options.staticDir ?? join(dataDir, 'no-client'),
      ...(options.args ?? []),
    ],
    {
      cwd: REPO_ROOT,
      // DATABASE_URL / REDIS_URL exported for the multi-node tests must not turn every other
      // child into a PostgreSQL + Redis node: they only apply when passed in `env`.
      env: {
        ...process.env,
        DATABASE_URL: '',
        REDIS_URL: '',
        LOG_LEVEL: 'info',
        ...NO_RATE_LIMITS_ENV,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const logs: string[] = []
  const exited = new Promise<number | string>((done) => {
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown'))
  })
  const stderr: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`server did not start in time: ${stderr.join('')}`))
    }, options.startTimeoutMs ?? 30_000)
    void exited.then((code) => {
      clearTimeout(timer)
      fail(new Error(`server exited (${code}) before listening: ${stderr.join('')}`))
    })
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      logs.push(line)
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string }
        if (entry.msg === 'listening' && entry.url !== undefined) {
          clearTimeout(timer)
          done(entry.url)
        }
      } catch {
        // not a log line; keep it in `logs` anyway
      }
    })
  })
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws') + '/ws',
    port: Number(new URL(url).port),
    dataDir,
    child,
    exited,
    logs,
    createBoard: (title = 'Test board') => createBoard(url, title),
    kill: (signal = 'SIGTERM') => {
      child.kill(signal)
      return exited
    },
  }
}

/** Polls `check` until it returns true (or a value other than false/undefined). */
export async function waitFor<T>(
  check: () => T | false | undefined | Promise<T | false | undefined>,
  { timeoutMs = 5_000, intervalMs = 10, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== false && value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((done) => setTimeout(done, intervalMs))
  }
}

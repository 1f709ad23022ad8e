/**
 * Real headless Chromium for the browser tests, with nothing installed by hand: Debian's
 * `/usr/bin/chromium` when present, else the Chromium inside the `@sparticuz/chromium` package.
 * Also a TCP proxy the tests can cut, because Chromium's offline emulation
 * (`context.setOffline`) leaves open WebSockets and service-worker fetches connected.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const REPO_ROOT = resolve(import.meta.dirname, '../..')
/** Where the e2e global setup builds the client (kept apart from `dist/` that `npm start` uses). */
export const E2E_CLIENT_DIR = join(REPO_ROOT, 'test-output', 'e2e-client')
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'screenshots')

const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

/**
 * The package's Lambda-oriented flags minus those that fight Playwright or the tests:
 * `--single-process` breaks several contexts with service workers, and Playwright chooses the
 * headless mode itself.
 */
const DROPPED = [/^--single-process$/, /^--no-zygote$/, /^--headless/]

async function chromiumExecutable(): Promise<{ executablePath: string; args: string[] }> {
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', args: [] }
  const { default: packaged } = await import('@sparticuz/chromium')
  return {
    executablePath: await packaged.executablePath(),
    args: packaged.args.filter((arg) => !DROPPED.some((pattern) => pattern.test(arg))),
  }
}

export interface LaunchedBrowser {
  readonly browser: Browser
  close(): Promise<void>
}

export async function launchBrowser(): Promise<LaunchedBrowser> {
  const { executablePath, args } = await chromiumExecutable()
  // `launch` gives every browser a fresh temporary profile of its own (and deletes it on
  // close), and each context is a clean incognito profile on top.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...new Set([...args, ...COMMON_ARGS])],
  })
  return {
    browser,
    close: () => browser.close(),
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** A loopback TCP proxy to one port that can drop every connection and refuse new ones. */
export interface CuttableProxy {
  readonly port: number
  readonly url: string
  /** Destroys open connections (a real network loss for HTTP and WebSocket alike). */
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function cuttableProxy(targetPort: number): Promise<CuttableProxy> {
  let up = true
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server: Server = createServer((client) => {
    track(client)
    if (!up) {
      client.destroy()
      return
    }
    const upstream = connect(targetPort, '127.0.0.1')
    track(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    cut() {
      up = false
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      up = true
    },
    close() {
      up = false
      for (const socket of sockets) socket.destroy()
      return new Promise((done) => server.close(() => done()))
    },
  }
}

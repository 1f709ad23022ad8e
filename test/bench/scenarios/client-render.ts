/**
 * Canvas rendering in headless Chromium: the real <sb-board-canvas> on boards of 1k–10k notes.
 * Per case it reports the p95 and median frame work (input handling + a synchronous draw of
 * every layer) and the p95 interval between animation frames (Konva drawing on its own
 * schedule), while the local user pans and while a remote peer drags 20 notes.
 *
 * Runs in `npm run bench` and alone: `npx tsx test/bench/scenarios/client-render.ts [notes…]`.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import type { RenderBenchApi } from '../client-render-page'
import type { BenchScenario, Figures } from '../scenario'
import { benchCase } from '../scenario'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const FRAMES = 120
const SIZES = [1_000, 2_000, 5_000, 10_000] as const

/** Debian's Chromium when installed, else the one inside @sparticuz/chromium (no install step). */
export async function launchChromium(): Promise<Browser> {
  if (existsSync('/usr/bin/chromium')) {
    return chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox'],
    })
  }
  const { default: packaged } = await import('@sparticuz/chromium')
  return chromium.launch({
    executablePath: await packaged.executablePath(),
    headless: true,
    // The packaged flags emulate a GPU in software (SwiftShader), which makes every canvas
    // frame cost ~0.5 s to composite; plain CPU raster is what a GPU-less machine really gets.
    args: [...packaged.args, '--no-sandbox', '--disable-gpu', '--disable-accelerated-2d-canvas'],
  })
}

let bundle: Promise<string> | null = null

/** The page script, bundled once per process with the project's own Vite. */
function pageScript(): Promise<string> {
  bundle ??= (async () => {
    const { build } = await import('vite')
    const out = await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        write: false,
        minify: false,
        modulePreload: false,
        target: 'es2022',
        rolldownOptions: { input: join(root, 'test/bench/client-render-page.ts') },
      },
    })
    const outputs = Array.isArray(out) ? out : [out]
    for (const o of outputs) {
      if (!('output' in o)) continue
      const entry = o.output.find((c) => c.type === 'chunk' && c.isEntry)
      if (entry && entry.type === 'chunk') return entry.code
    }
    throw new Error('client-render: Vite produced no entry chunk')
  })()
  return bundle
}

export interface Session {
  readonly browser: Browser
  readonly page: Page
  readonly setup: { setupMs: number; drawMs: number }
}

export async function openBenchPage(notes: number, at: 'overview' | 'close-up'): Promise<Session> {
  const script = await pageScript()
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.route('http://bench.local/**', (route) => {
    const url = route.request().url()
    if (url.endsWith('/page.js')) {
      return route.fulfill({ contentType: 'text/javascript', body: script })
    }
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><body style="margin:0"><script type="module" src="/page.js"></script></body>',
    })
  })
  await page.goto('http://bench.local/')
  await page.waitForFunction(() => 'renderBench' in window)
  const setup = await page.evaluate(([n, where]) => window.renderBench.setup(n, where), [
    notes,
    at,
  ] as const)
  return { browser, page, setup }
}

function percentile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN
}

const round = (x: number): number => Math.round(x * 100) / 100

async function measure(s: Session, what: 'pan' | 'remoteDrag'): Promise<Figures> {
  const work = await s.page.evaluate(
    ([w, n]) =>
      w === 'pan' ? window.renderBench.pan(n, 'work') : window.renderBench.remoteDrag(n, 'work'),
    [what, FRAMES] as const,
  )
  const intervals = await s.page.evaluate(
    ([w, n]) =>
      w === 'pan'
        ? window.renderBench.pan(n, 'interval')
        : window.renderBench.remoteDrag(n, 'interval'),
    [what, FRAMES] as const,
  )
  return {
    p95FrameWorkMs: round(percentile(work, 0.95)),
    medianFrameWorkMs: round(percentile(work, 0.5)),
    p95FrameIntervalMs: round(percentile(intervals, 0.95)),
    medianFrameIntervalMs: round(percentile(intervals, 0.5)),
    setupMs: round(s.setup.setupMs),
    firstDrawMs: round(s.setup.drawMs),
  }
}

function cases() {
  return SIZES.flatMap((notes) =>
    (
      [
        ['pan, whole board in view', 'overview', 'pan'],
        ['pan at 100%', 'close-up', 'pan'],
        ['remote peer drags 20 notes', 'overview', 'remoteDrag'],
      ] as const
    ).map(([label, at, what]) =>
      benchCase<Session>({
        name: `${notes} notes: ${label}`,
        setup: () => openBenchPage(notes, at),
        run: (s) => measure(s, what),
        teardown: (s) => s.browser.close(),
        iterations: 1,
        warmup: 0,
      }),
    ),
  )
}

export const scenario: BenchScenario = {
  name: 'client-render',
  description: `<sb-board-canvas> in headless Chromium: p95 frame work and frame interval over ${FRAMES} frames`,
  cases: cases(),
}

export type { RenderBenchApi }

// Alone: `npx tsx test/bench/scenarios/client-render.ts [1000 2000 …]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const only = process.argv.slice(2).map(Number).filter(Number.isFinite)
  for (const c of scenario.cases) {
    if (only.length > 0 && !only.some((n) => c.name.startsWith(`${n} `))) continue
    const input = await c.setup()
    try {
      console.log(c.name, JSON.stringify(await c.run(input)))
    } finally {
      await c.teardown?.(input)
    }
  }
}

/**
 * Benchmark runner: `npm run bench [-- <filter>…] [--iterations N]`.
 *
 * Loads every scenario module in test/bench/scenarios/ (each exports `scenario`, see
 * scenario.ts), keeps those whose file or scenario name contains a filter, times each case,
 * prints a table and writes bench-results/<timestamp>.json and bench-results/latest.json.
 * Timing goals live here, never in tests.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, platform, release } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchCase, BenchScenario, Figures } from './scenario'

export interface CaseResult {
  readonly scenario: string
  readonly case: string
  readonly iterations: number
  readonly minMs: number
  readonly medianMs: number
  readonly p95Ms: number
  readonly maxMs: number
  readonly meanMs: number
  readonly figures: Figures
  readonly error?: string
}

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')

function parseArgs(argv: readonly string[]): { filters: string[]; iterations: number | null } {
  const filters: string[] = []
  let iterations: number | null = null
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--iterations') {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 1) throw new Error('--iterations needs a whole number ≥ 1')
      iterations = n
    } else filters.push(arg.toLowerCase())
  }
  return { filters, iterations }
}

function quantile(sorted: readonly number[], q: number): number {
  // Nearest-rank: with 10 rounds, p95 is the slowest one; no interpolation pretends otherwise.
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[index] ?? NaN
}

function isScenario(value: unknown): value is BenchScenario {
  const s = value as Partial<BenchScenario> | null
  return typeof s?.name === 'string' && Array.isArray(s.cases)
}

async function loadScenarios(filters: readonly string[]): Promise<BenchScenario[]> {
  const dir = join(here, 'scenarios')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
  const scenarios: BenchScenario[] = []
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>
    const scenario = module.scenario ?? module.default
    if (!isScenario(scenario))
      throw new Error(`${file} does not export a \`scenario\` (see test/bench/scenario.ts)`)
    const haystack = `${file} ${scenario.name}`.toLowerCase()
    if (filters.length === 0 || filters.some((f) => haystack.includes(f))) scenarios.push(scenario)
  }
  return scenarios
}

async function runCase(
  scenario: BenchScenario,
  bench: BenchCase,
  override: number | null,
): Promise<CaseResult> {
  const iterations = override ?? bench.iterations ?? 10
  const warmup = override === null ? (bench.warmup ?? 2) : Math.min(1, bench.warmup ?? 2)
  const base = { scenario: scenario.name, case: bench.name, iterations }
  let input: unknown
  try {
    input = await bench.setup()
    let figures: Figures = {}
    const times: number[] = []
    for (let i = 0; i < warmup + iterations; i++) {
      const started = performance.now()
      const out = await bench.run(input)
      const elapsed = performance.now() - started
      if (i >= warmup) times.push(elapsed)
      if (out) figures = out
    }
    times.sort((a, b) => a - b)
    return {
      ...base,
      minMs: times[0] ?? NaN,
      medianMs: quantile(times, 0.5),
      p95Ms: quantile(times, 0.95),
      maxMs: times[times.length - 1] ?? NaN,
      meanMs: times.reduce((a, b) => a + b, 0) / times.length,
      figures,
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return {
      ...base,
      minMs: NaN,
      medianMs: NaN,
      p95Ms: NaN,
      maxMs: NaN,
      meanMs: NaN,
      figures: {},
      error: message,
    }
  } finally {
    if (input !== undefined) await bench.teardown?.(input)
  }
}

function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return '—'
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3)
}

function table(results: readonly CaseResult[]): string {
  const header = ['scenario', 'case', 'n', 'median ms', 'p95 ms', 'min ms', 'figures']
  const rows = results.map((r) => [
    r.scenario,
    r.case,
    String(r.iterations),
    formatMs(r.medianMs),
    formatMs(r.p95Ms),
    formatMs(r.minMs),
    r.error
      ? `ERROR ${r.error}`
      : Object.entries(r.figures)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
  ])
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const numeric = new Set([2, 3, 4, 5])
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

async function main(): Promise<number> {
  const { filters, iterations } = parseArgs(process.argv.slice(2))
  const scenarios = await loadScenarios(filters)
  if (scenarios.length === 0) {
    console.error(`No scenario matches ${filters.join(', ')}.`)
    return 1
  }
  const startedAt = new Date().toISOString()
  const results: CaseResult[] = []
  for (const scenario of scenarios) {
    console.error(`▶ ${scenario.name}: ${scenario.description}`)
    for (const bench of scenario.cases) {
      const result = await runCase(scenario, bench, iterations)
      console.error(
        `  ${bench.name}: ${result.error ? `ERROR ${result.error}` : `${formatMs(result.medianMs)} ms median`}`,
      )
      results.push(result)
    }
  }
  console.log(`\n${table(results)}\n`)
  const report = {
    startedAt,
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    filters,
    results,
  }
  const outDir = join(root, 'bench-results')
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, `${startedAt.replace(/[:.]/g, '-')}.json`)
  const json = `${JSON.stringify(report, null, 2)}\n`
  writeFileSync(file, json)
  writeFileSync(join(outDir, 'latest.json'), json)
  console.log(`Results: ${file}`)
  return results.some((r) => r.error) ? 1 : 0
}

process.exitCode = await main()

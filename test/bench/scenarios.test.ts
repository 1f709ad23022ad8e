// `npm run bench` is not part of `npm test`, so a scenario module that breaks the runner's
// contract (scenario.ts) would go unnoticed until someone benchmarks. Loading them is cheap:
// setups run only when the case is benchmarked.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { syntheticOkrSet } from './okr-data'

const dir = join(import.meta.dirname, 'scenarios')
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))

describe('benchmark scenarios', () => {
  it.each(files)('%s exports a scenario the runner can use', async (file) => {
    const module = (await import(join(dir, file))) as { scenario?: unknown }
    const scenario = module.scenario as {
      name: unknown
      cases: { name: unknown; setup: unknown; run: unknown }[]
    }
    expect(typeof scenario.name).toBe('string')
    expect(scenario.cases.length).toBeGreaterThan(0)
    for (const bench of scenario.cases) {
      expect(typeof bench.name).toBe('string')
      expect(typeof bench.setup).toBe('function')
      expect(typeof bench.run).toBe('function')
    }
  })

  it('builds the same synthetic OKR set from the same seed', () => {
    const options = { objectives: 3, keyResultsPerObjective: 2, checkInsPerKeyResult: 4, seed: 9 }
    const a = syntheticOkrSet(options)
    expect(syntheticOkrSet(options)).toEqual(a)
    expect(a.checkIns).toHaveLength(24)
    expect(syntheticOkrSet({ ...options, seed: 10 })).not.toEqual(a)
  })
})

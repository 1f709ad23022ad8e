// The OKR engine at dashboard scale: a whole organisation's set (10k key results × 12
// check-ins, shuffled) and a single board's set recomputed as often as a dashboard repaints.
import { lintOkrSet } from '../../../core/okr/lint'
import { evaluateOkrSet } from '../../../core/okr/figures'
import { syntheticNow, syntheticOkrSet } from '../okr-data'
import type { SyntheticOkrSet } from '../okr-data'
import { benchCase } from '../scenario'
import type { BenchScenario } from '../scenario'

const organisation = () =>
  syntheticOkrSet({ objectives: 2500, keyResultsPerObjective: 4, checkInsPerKeyResult: 12 })
const board = () =>
  syntheticOkrSet({ objectives: 5, keyResultsPerObjective: 4, checkInsPerKeyResult: 12, seed: 7 })

function evaluate(set: SyntheticOkrSet) {
  const report = evaluateOkrSet(set, { now: syntheticNow })
  return {
    keyResults: report.summary.keyResultCount,
    checkIns: set.checkIns.length,
    green: report.summary.bands.green,
  }
}

export const scenario: BenchScenario = {
  name: 'okr-scoring',
  description: 'evaluateOkrSet and lintOkrSet on an organisation (10k KRs) and on one board',
  cases: [
    benchCase({
      name: 'evaluate 10k KRs × 12 check-ins',
      setup: organisation,
      run: evaluate,
      iterations: 10,
    }),
    benchCase({
      name: 'lint 10k KRs × 12 check-ins',
      setup: organisation,
      run: (set) => ({ diagnostics: lintOkrSet(set).length }),
      iterations: 10,
    }),
    benchCase({
      name: 'board dashboard: evaluate + lint 20 KRs',
      setup: board,
      run: (set) => {
        const report = evaluate(set)
        return { ...report, diagnostics: lintOkrSet(set).length }
      },
      iterations: 200,
      warmup: 20,
    }),
  ],
}

/**
 * The contract between `npm run bench` (test/bench/run.ts) and a scenario module in
 * test/bench/scenarios/. A scenario module exports `scenario`; each case builds its input once
 * in `setup` (untimed), then `run` is timed for `warmup + iterations` rounds.
 */

/** Figures a run may report besides its time (bytes written, items processed …). */
export type Figures = Readonly<Record<string, number>>

export interface BenchCase<Input = unknown> {
  readonly name: string
  /** Builds the input; not timed. */
  readonly setup: () => Input | Promise<Input>
  /** The timed work. May return figures; the last round's are kept in the results. */
  readonly run: (input: Input) => void | Figures | Promise<void | Figures>
  /** Untimed cleanup (close servers, delete files). */
  readonly teardown?: (input: Input) => void | Promise<void>
  /** Timed rounds; default 10. Keep heavy cases low: the box is shared. */
  readonly iterations?: number
  /** Untimed rounds first, for the JIT; default 2. */
  readonly warmup?: number
}

export interface BenchScenario {
  readonly name: string
  readonly description: string
  readonly cases: readonly BenchCase[]
}

/**
 * Types a case's setup and run against each other, then erases the input type so cases with
 * different inputs share one list.
 *
 * @example
 * benchCase({ name: 'sum 1e6', setup: () => range(1e6), run: (xs) => void sum(xs) })
 */
export function benchCase<Input>(definition: BenchCase<Input>): BenchCase {
  return definition as unknown as BenchCase
}

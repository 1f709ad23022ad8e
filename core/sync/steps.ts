/**
 * Work in steps: a generator that yields between bounded chunks, so a caller with an event
 * loop to share (the relay) can run it a chunk at a time, and one without (a test, a file
 * import) can run it to the end at once. Judging a 100k-struct update took 0.4 s here; in
 * chunks of STEP_SIZE, no chunk holds the loop for more than a few milliseconds.
 */
export type Steps<T> = Generator<void, T, void>

/** Structs, placements or delete ranges handled between two yields. */
export const STEP_SIZE = 4096

/**
 * @example
 * const shape = runSteps(scanUpdateSteps(bytes))
 */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next()
    if (next.done === true) return next.value
  }
}

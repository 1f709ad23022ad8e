/**
 * A test's teardown list: push a cleanup when something is created, and the hook runs them
 * all, newest first (a client closes before its server, a server before its data directory).
 *
 * @example
 * const cleanups = cleanupsAfter(afterEach)
 * const server = await startTestServer()
 * cleanups.push(() => server.close())
 */
export function cleanupsAfter(
  hook: (run: () => Promise<void>) => void,
): (() => Promise<unknown> | unknown)[] {
  const cleanups: (() => Promise<unknown> | unknown)[] = []
  hook(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  return cleanups
}

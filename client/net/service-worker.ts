/**
 * Registers the app-shell service worker that vite-plugin-pwa generates at build time (dev
 * builds have none). It precaches the built files and answers every navigation with the app
 * shell, so a board already on this device opens on a reload without network.
 */
export async function registerServiceWorker(container: ServiceWorkerContainer | undefined) {
  if (container === undefined) return
  try {
    await container.register('/sw.js', { scope: '/' })
  } catch (error) {
    // Without it the app still works online; only offline reloads are lost.
    console.warn('Stretchboard: the offline app shell is unavailable:', error)
  }
}

/** Asks the browser not to evict this origin's IndexedDB (boards not yet synced live there). */
export async function requestPersistentStorage(storage: StorageManager | undefined) {
  if (storage?.persist === undefined) return false
  try {
    return (await storage.persisted()) || (await storage.persist())
  } catch {
    return false
  }
}

/**
 * Composition root of the browser app: registers the elements, the offline app shell and
 * persistent storage. Everything board-specific is opened by <sb-board-page>.
 */
import './sb-app'
import '../canvas/sb-board-canvas'
import { registerServiceWorker, requestPersistentStorage } from '../net/service-worker'

// Dev builds have no service worker file; a stale one from a production build would serve an
// old shell over the dev server.
if (import.meta.env.PROD) void registerServiceWorker(navigator.serviceWorker)
void requestPersistentStorage(navigator.storage)

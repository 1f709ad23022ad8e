/**
 * Where this device keeps what it remembers. The app root provides the store through context
 * (tests give it a Map-backed one), so no view reaches for `localStorage` itself.
 */
import { createContext } from '@lit/context'
import type { KeyValueStore } from './key-value'

export const deviceStoreContext = createContext<KeyValueStore>(Symbol('device-store'))

/** The browser's persistent store: the app's default when nothing was injected. */
export function browserStore(): KeyValueStore {
  return localStorage
}

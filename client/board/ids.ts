/**
 * Ids for everything the client creates (notes, frames, objectives, check-ins …). `crypto.randomUUID` exists only in secure contexts, and a board
 * opened over plain http on a LAN address is not one; `getRandomValues` works everywhere.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) {
    return crypto.randomUUID()
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

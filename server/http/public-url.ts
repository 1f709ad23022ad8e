/**
 * Which origin this server is known by, for share links, the CSP's socket origin and the Origin
 * checks. The Host header (and an absolute request target) is chosen by whoever sends the
 * request, so it is only believed when it names this server: `PUBLIC_URL` when configured, an
 * origin listed in `ALLOWED_ORIGINS`, or the address the server listens on (any loopback name
 * counts for a loopback or wildcard listener: only this machine can send those).
 *
 * @example
 * const policy = { publicUrl: '', allowedOrigins: [], listening: () => ({ host: '127.0.0.1', port: 8787 }) }
 * trustedOrigin(new URL('http://127.0.0.1:8787/api/boards'), policy) // 'http://127.0.0.1:8787'
 * trustedOrigin(new URL('http://evil.example/api/boards'), policy) // null
 */
import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'

export interface ListeningAddress {
  /** As configured (HOST): an address, a wildcard (0.0.0.0, ::) or a name. */
  readonly host: string
  readonly port: number
}

export interface OriginPolicy {
  /** PUBLIC_URL's origin, or '' when not configured. */
  readonly publicUrl: string
  readonly allowedOrigins: readonly string[]
  /**
   * Where the server listens; null before it does. Absent when the app is not on a network
   * (tests drive it through `app.request()`): then nobody else can choose the Host, and the
   * request's own origin is used.
   */
  readonly listening?: (() => ListeningAddress | null) | undefined
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', ''])

/** The origin to build links from for this request, or null when its Host is not this server. */
export function trustedOrigin(requestUrl: URL, policy: OriginPolicy): string | null {
  if (policy.publicUrl !== '') return policy.publicUrl
  const origin = requestUrl.origin
  if (policy.allowedOrigins.includes(origin)) return origin
  if (policy.listening === undefined) return origin
  const listening = policy.listening()
  if (listening === null || requestUrl.protocol !== 'http:') return null
  return namesThisServer(requestUrl, listening) ? origin : null
}

/**
 * The origins a browser page of this server has, for the Origin checks of state-changing calls
 * and socket upgrades: PUBLIC_URL's when configured (a proxy in front terminates TLS, so the
 * request itself says http), else the request's own scheme and Host; plus ALLOWED_ORIGINS.
 * Comparing whole origins means `http://host` is not `https://host`.
 */
export function ownOrigins(requestOrigin: string, policy: OriginPolicy): readonly string[] {
  const own = policy.publicUrl !== '' ? policy.publicUrl : requestOrigin
  return [own, ...policy.allowedOrigins]
}

/** `Origin` header against `ownOrigins`, after URL normalisation (default ports, case). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  let normalised: string
  try {
    normalised = new URL(origin).origin
  } catch {
    return false
  }
  // 'null' (sandboxed frames, file://) parses to the opaque origin "null": never ours.
  return normalised !== 'null' && allowed.includes(normalised)
}

function namesThisServer(url: URL, listening: ListeningAddress): boolean {
  const name = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const bound = listening.host.replace(/^\[|\]$/g, '').toLowerCase()
  const wildcard = WILDCARDS.has(bound)
  // Only processes on this machine can reach a loopback listener, or send a loopback Host that
  // a browser would follow; such links point back at the machine, never at an attacker.
  if (isLoopback(name) && (wildcard || isLoopback(bound))) return true
  const port = url.port === '' ? 80 : Number(url.port)
  if (port !== listening.port) return false
  if (name === bound) return true
  return wildcard && isIP(name) !== 0 && localAddresses().has(name)
}

function isLoopback(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    (isIP(name) === 4 && name.startsWith('127.'))
  )
}

function localAddresses(): Set<string> {
  const found = new Set<string>()
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) found.add(entry.address.toLowerCase())
  }
  return found
}

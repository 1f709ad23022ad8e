/**
 * Which client a request comes from, for the per-address rate limits: the socket's address, or
 * with `TRUST_PROXY=n` the address the outermost of n trusted proxies saw (X-Forwarded-For), then
 * reduced to a key. Anything unreadable falls back to the socket: a forged header must never give
 * a client a fresh allowance.
 */
import { isIPv4, isIPv6 } from 'node:net'

/**
 * The client's address. With n trusted proxies, each appends the address it received from, so
 * the n-th entry from the right is the one the outermost proxy saw; entries further left were
 * written by the client and are ignored.
 *
 * @example
 * clientAddress('10.0.0.5', '203.0.113.7, 198.51.100.2', 1) // '198.51.100.2'
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: number,
): string {
  const socket = socketAddress ?? 'unknown'
  if (trustProxy <= 0 || forwardedFor === undefined) return socket
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (entries.length === 0) return socket
  const picked = entries[Math.max(0, entries.length - trustProxy)] ?? ''
  return isIPv4(picked) || isIPv6(picked) ? picked : socket
}

/**
 * The rate-limit key of an address. IPv4-mapped IPv6 is the IPv4 address (a dual-stack socket
 * reports both forms for one client); other IPv6 addresses count per /64, since one subscriber
 * is routinely given a whole /64 and could otherwise rotate through 2^64 fresh allowances.
 *
 * @example
 * addressKey('::ffff:192.0.2.1') // '192.0.2.1'
 * addressKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function addressKey(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)
  if (mapped?.[1] !== undefined) return mapped[1]
  if (!isIPv6(bare)) return bare
  const groups = expandIPv6(bare)
  return `${groups.slice(0, 4).join(':')}::/64`
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
  let text = address
  // A trailing dotted quad (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (quad !== null) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0')
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16))
}

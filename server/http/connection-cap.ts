/**
 * A cap on the TCP connections one client address holds open, applied when the connection is
 * accepted, before any HTTP is read. The per-minute limits (rate-limit.ts) answer each refused
 * request with a 429, which costs ≈ 0.6 ms of parsing and writing: 800 upgrades opened at once
 * from one address arrive in one event-loop turn and held it for 0.47–0.61 s (reliability.md,
 * finding 5). Closing the surplus at accept costs a small fraction of that. The cap counts open
 * connections, not a rate, so people behind one NAT are refused only when together they hold
 * more than the cap. Behind a reverse proxy every connection comes from the proxy, so the cap
 * is not applied there (the proxy's own per-address limit is the remedy).
 */
import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import type { SecurityConfig } from '../config-security'
import type { Metrics } from '../metrics'

/** Installs the cap (0, or behind a proxy: none); the returned function removes it. */
export function capConnectionsPerAddress(
  server: Server,
  config: Pick<SecurityConfig, 'maxConnectionsPerAddress' | 'trustProxy'>,
  metrics: Pick<Metrics, 'reject'>,
): () => void {
  const max = config.trustProxy > 0 ? 0 : config.maxConnectionsPerAddress
  if (max <= 0) return () => undefined
  const open = new Map<string, number>()
  const onConnection = (socket: Socket) => {
    const address = socket.remoteAddress ?? ''
    const count = open.get(address) ?? 0
    if (count >= max) {
      metrics.reject('address-connections')
      socket.destroy()
      return
    }
    open.set(address, count + 1)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left <= 0) open.delete(address)
      else open.set(address, left)
    })
  }
  server.on('connection', onConnection)
  return () => server.off('connection', onConnection)
}

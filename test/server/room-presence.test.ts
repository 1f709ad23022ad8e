import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as decoding from 'lib0/decoding'
import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { Metrics } from '../../server/metrics'
import { messageAwareness } from '../../server/relay/protocol'
import {
  RoomPresence,
  type PresenceOptions,
  type PresencePeer,
} from '../../server/relay/room-presence'
import { awarenessUpdate } from './awareness-frames'

/** A peer that keeps its own Awareness replica of what the room sends it. */
class FakePeer implements PresencePeer {
  readonly awarenessIds = new Set<number>()
  readonly seen = new Awareness(new Y.Doc())
  bytesReceived = 0
  constructor(readonly role?: 'edit' | 'view') {
    this.seen.setLocalState(null)
  }
  send(message: Uint8Array): void {
    this.bytesReceived += message.byteLength
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== messageAwareness) return
    applyAwarenessUpdate(this.seen, decoding.readVarUint8Array(decoder), 'room')
  }
}

/** A state of exactly `bytes` UTF-8 bytes once re-encoded (no `user`, so nothing is stamped). */
const sized = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - 10) })

let clock = 0
const toClean: (() => void)[] = []

function setup(options: Partial<PresenceOptions> = {}) {
  const peers = new Set<PresencePeer>()
  const metrics = new Metrics()
  const presence = new RoomPresence(
    new Y.Doc(),
    peers,
    {
      metrics,
      maxAwarenessBytes: 600,
      maxAwarenessClientsPerConnection: 4,
      maxRoomAwarenessBytes: 1000,
      maxAwarenessBytesPerSecond: 1 << 20,
      ...options,
    },
    () => clock,
  )
  const join = (peer: FakePeer) => {
    peers.add(peer)
    presence.welcome(peer)
    toClean.push(() => peer.seen.destroy())
    return peer
  }
  const leave = (peer: FakePeer) => {
    peers.delete(peer)
    presence.leave(peer)
  }
  toClean.push(() => presence.destroy())
  return { presence, metrics, join, leave }
}

const send = (presence: RoomPresence, peer: PresencePeer, id: number, n: number, json: string) =>
  presence.apply(peer, awarenessUpdate([{ id, clock: n, json }]))

beforeEach(() => {
  vi.useFakeTimers()
  clock = 0
})

afterEach(() => {
  for (const clean of toClean.splice(0)) clean()
  vi.useRealTimers()
})

describe('RoomPresence: the room cap', () => {
  it('refuses the state that would push the room past the cap, and accepts a shrink', () => {
    const { presence, metrics, join } = setup()
    const a = join(new FakePeer('edit'))
    const b = join(new FakePeer('edit'))
    expect(send(presence, a, 1, 1, sized(500)).ok).toBe(true)
    expect(presence.totalBytes).toBe(500)

    const refused = send(presence, b, 2, 1, sized(501))
    expect(refused).toMatchObject({ ok: false, reason: 'awareness-room-full' })
    expect(presence.totalBytes).toBe(500)
    expect(a.seen.getStates().has(2)).toBe(false)

    // Exactly up to the cap passes.
    expect(send(presence, b, 2, 2, sized(500)).ok).toBe(true)
    expect(presence.totalBytes).toBe(1000)
    // The room is full: growing is refused, keeping the size or shrinking always passes.
    expect(send(presence, a, 1, 2, sized(501))).toMatchObject({ reason: 'awareness-room-full' })
    expect(send(presence, a, 1, 3, JSON.stringify({ pad: 'y'.repeat(490) })).ok).toBe(true)
    expect(send(presence, a, 1, 4, sized(20)).ok).toBe(true)
    expect(presence.totalBytes).toBe(520)
    expect(b.seen.getStates().get(1)).toEqual({ pad: 'x'.repeat(10) })
    expect(metrics.rejected.get('awareness-room-full')).toBe(0) // the caller counts returns
  })

  it('releases a client’s bytes when it leaves, removes its state or times out', () => {
    const { presence, join, leave } = setup()
    const a = join(new FakePeer('edit'))
    const b = join(new FakePeer('edit'))
    const c = join(new FakePeer('edit'))
    send(presence, a, 1, 1, sized(500))
    send(presence, b, 2, 1, sized(400))
    expect(presence.totalBytes).toBe(900)
    expect(send(presence, c, 3, 1, sized(300)).ok).toBe(false)

    leave(a)
    expect(presence.totalBytes).toBe(400)
    expect(c.seen.getStates().has(1)).toBe(false)
    expect(send(presence, c, 3, 2, sized(300)).ok).toBe(true)

    expect(send(presence, b, 2, 2, 'null').ok).toBe(true)
    expect(presence.totalBytes).toBe(300)

    // What y-protocols' own check does to a state not renewed for 30 s (lib0 reads the real
    // clock, so fake timers cannot age it).
    removeAwarenessStates(presence.awareness, [3], 'timeout')
    expect(presence.totalBytes).toBe(0)
  })

  it('counts a later entry for the same id in one update, not both', () => {
    const { presence, join } = setup()
    const a = join(new FakePeer('edit'))
    const both = awarenessUpdate([
      { id: 1, clock: 1, json: sized(600) },
      { id: 1, clock: 2, json: sized(100) },
    ])
    expect(presence.apply(a, both).ok).toBe(true)
    expect(presence.totalBytes).toBe(100)
  })
})

describe('RoomPresence: role stamp', () => {
  it("stamps the peer's role over the claimed one and scrubs the name for everyone", () => {
    const { presence, join } = setup()
    const viewer = join(new FakePeer('view'))
    const other = join(new FakePeer('edit'))
    const claim = { user: { id: 'u', name: 'Ann (facilitator)', color: '#123456', role: 'edit' } }
    expect(send(presence, viewer, 1, 1, JSON.stringify(claim)).ok).toBe(true)
    const seen = { user: { id: 'u', name: 'Ann', color: '#123456', role: 'view' } }
    expect(other.seen.getStates().get(1)).toEqual(seen)
    expect(presence.awareness.getStates().get(1)).toEqual(seen)
    expect(presence.totalBytes).toBe(JSON.stringify(seen).length)
  })

  it('stamps a peer that declares no role as view', () => {
    const { presence, join } = setup()
    const anonymous = join(new FakePeer())
    send(presence, anonymous, 1, 1, JSON.stringify({ user: { name: 'Bo', role: 'edit' } }))
    expect(presence.awareness.getStates().get(1)).toEqual({ user: { name: 'Bo', role: 'view' } })
  })
})

describe('RoomPresence: per-socket rate', () => {
  it('coalesces updates past the rate and applies the latest once the bucket refills', () => {
    const { presence, join } = setup({ maxAwarenessBytesPerSecond: 1000 })
    const fast = join(new FakePeer('edit'))
    const watcher = join(new FakePeer('edit'))
    const updates: number[] = []
    watcher.seen.on('change', () =>
      updates.push((watcher.seen.getStates().get(1) as { n: number }).n),
    )
    const state = (n: number) => JSON.stringify({ n, pad: 'x'.repeat(490) })
    // 507 bytes each: a full bucket (1000 bytes) takes the first, leaving 493; the rest wait.
    for (let n = 1; n <= 6; n++) expect(send(presence, fast, 1, n, state(n)).ok).toBe(true)
    expect(updates).toEqual([1])

    clock += 10
    vi.advanceTimersByTime(10)
    expect(updates).toEqual([1])
    // 14 bytes of refill (14 ms at 1000 B/s) later, only the latest waiting state is applied.
    clock += 10
    vi.advanceTimersByTime(10)
    expect(updates).toEqual([1, 6])
    clock += 5000
    vi.advanceTimersByTime(5000)
    expect(updates).toEqual([1, 6])
  })

  it('bounds the bytes one socket can make the room send per second', () => {
    const { presence, join } = setup({ maxAwarenessBytesPerSecond: 1000 })
    const fast = join(new FakePeer('edit'))
    const watchers = [1, 2, 3].map(() => join(new FakePeer('edit')))
    for (let n = 1; n <= 200; n++) {
      send(presence, fast, 1, n, JSON.stringify({ n, pad: 'x'.repeat(480) }))
      clock += 10
      vi.advanceTimersByTime(10)
    }
    // 2 s of updates at 100/s, 500 bytes each: 100 KB offered, ≈ 1000 B/s + one bucket passed.
    for (const watcher of watchers) expect(watcher.bytesReceived).toBeLessThan(3 * 1000 + 600)
    expect(watchers[0]!.seen.getStates().get(1)).toMatchObject({ n: expect.any(Number) })
  })

  it('forgets the waiting updates and the timer of a peer that leaves', () => {
    const { presence, join, leave } = setup({ maxAwarenessBytesPerSecond: 1000 })
    const fast = join(new FakePeer('edit'))
    const watcher = join(new FakePeer('edit'))
    for (let n = 1; n <= 4; n++) send(presence, fast, 1, n, sized(500))
    const timersBefore = vi.getTimerCount()
    leave(fast)
    expect(vi.getTimerCount()).toBe(timersBefore - 1)
    expect(watcher.seen.getStates().has(1)).toBe(false)
    expect(presence.totalBytes).toBe(0)
  })
})

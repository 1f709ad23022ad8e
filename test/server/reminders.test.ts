import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { DEFAULT_CONFIG } from '../../server/config'
import { createApp } from '../../server/app'
import type { AppDeps, AppEnv } from '../../server/http/deps'
import { createLogger } from '../../server/log'
import { Metrics } from '../../server/metrics'
import { Relay } from '../../server/relay/relay'
import { compactionPolicy } from '../../server/storage/compaction'
import { MemoryStore } from '../../server/storage/memory-store'
import { createKeyResult, createObjective } from '../../core/board/commands/index'
import { quarterTimeframe } from '../../core/okr/timeframe'

const NOW = Date.UTC(2026, 10, 16)

let deps: AppDeps
let app: Hono<AppEnv>

beforeEach(() => {
  const store = new MemoryStore()
  const metrics = new Metrics()
  const logger = createLogger('silent')
  const relay = new Relay({
    store,
    metrics,
    logger,
    now: () => NOW,
    newId: () => 'conn',
    maxBufferedBytes: 1 << 20,
    maxAwarenessBytes: 4096,
    maxAwarenessClientsPerConnection: 4,
    compaction: compactionPolicy(),
    storageRetryMaxMs: 100,
    pingIntervalMs: 0,
    idleTimeoutMs: 60_000,
  })
  deps = {
    store,
    relay,
    metrics,
    logger,
    config: { ...DEFAULT_CONFIG, maxBodyBytes: 1024, maxPayloadBytes: 64 * 1024 },
    now: () => NOW,
    newBoardId: () => 'board1',
  }
  // The whole app: share links need the public origin its middleware resolves.
  app = createApp(deps)
})

afterEach(() => deps.relay.rooms.destroyAll())

async function seededBoard(): Promise<{ id: string; viewToken: string }> {
  const res = await app.request('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Growth, Q4' }),
  })
  const board = (await res.json()) as { id: string; viewToken: string }
  const room = await deps.relay.rooms.acquire(board.id)
  const origin = 'test'
  createObjective(
    room.doc,
    { id: 'o1', title: 'Delight customers', timeframe: quarterTimeframe(2026, 4) },
    origin,
  )
  createKeyResult(
    room.doc,
    { id: 'kr1', objectiveId: 'o1', title: 'NPS 30 → 45', start: 30, target: 45, owner: 'Ann' },
    origin,
  )
  createKeyResult(
    room.doc,
    { id: 'kr2', objectiveId: 'o1', title: 'Churn', start: 8, target: 4, owner: 'Bo' },
    origin,
  )
  return board
}

describe('GET /api/boards/:id/reminders.ics', () => {
  it('serves the check-in calendar for a view token', async () => {
    const board = await seededBoard()
    const res = await app.request(`/api/boards/${board.id}/reminders.ics?token=${board.viewToken}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const ics = await res.text()
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics).toContain('UID:board1.kr1.20261119@localhost')
    expect(ics).toContain('UID:board1.kr2.20261119@localhost')
  })

  it('narrows the feed to one owner', async () => {
    const board = await seededBoard()
    const url = `/api/boards/${board.id}/reminders.ics?token=${board.viewToken}&owner=bo`
    const ics = await (await app.request(url)).text()
    expect(ics).toContain('.kr2.')
    expect(ics).not.toContain('.kr1.')
  })

  it('refuses a missing or wrong token', async () => {
    const board = await seededBoard()
    expect((await app.request(`/api/boards/${board.id}/reminders.ics`)).status).toBe(401)
    const wrong = await app.request(`/api/boards/${board.id}/reminders.ics?token=nope`)
    expect(wrong.status).toBe(401)
  })
})

// The unload race: A edits and leaves while the save of its edits is still running; B joins
// during that save. The room must not unload under the pending save, and B must see every one
// of A's edits. Seeded timings, several rounds (more under `npm run soak`).
import * as prng from 'lib0/prng'
import { afterAll, describe, expect, it } from 'vitest'
import { createNote } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { FailingStore } from '../helpers/failing-store'
import { MemoryStore } from '../../server/storage/memory-store'
import { startTestServer, waitFor } from '../helpers/server'
import {
  closeClient,
  connectClient,
  missing,
  noteIds,
  report,
  rng,
  SEED,
  size,
  sleep,
} from './fault-helpers'
import { cleanupsAfter } from '../helpers/cleanups'

const ROUNDS = size('FAULT_UNLOAD_ROUNDS', 10, 200)

const cleanups = cleanupsAfter(afterAll)

describe('unload race', () => {
  it(`B sees all of A's edits when A leaves mid-save and B joins during it (${ROUNDS} rounds)`, async () => {
    const store = new FailingStore(new MemoryStore())
    const srv = await startTestServer({ store })
    cleanups.push(() => srv.close())
    const gen = rng(SEED)
    let unloadedAfter = 0
    for (let round = 0; round < ROUNDS; round++) {
      const board = await srv.createBoard(`race ${round}`)
      const a = connectClient(srv.wsUrl, board.id, board.editToken)
      await waitFor(() => a.provider.synced, { what: 'A synced', timeoutMs: 10_000 })
      store.hold({ methods: ['appendUpdate'] })
      const ids: string[] = []
      const edits = prng.uint32(gen, 1, 20)
      for (let i = 0; i < edits; i++) {
        const id = `a-${round}-${i}`
        createNote(a.doc, { id, x: i, y: 0, author: 'a', createdAt: i as EpochMs }, 'a')
        ids.push(id)
      }
      await waitFor(() => store.heldCalls > 0, { what: 'save in flight' })
      closeClient(a)
      await sleep(prng.uint32(gen, 0, 30))
      const b = connectClient(srv.wsUrl, board.id, board.viewToken)
      await sleep(prng.uint32(gen, 0, 30))
      store.release()
      await waitFor(() => b.provider.synced && missing(ids, noteIds(b.doc)).length === 0, {
        what: `round ${round}: B sees A's edits`,
        timeoutMs: 10_000,
      })
      closeClient(b)
      await waitFor(() => srv.relay.rooms.get(board.id) === null, { what: 'unloaded after B' })
      unloadedAfter++
      const stored = await store.inner.loadDoc(board.id)
      expect(stored.updates.length).toBeGreaterThan(0)
    }
    expect(srv.relay.rooms.size).toBe(0)
    report('unload-race', { rounds: ROUNDS, unloadedAfter })
  }, 120_000)
})

// Issue 12 finding 1 against a real server: two runs of one-character inserts at one position
// (the second's items each make Yjs' conflict loop walk the whole first run) sent by two
// sockets with an edit link, while board B types. The first run is applied and stored; the
// second is refused with 1007 and why before Yjs sees it; B keeps every keystroke. Figures: B's
// echo, the server's lag, as in hostile-editors.test.ts. FAULT_HOSTILE_RUN_ITEMS sets the run
// length (soak: 100,000, the size that left the server unresponsive for over a minute).
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { insertRun } from '../core/sync/hostile-updates'
import { CloseCode, encodeUpdate } from '../../server/relay/protocol'
import { cleanupsAfter } from '../helpers/cleanups'
import { createBoard } from '../helpers/server'
import { report, size } from './fault-helpers'
import { EMPTY_STEP2, syncStep1 } from './hostile-frames'
import {
  attackedServer,
  exchange,
  getSnapshot,
  isSyncReply,
  openAttacker,
  underAttack,
} from './hostile-harness'

const cleanups = cleanupsAfter(afterAll)
const BUDGET_MS = 250
const RUN_ITEMS = size('FAULT_HOSTILE_RUN_ITEMS', 4_000, 100_000)

/** docs/reliability.md's repro: `n` inserts at the start of a text by `client`, one update. */
describe('finding 1: two runs of inserts at one position', () => {
  it(`applies the first run of ${RUN_ITEMS}, refuses the second with 1007`, async () => {
    const server = await attackedServer(cleanups)
    const a = await createBoard(server.srv.url, 'board A')
    const [first, second] = [insertRun(1, RUN_ITEMS), insertRun(2, RUN_ITEMS)]
    const asked = syncStep1(Y.encodeStateVector(new Y.Doc()))
    // A reader keeps board A loaded: a socket joining a board while it loads is answered from
    // storage at once, which would look like the answer to its step 1.
    const reader = await openAttacker(server.srv.wsUrl, a, a.viewToken)
    expect(await reader.send([asked], isSyncReply)).toBe(true)
    const send = (frame: Uint8Array, reply: boolean) =>
      exchange(server.srv.wsUrl, a, a.editToken, [EMPTY_STEP2, encodeUpdate(frame), asked], {
        reply,
        timeoutMs: 120_000,
      })
    const { result, figures, textEqual } = await underAttack(server, async () => ({
      first: await send(first, true),
      // Refused: closed at once. Applied, it would stay open until the time allowed runs out.
      second: await send(second, false),
    }))
    reader.end()
    // The first run's sync reply came back (applied); the second socket was closed, saying why.
    expect(result.first.answered).toBe(true)
    expect(result.second.code).toBe(CloseCode.invalidPayload)
    expect(result.second.reason).toMatch(/concurrent insertions/)
    const stored = new Y.Doc()
    Y.applyUpdate(stored, (await getSnapshot(server.srv.url, a)).bytes)
    expect(stored.getText('t').length).toBe(RUN_ITEMS)
    expect(stored.store.clients.has(2)).toBe(false)
    report('hostile-editors', {
      item: 'finding 1',
      attack: `2 frames of ${RUN_ITEMS} inserts at one position, clients 1 then 2`,
      frameKB: Math.round(second.byteLength / 1e3),
      second: `${result.second.code} ${result.second.reason}`,
      ...figures,
    })
    expect(figures.keystrokes).toBeGreaterThan(0)
    expect(figures.lost).toBe(0)
    expect(textEqual).toBe(true)
    expect(figures.echoP99Ms - figures.idleLagP99Ms).toBeLessThan(BUDGET_MS)
  }, 300_000)
})

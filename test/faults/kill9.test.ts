// kill -9 at seeded random moments while three clients edit one board. Every round: edits flow,
// the server process is SIGKILLed mid-stream, the clients keep editing offline, a new process
// starts on the same data directory and port. Checked each round: every note a client saw from
// another client before the kill is on the restarted server before any old client reconnects
// (durability), and after the clients reconnect all of them and the server hold every edit ever
// made (offline re-sync).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as prng from 'lib0/prng'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote, moveNotes } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { createBoard, waitFor } from '../helpers/server'
import {
  closeClient,
  connectClient,
  docJson,
  freePort,
  missing,
  noteIds,
  report,
  rng,
  SEED,
  size,
  sleep,
  spawnFixture,
  type Client,
  type Fixture,
} from './fault-helpers'
import { cleanupsAfter } from '../helpers/cleanups'

const ROUNDS = size('FAULT_KILL_ROUNDS', 20, 100)

const cleanups = cleanupsAfter(afterAll)

describe('kill -9 during a three-client editing session', () => {
  it(
    `loses nothing any peer observed and re-syncs offline edits (${ROUNDS} rounds)`,
    async () => {
      const gen = rng(SEED)
      const dataDir = mkdtempSync(join(tmpdir(), 'stretchboard-kill9-'))
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
      const port = await freePort()
      // Each server process is spawned while the previous one still serves and started on
      // demand (fixtures/standby-server.ts), so Node's start-up is not part of a round.
      const standby = () =>
        spawnFixture(
          'standby-server',
          { DATA_DIR: dataDir, PORT: String(port) },
          { ready: 'standby' },
        )
      let pending: Promise<Fixture> = standby()
      cleanups.push(async () => (await pending).child.kill('SIGKILL'))
      const startNext = async () => {
        const fixture = await pending
        pending = standby()
        const { url } = (await fixture.ask('start', 'listening')) as { url: string }
        return { ...fixture, url, wsUrl: url.replace(/^http/, 'ws') + '/ws' }
      }
      let server = await startNext()
      cleanups.push(() => server.child.exitCode === null && server.child.kill('SIGKILL'))
      const board = await createBoard(server.url, 'kill -9')
      const clients: Client[] = [0, 1, 2].map(() =>
        connectClient(server.wsUrl, board.id, board.editToken),
      )
      cleanups.push(() => clients.forEach(closeClient))
      await waitFor(() => clients.every((c) => c.provider.synced), {
        what: 'first sync',
        timeoutMs: 15_000,
      })

      const made = new Set<string>()
      let counter = 0
      const edit = (index: number, tag: string) => {
        const doc = clients[index]!.doc
        const ids = [...noteIds(doc)]
        if (ids.length > 0 && prng.bool(gen)) {
          moveNotes(doc, { ids: [prng.oneOf(gen, ids)], dx: 1, dy: -1 }, { client: index })
          return
        }
        const id = `c${index}-${tag}-${counter++}`
        createNote(
          doc,
          { id, x: 0, y: 0, author: `c${index}`, createdAt: counter as EpochMs },
          { client: index },
        )
        made.add(id)
      }
      const observedBy = (index: number) =>
        [...noteIds(clients[index]!.doc)].filter((id) => !id.startsWith(`c${index}-`))

      let observedTotal = 0
      const restartMs: number[] = []
      for (let round = 0; round < ROUNDS; round++) {
        // Edit online for a seeded 20–400 ms, then kill mid-stream (edits keep being sent).
        const killAfter = prng.uint32(gen, 20, 400)
        const started = Date.now()
        while (Date.now() - started < killAfter) {
          edit(prng.uint32(gen, 0, 2), `r${round}`)
          await sleep(prng.uint32(gen, 1, 8))
        }
        const observed = new Set([0, 1, 2].flatMap(observedBy))
        server.child.kill('SIGKILL')
        edit(prng.uint32(gen, 0, 2), `r${round}-in-flight`)
        expect(await server.exited).toBe('SIGKILL')
        for (const c of clients) c.provider.disconnect()

        // Offline edits while the server is down.
        for (let i = 0; i < 6; i++) edit(i % 3, `r${round}-offline`)

        const t0 = Date.now()
        server = await startNext()
        restartMs.push(Date.now() - t0)
        // Durability first: a fresh reader, before any old client is back.
        const reader = connectClient(server.wsUrl, board.id, board.viewToken)
        await waitFor(() => reader.provider.synced, { what: 'reader sync', timeoutMs: 15_000 })
        expect(missing(observed, noteIds(reader.doc)), `round ${round}: lost observed`).toEqual([])
        observedTotal += observed.size
        closeClient(reader)

        for (const c of clients) c.provider.connect()
        await waitFor(
          () =>
            clients.every((c) => missing(made, noteIds(c.doc)).length === 0) &&
            new Set(clients.map((c) => docJson(c.doc))).size === 1,
          { what: `round ${round}: clients re-synced`, timeoutMs: 20_000 },
        )
      }

      // The server's copy equals the clients' after the last round.
      const final = connectClient(server.wsUrl, board.id, board.viewToken)
      await waitFor(
        () => final.provider.synced && docJson(final.doc) === docJson(clients[0]!.doc),
        { what: 'server identical to clients', timeoutMs: 15_000 },
      )
      expect(noteIds(final.doc).size).toBe(made.size)
      closeClient(final)
      report('kill9', {
        rounds: ROUNDS,
        notesMade: made.size,
        observedChecked: observedTotal,
        medianRestartMs: restartMs.sort((a, b) => a - b)[restartMs.length >> 1] ?? NaN,
        finalUpdateBytes: Y.encodeStateAsUpdate(clients[0]!.doc).byteLength,
      })
    },
    ROUNDS * 15_000 + 30_000,
  )
})

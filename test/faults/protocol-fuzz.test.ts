// Protocol fuzz: seeded mutations of real y-websocket messages (bit flips, truncation, inserted
// and duplicated bytes, wrong types, absurd lengths, concatenations, text frames) sent to a live
// server process from several sockets, reconnecting whenever the server closes one (1007).
// Every 50th frame is instead one of issue 12's hostile shapes (fuzz-hostile.ts: deep nesting
// and its delete, gap structs, unknown-client deletes, split deletes against the board's texts,
// tiny structs, V2, trailing bytes, a sync step 1 flood), well-formed, on a fresh socket, and
// must get the answer its shape allows. Meanwhile two clean boards keep editing, and a third
// types from its own process (fixtures/echo-probe.ts). Checked: the server stays up, no
// unhandled rejection, the server's own event-loop lag (monitorEventLoopDelay, measured in the
// child so the fuzzing client does not count) p99 under 100 ms beyond what an idle process on
// the same machine shows at the same time (the shared box alone reaches tens of ms), the clean
// boards hold exactly their own edits, the typing board's echo p99 under issue 12's 250 ms,
// and the fuzzed board is still a loadable document equal to what clients receive, holding
// nothing of a refused shape.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createNote, moveNotes, setNoteText } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { createBoard, waitFor, type CreatedBoard } from '../helpers/server'
import {
  allowedOutcome,
  hostileShapes,
  nthShape,
  sendHostile,
  type HostileOutcome,
} from './fuzz-hostile'
import { clientsIn, notesBoard } from './hostile-frames'
import { getSnapshot, putSnapshot, storedBoard } from './hostile-harness'
import {
  closeClient,
  connectClient,
  docJson,
  noteIds,
  report,
  rng,
  SEED,
  size,
  sleep,
  spawnFixture,
} from './fault-helpers'
import { cleanupsAfter } from '../helpers/cleanups'

const MESSAGES = size('FAULT_FUZZ_MESSAGES', 10_000, 100_000)
const SOCKETS = 8
/** One frame in this many is a hostile shape. */
const HOSTILE_EVERY = 50
/** Low enough that the split deletes and tiny structs fill the fuzzed board (4413). */
const FUZZ_MAX_BOARD_BYTES = 2 * 2 ** 20
/** Issue 12's budget for a clean board's edit echo while another board is attacked. */
const ECHO_BUDGET_MS = 250

const cleanups = cleanupsAfter(afterAll)

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, type)
  write(e)
  return encoding.toUint8Array(e)
}

/** Valid messages of every kind, built from a seeded board edited by a few fake peers. */
function corpus(gen: prng.PRNG): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = prng.uint32(gen, 1, 2 ** 30)
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(frame(0, (e) => syncProtocol.writeUpdate(e, u))))
  for (let i = 0; i < 30; i++) {
    const id = `z${i}`
    createNote(doc, { id, x: i, y: i, author: 'fz', createdAt: i as EpochMs, text: 'q' }, 'fz')
    moveNotes(doc, { ids: [id], dx: 1, dy: 1 }, 'fz')
    setNoteText(doc, { id, text: prng.word(gen, 1, 12) }, 'fz')
  }
  out.push(frame(0, (e) => syncProtocol.writeSyncStep1(e, doc)))
  out.push(frame(0, (e) => syncProtocol.writeSyncStep2(e, doc)))
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name: 'fuzz' }, cursor: { x: 1, y: 2 } })
  out.push(
    frame(1, (e) =>
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      ),
    ),
  )
  awareness.destroy()
  out.push(
    frame(3, () => {}),
    frame(2, (e) => encoding.writeVarString(e, 'x')),
  )
  return out
}

function mutate(gen: prng.PRNG, base: readonly Uint8Array[]): Uint8Array | string {
  const pick = () => prng.oneOf(gen, base as Uint8Array[])
  const bytes = Uint8Array.from(pick())
  switch (prng.uint32(gen, 0, 9)) {
    case 0: {
      const flips = prng.uint32(gen, 1, 4)
      for (let i = 0; i < flips; i++) {
        const at = prng.uint32(gen, 0, bytes.length - 1)
        bytes[at] = bytes[at]! ^ (1 << prng.uint32(gen, 0, 7))
      }
      return bytes
    }
    case 1:
      return bytes.slice(0, prng.uint32(gen, 0, Math.max(0, bytes.length - 1)))
    case 2: {
      const at = prng.uint32(gen, 0, bytes.length)
      const junk = prng.uint8Array(gen, prng.uint32(gen, 1, 16))
      return Uint8Array.from([...bytes.slice(0, at), ...junk, ...bytes.slice(at)])
    }
    case 3: {
      const from = prng.uint32(gen, 0, bytes.length - 1)
      const slice = bytes.slice(from, from + prng.uint32(gen, 1, 32))
      return Uint8Array.from([...bytes, ...slice])
    }
    case 4:
      bytes[0] = prng.uint32(gen, 0, 255)
      return bytes
    case 5:
      // Claims an absurd payload length right after the type and step.
      return frame(0, (e) => {
        encoding.writeVarUint(e, prng.uint32(gen, 0, 2))
        encoding.writeVarUint(e, prng.uint32(gen, 2 ** 20, 2 ** 31))
        encoding.writeUint8Array(e, prng.uint8Array(gen, 8))
      })
    case 6:
      return Uint8Array.from([...pick(), ...pick()])
    case 7:
      return prng.uint8Array(gen, prng.uint32(gen, 0, 64))
    case 8:
      return prng.word(gen, 0, 20)
    default: {
      // A mutated Yjs update inside a well-formed sync envelope: reaches the Yjs decoder.
      const inner = pick().slice(2)
      const at = prng.uint32(gen, 0, Math.max(0, inner.length - 1))
      inner[at] = prng.uint32(gen, 0, 255)
      return frame(0, (e) => {
        encoding.writeVarUint(e, prng.uint32(gen, 1, 2))
        encoding.writeVarUint8Array(e, inner)
      })
    }
  }
}

/** Resolves once the server answers a query-awareness (type 3) or closes the socket. */
function probe(ws: WebSocket): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer)
      ws.off('message', onMessage)
      ws.off('close', finish)
      done()
    }
    const onMessage = (data: Buffer) => {
      if (data[0] === 1) finish()
    }
    const timer = setTimeout(finish, 2_000)
    ws.on('message', onMessage)
    ws.once('close', finish)
    if (ws.readyState === WebSocket.OPEN) ws.send(Uint8Array.of(3))
    else finish()
  })
}

function open(url: string): Promise<WebSocket> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(url)
    ws.once('open', () => done(ws))
    ws.once('error', fail)
    ws.on('message', () => {})
  })
}

describe('protocol fuzz', () => {
  it(`${MESSAGES} seeded mutated messages: no crash, lag bounded, other rooms untouched`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stretchboard-fuzz-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const srv = await spawnFixture('lag-server', {
      DATA_DIR: dataDir,
      MAX_BOARD_BYTES: String(FUZZ_MAX_BOARD_BYTES),
    })
    cleanups.push(() => srv.child.exitCode === null && srv.child.kill('SIGKILL'))
    const metrics = async () => (await fetch(`${srv.url}/metrics`)).text()
    const messagesIn = async () =>
      Number(/^stretchboard_messages_in_total (\d+)/m.exec(await metrics())?.[1] ?? NaN)
    const target = await createBoard(srv.url, 'fuzzed')
    // The hostile shapes go to a board of their own, with the team's long texts for the split
    // deletes to cut (the attacker downloads it): on the fuzzed board, every mutated step 1
    // would then re-encode megabytes and the fuzz would measure that instead.
    const attacked = await createBoard(srv.url, 'attacked')
    const texts = Y.encodeStateAsUpdate(notesBoard(200_000, 10_000))
    expect((await putSnapshot(srv.url, attacked, texts)).status).toBe(200)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, (await getSnapshot(srv.url, attacked)).bytes)
    const { shapes, knownState } = hostileShapes(copy)
    // Someone on the team has it open, so it stays loaded between the attacker's sockets.
    const onlooker = connectClient(srv.wsUrl, attacked.id, attacked.viewToken)
    cleanups.push(() => closeClient(onlooker))
    const typing = await createBoard(srv.url, 'typing')
    const typist = await spawnFixture(
      'echo-probe',
      {
        WS_URL: srv.wsUrl,
        BOARD_ID: typing.id,
        EDIT_TOKEN: typing.editToken,
        VIEW_TOKEN: typing.viewToken,
      },
      { ready: 'ready' },
    )
    cleanups.push(() => typist.child.kill('SIGKILL'))
    const clean: CreatedBoard[] = [
      await createBoard(srv.url, 'clean 1'),
      await createBoard(srv.url, 'clean 2'),
    ]
    const writers = clean.map((b) => connectClient(srv.wsUrl, b.id, b.editToken))
    const readers = clean.map((b) => connectClient(srv.wsUrl, b.id, b.viewToken))
    cleanups.push(() => [...writers, ...readers].forEach(closeClient))
    await waitFor(() => [...writers, ...readers].every((c) => c.provider.synced))

    const gen = rng(SEED)
    const base = corpus(gen)
    const urls = [target.editToken, target.editToken, target.viewToken].map(
      (token) => `${srv.wsUrl}/${target.id}?token=${token}`,
    )
    const sockets = await Promise.all(
      Array.from({ length: SOCKETS }, (_, i) => open(urls[i % urls.length]!)),
    )
    cleanups.push(() => sockets.forEach((s) => s.terminate()))

    const made: string[][] = [[], []]
    let n = 0
    const cleanEdits = setInterval(() => {
      writers.forEach((w, i) => {
        const id = `clean-${i}-${n++}`
        createNote(w.doc, { id, x: n, y: 0, author: 'c', createdAt: n as EpochMs }, 'clean')
        made[i]!.push(id)
      })
    }, 50)
    cleanups.push(() => clearInterval(cleanEdits))

    // An idle process beside it measures what the (shared, loaded) machine alone costs.
    const control = await spawnFixture('lag-control', {}, { ready: 'ready' })
    cleanups.push(() => control.child.kill('SIGKILL'))
    await srv.ask('lag', 'lag') // resets the child's histogram: measure the fuzz only
    await control.ask('lag', 'lag')
    await typist.ask('start', 'started')
    const inBefore = await messagesIn()
    let reconnects = 0
    let sent = 0
    const hostile: { shape: string; outcome: HostileOutcome; allowed: boolean }[] = []
    const started = Date.now()
    // One loop per socket; a closed socket (the server answers junk with 1007) is reopened.
    await Promise.all(
      sockets.map(async (_, s) => {
        while (sent < MESSAGES) {
          let ws = sockets[s]!
          if (ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CONNECTING) {
            await sleep(1)
            continue
          }
          if (ws.readyState === WebSocket.CLOSED) {
            ws = sockets[s] = await open(urls[s % urls.length]!)
            reconnects++
          }
          if (++sent % HOSTILE_EVERY === 0) {
            // A hostile shape on a fresh socket of its own: the relay's answer is the outcome.
            const shape = nthShape(shapes, sent / HOSTILE_EVERY - 1)
            const outcome = await sendHostile(srv.wsUrl, attacked, shape, knownState)
            hostile.push({ shape: shape.name, outcome, allowed: allowedOutcome(shape, outcome) })
            continue
          }
          const message = mutate(gen, base)
          ws.send(message, { binary: typeof message !== 'string' })
          // Then a query-awareness probe: its answer (or the close) means the server has read
          // the fuzzed frame, so every frame sent is one the server really processed.
          await probe(ws)
        }
      }),
    )
    await sleep(200)
    const fuzzMs = Date.now() - started
    clearInterval(cleanEdits)
    const echo = await typist.ask('stop', 'stopped')
    const lag = (await srv.ask('lag', 'lag')) as { p99Ms: number; maxMs: number; unhandled: number }
    const idle = (await control.ask('lag', 'lag')) as { p99Ms: number; maxMs: number }
    // Frames the server read: the fuzzed ones, their probes, and the clean rooms' traffic.
    const processed = (await messagesIn()) - inBefore

    // Still serving, and the clean rooms hold exactly their own edits, everywhere.
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200)
    expect(srv.child.exitCode).toBeNull()
    for (let i = 0; i < clean.length; i++) {
      await waitFor(
        () =>
          docJson(readers[i]!.doc) === docJson(writers[i]!.doc) &&
          noteIds(readers[i]!.doc).size === made[i]!.length,
        { what: `clean room ${i} converged`, timeoutMs: 15_000 },
      )
      expect([...noteIds(readers[i]!.doc)].sort()).toEqual([...made[i]!].sort())
    }
    // The fuzzed and attacked boards: what a fresh reader receives is what is on disk after
    // a clean stop, and nothing of a refused hostile shape is in either.
    const fresh = [target, attacked].map((b) => connectClient(srv.wsUrl, b.id, b.viewToken))
    cleanups.push(() => fresh.forEach(closeClient))
    await waitFor(() => fresh.every((f) => f.provider.synced), { what: 'fresh readers synced' })
    const finalMetrics = await metrics()
    srv.child.kill('SIGTERM')
    expect(await srv.exited).toBe(0)
    const refused = shapes.flatMap((h) => h.clients)
    for (const [i, board] of [target, attacked].entries()) {
      const onDisk = (await storedBoard(dataDir, board.id)).doc
      expect(docJson(onDisk)).toBe(docJson(fresh[i]!.doc))
      const kept = clientsIn(Y.encodeStateAsUpdate(onDisk))
      expect(refused.filter((client) => kept.has(client))).toEqual([])
      expect(onDisk.getMap('notes').has('deep')).toBe(false)
    }
    // Every hostile shape was sent and got an answer it allows.
    expect(hostile.filter((h) => !h.allowed)).toEqual([])
    expect(new Set(hostile.map((h) => h.shape))).toEqual(new Set(shapes.map((h) => h.name)))
    expect(lag.unhandled).toBe(0)
    expect(processed).toBeGreaterThanOrEqual(MESSAGES)
    expect(sent).toBeGreaterThanOrEqual(MESSAGES)
    // The server's own share of the lag: what it shows beyond an idle process at the same time.
    expect(lag.p99Ms - idle.p99Ms).toBeLessThan(100)
    const outcomes = new Map<string, number>()
    for (const { outcome } of hostile)
      outcomes.set(String(outcome), (outcomes.get(String(outcome)) ?? 0) + 1)
    report('protocol-fuzz', {
      messages: MESSAGES,
      sent,
      processed,
      reconnects,
      malformed: Number(/reason="malformed"} (\d+)/.exec(finalMetrics)?.[1] ?? NaN),
      fuzzMs,
      lagP99Ms: Math.round(lag.p99Ms * 10) / 10,
      lagMaxMs: Math.round(lag.maxMs * 10) / 10,
      idleLagP99Ms: Math.round(idle.p99Ms * 10) / 10,
      idleLagMaxMs: Math.round(idle.maxMs * 10) / 10,
      hostile: hostile.length,
      hostileOutcomes: [...outcomes].map(([outcome, n]) => `${outcome}x${n}`).join(' '),
      echoKeystrokes: Number(echo.sent),
      echoP50Ms: Number(echo.p50Ms),
      echoP99Ms: Number(echo.p99Ms),
      echoMaxMs: Number(echo.maxMs),
    })
    // The typing board: every keystroke arrived, echoed within issue 12's budget.
    expect([echo.lost, echo.textEqual]).toEqual([0, true])
    expect(Number(echo.p99Ms)).toBeLessThan(ECHO_BUDGET_MS)
  }, 600_000) // the soak's 100k frames take minutes on a busy box
})

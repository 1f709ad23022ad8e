// Issue 12 items 1–5, run as an attacker with nothing but an edit link (a view link for the
// sync flood, no link at all for item 5) would run them against a real server process. While
// each attack runs against board A, a clean board B on the same server has one stock client
// typing every 50 ms and another measuring the echo, in a process of their own
// (hostile-harness.ts). Asserted: what the server answers each attack, that every B keystroke
// arrives, and B's echo p99 under the budget of 250 ms. Measured and printed as one JSON
// line per attack (`"fault":"hostile-editors"`, docs/reliability.md): the attack's size, B's
// echo p50/p99/max, the server's event-loop lag and its RSS growth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { DELETION_SLACK_BYTES } from '../../server/relay/board-size'
import { CloseCode, encodeUpdate } from '../../server/relay/protocol'
import {
  deepNote,
  gapUpdate,
  tinyStructs,
  unknownClientDeletes,
} from '../core/sync/hostile-updates'
import { cleanupsAfter } from '../helpers/cleanups'
import { createBoard, waitFor } from '../helpers/server'
import { closeClient, connectClient, docJson, report, size } from './fault-helpers'
import {
  bogusStep1,
  clientsIn,
  deleteFrames,
  deleteOnlyUpdate,
  EMPTY_STEP2,
  everyOtherCharacter,
  notesBoard,
  noteTexts,
  syncStep1,
  unknownClientDeleteRanges,
} from './hostile-frames'
import {
  attackedServer,
  boardServes,
  createMany,
  everyClose,
  exchange,
  getSnapshot,
  inWaves,
  isAwareness,
  metric,
  openAttacker,
  openMany,
  putSnapshot,
  QUERY_AWARENESS,
  serverOn,
  storedBoard,
  tally,
  underAttack,
  type AttackedServer,
  type Figures,
} from './hostile-harness'

const cleanups = cleanupsAfter(afterAll)
/** The budget: a clean board's edit echo p99 while any one attack runs elsewhere. */
const BUDGET_MS = 250
const MB = 1_000_000
const MiB = 2 ** 20
/** One attack: a case with room for a loaded 2-core box, which stretches every step. */
const attackCase = (name: string, body: () => Promise<void>) => it(name, body, 180_000)

/** Called after `report`, so a run over the budget still prints its figures. */
function expectCleanBoardKept(figures: Figures, textEqual: boolean): void {
  expect(figures.keystrokes).toBeGreaterThan(0)
  expect(figures.lost).toBe(0)
  expect(textEqual).toBe(true)
  // What the shared 2-core box alone cost meanwhile (an idle process's own lag, measured over
  // the same window) is not the server's doing: the budget applies to the rest. On a quiet
  // machine the idle lag is a few milliseconds and this is the plain p99.
  expect(figures.echoP99Ms - figures.idleLagP99Ms).toBeLessThan(BUDGET_MS)
}

const DEEP_ATTEMPTS = size('FAULT_HOSTILE_DEEP_ATTEMPTS', 10, 50)
const GAP_TOTAL_MB = size('FAULT_HOSTILE_GAP_MB', 7, 7)
// Per frame (the issue fixes only the 7 MB total); the soak sends frames near the caps (200k).
const GAP_STRUCTS = size('FAULT_HOSTILE_GAP_STRUCTS', 50_000, 190_000)
const DELETE_RANGES = size('FAULT_HOSTILE_DELETE_RANGES', 100_000, 190_000)
const SPLIT_FRAMES = size('FAULT_HOSTILE_SPLIT_FRAMES', 40, 40)
const SPLIT_AT_ONCE = size('FAULT_HOSTILE_SPLIT_AT_ONCE', 40, 40)
/** Item 3's cap: the default cap takes ≈ 11 applied frames (25 s here); 4 MiB takes 3. */
const SPLIT_CAP_BYTES = size('FAULT_HOSTILE_SPLIT_CAP_MB', 4, 10) * MiB
// Requests or upgrades at once (item 5): all 800 at once breaks the budget today (findings).
const BURST_AT_ONCE = size('FAULT_HOSTILE_BURST_AT_ONCE', 20, 20)
const SLICED_BOARDS = size('FAULT_HOSTILE_SLICED_BOARDS', 2, 18)
const CREATE_BURST = size('FAULT_HOSTILE_CREATES', 600, 600)
const SOCKET_BURST = size('FAULT_HOSTILE_SOCKETS', 800, 800)
const RELOAD_4C = process.env.FAULT_HOSTILE_4C_RELOAD === '1'

describe('hostile editors against a real server (issue 12 items 1, 2, 4)', () => {
  let server: AttackedServer
  beforeAll(async () => {
    server = await attackedServer(cleanups)
  })

  attackCase('item 1: a 3,000-deep chain and a 10-byte delete of it: 1007, PUT 422', async () => {
    const a = await createBoard(server.srv.url, 'board A')
    const author = new Y.Doc()
    const chain = deepNote(3000, author)
    // The note's entry in 'notes' is the author's first struct: deleting it deletes the chain.
    const deletion = deleteOnlyUpdate([{ client: author.clientID, clock: 0, len: 1 }])
    const send = (update: Uint8Array) => () =>
      exchange(server.srv.wsUrl, a, a.editToken, [EMPTY_STEP2, encodeUpdate(update)])
    const { result, figures, textEqual } = await underAttack(server, async () => ({
      chains: await inWaves(DEEP_ATTEMPTS, 1, send(chain)),
      deletes: await inWaves(DEEP_ATTEMPTS, 1, send(deletion)),
      put: await putSnapshot(server.srv.url, a, chain),
    }))
    expect(everyClose(result.chains, CloseCode.invalidPayload, /nests shared types/)).toBe(true)
    expect(everyClose(result.deletes, CloseCode.invalidPayload, /never seen/)).toBe(true)
    expect([result.put.status, result.put.code]).toEqual([422, 'snapshot-too-deep'])
    // Board A still stores and broadcasts, holds nothing of the chain, and nobody is wedged.
    await boardServes(server.srv.wsUrl, a)
    const stored = await getSnapshot(server.srv.url, a)
    expect(clientsIn(stored.bytes).has(author.clientID)).toBe(false)
    expect(await metric(server.srv.url, 'stretchboard_rooms_inconsistent')).toBe(0)
    report('hostile-editors', {
      item: 1,
      attack: `${DEEP_ATTEMPTS} x (3,000-deep chain + 10-byte delete), 1 PUT`,
      chainBytes: chain.byteLength,
      deleteBytes: deletion.byteLength,
      closes: tally([...result.chains, ...result.deletes]),
      put: result.put.status,
      ...figures,
    })
    expectCleanBoardKept(figures, textEqual)
  })

  attackCase('item 2: gap and unknown-client-delete frames: 1007, PUT 422 naming it', async () => {
    const a = await createBoard(server.srv.url, 'board A')
    // Built before the window: the attacker's own CPU time is not the server's.
    const frames: Uint8Array[] = [gapUpdate(), unknownClientDeletes(3)]
    let bytes = frames.reduce((sum, f) => sum + f.byteLength, 0)
    while (bytes < GAP_TOTAL_MB * MB) {
      const next =
        frames.length % 2 === 0
          ? Y.mergeUpdates([gapUpdate(), tinyStructs(GAP_STRUCTS)])
          : deleteOnlyUpdate(unknownClientDeleteRanges(new Y.Doc().clientID, DELETE_RANGES))
      frames.push(next)
      bytes += next.byteLength
    }
    const attackers = new Set(frames.flatMap((f) => [...clientsIn(f)]))
    const gap = gapUpdate()
    const deletes = unknownClientDeletes(5)
    const v2 = new Y.Doc()
    createNote(v2, { id: 'v2', x: 0, y: 0, author: 'x', createdAt: 1 as EpochMs }, 'x')
    const files = [gap, deletes, Y.encodeStateAsUpdateV2(v2)]
    const { result, figures, textEqual } = await underAttack(server, async () => ({
      outcomes: await inWaves(frames.length, 1, (i) =>
        exchange(server.srv.wsUrl, a, a.editToken, [EMPTY_STEP2, encodeUpdate(frames[i]!)]),
      ),
      puts: await inWaves(files.length, 1, (i) => putSnapshot(server.srv.url, a, files[i]!)),
    }))
    expect(everyClose(result.outcomes, CloseCode.invalidPayload, /missing|never seen/)).toBe(true)
    const [gapPut, deletesPut, v2Put] = result.puts
    const [gapClient] = clientsIn(gap)
    const [deletesClient] = clientsIn(deletes)
    expect([gapPut!.status, gapPut!.code]).toEqual([422, 'snapshot-incomplete'])
    expect(gapPut!.message).toMatch(new RegExp(`missing history of client ${gapClient}`))
    expect([deletesPut!.status, deletesPut!.code]).toEqual([422, 'snapshot-unknown-deletes'])
    expect(deletesPut!.message).toMatch(new RegExp(`client ${deletesClient}.*never seen`))
    expect([v2Put!.status, v2Put!.code]).toEqual([422, 'snapshot-malformed'])
    expect(v2Put!.message).toMatch(/V1/)
    // Nothing of it was kept (so nothing unstored was ever confirmed), and A still works.
    const stored = clientsIn((await getSnapshot(server.srv.url, a)).bytes)
    expect([...attackers].filter((client) => stored.has(client))).toEqual([])
    await boardServes(server.srv.wsUrl, a)
    expect(await metric(server.srv.url, 'stretchboard_rooms_inconsistent')).toBe(0)
    report('hostile-editors', {
      item: 2,
      attack: `${frames.length} gap / unknown-client-delete frames, 3 PUTs`,
      attackMB: Math.round(bytes / 1e5) / 10,
      largestFrameKB: Math.round(Math.max(...frames.map((f) => f.byteLength)) / 1e3),
      closes: tally(result.outcomes),
      puts: result.puts.map((p) => p.status).join(' '),
      ...figures,
    })
    expectCleanBoardKept(figures, textEqual)
  })

  attackCase('item 4a: a 9 MiB frame of tiny items: 1007 past the struct cap', async () => {
    const a = await createBoard(server.srv.url, 'board A')
    const frame = encodeUpdate(tinyStructs(960_000))
    expect(frame.byteLength).toBeGreaterThan(9 * MiB)
    const { result, figures, textEqual } = await underAttack(server, () =>
      exchange(server.srv.wsUrl, a, a.editToken, [EMPTY_STEP2, frame]),
    )
    expect(result.code).toBe(CloseCode.invalidPayload)
    expect(result.reason).toMatch(/more than 200000 structs/)
    report('hostile-editors', {
      item: '4a',
      attack: '1 frame of 960,000 one-character items',
      frameMB: Math.round(frame.byteLength / 1e5) / 10,
      closes: tally([result]),
      ...figures,
    })
    expectCleanBoardKept(figures, textEqual)
  })

  attackCase('item 4b: 100k-struct frames on several boards: applied in slices', async () => {
    const boards = await Promise.all(
      Array.from({ length: SLICED_BOARDS }, (_, i) => createBoard(server.srv.url, `sliced ${i}`)),
    )
    // One per board: a second run at the same place is quadratic in Yjs (findings).
    const frames = boards.map(() => tinyStructs(100_000))
    const slicedBefore = await metric(server.srv.url, 'stretchboard_sliced_updates_total')
    const { result, figures, textEqual } = await underAttack(server, () =>
      inWaves(SLICED_BOARDS, 1, (i) =>
        exchange(
          server.srv.wsUrl,
          boards[i]!,
          boards[i]!.editToken,
          [EMPTY_STEP2, encodeUpdate(frames[i]!), syncStep1(Y.encodeStateVector(new Y.Doc()))],
          { reply: true },
        ),
      ),
    )
    // Every frame applied (the sync reply queued behind them came back), each in slices.
    expect(result.every((o) => o.answered)).toBe(true)
    const sliced =
      (await metric(server.srv.url, 'stretchboard_sliced_updates_total')) - slicedBefore
    expect(sliced).toBe(SLICED_BOARDS)
    report('hostile-editors', {
      item: '4b',
      attack: `${SLICED_BOARDS} boards x 1 frame of 100,000 one-character items, in turn`,
      frameMB: Math.round(frames[0]!.byteLength / 1e5) / 10,
      slicedUpdates: sliced,
      ...figures,
    })
    expectCleanBoardKept(figures, textEqual)
  })

  attackCase('item 4c: 20 bogus 8-byte step 1s, view link, 6 MB board: 1008', async () => {
    const a = await createBoard(server.srv.url, 'board A, 6 MB')
    const board = Y.encodeStateAsUpdate(notesBoard(6 * MB, 360))
    const loaded = () => metric(server.srv.url, 'stretchboard_boards_loaded')
    const loadedBefore = await loaded()
    expect((await putSnapshot(server.srv.url, a, board)).status).toBe(200)
    // By default the room the import loaded answers (its first full state has to be built:
    // finding 2); FAULT_HOSTILE_4C_RELOAD=1 waits for it to unload, so the team's open loads
    // it through the worker, which hands the full state over.
    if (RELOAD_4C) {
      await waitFor(async () => (await loaded()) <= loadedBefore, { timeoutMs: 30_000 })
    }
    // Open by the team, as boards under attack are: the frames are measured, not a load. After
    // the import the team already holds the board (the importer's copy), so it syncs a diff
    // and the attacker's bogus step 1 is the room's first full-state reply.
    const teamDoc = new Y.Doc()
    if (!RELOAD_4C) Y.applyUpdate(teamDoc, board)
    const team = connectClient(server.srv.wsUrl, a.id, a.viewToken, teamDoc)
    await waitFor(() => team.provider.synced, { timeoutMs: 60_000 })
    const frame = bogusStep1()
    expect(frame.byteLength).toBe(8)
    const slowReaders = 'stretchboard_rejected_messages_total{reason="slow-reader"}'
    const cutBefore = await metric(server.srv.url, slowReaders)
    const { result, figures, textEqual } = await underAttack(server, () =>
      exchange(server.srv.wsUrl, a, a.viewToken, Array<Uint8Array>(20).fill(frame)),
    )
    // At most the burst (4) is answered. Then 1008, unless the replies piled up unread first
    // and the socket was cut as a slow reader (1006: no close frame gets through a full buffer).
    closeClient(team)
    expect(result.received).toBeLessThan(5 * board.byteLength)
    if (result.code === 1006) {
      expect(await metric(server.srv.url, slowReaders)).toBeGreaterThan(cutBefore)
    } else {
      expect([result.code, result.reason]).toEqual([
        CloseCode.policyViolation,
        'too many sync requests',
      ])
    }
    report('hostile-editors', {
      item: '4c',
      attack: '20 x 8-byte sync step 1 (bogus state vector), view link',
      room: RELOAD_4C ? 'reloaded' : 'loaded by the import',
      boardMB: Math.round(board.byteLength / 1e5) / 10,
      repliedMB: Math.round(result.received / 1e5) / 10,
      closes: tally([result]),
      ...figures,
    })
    expectCleanBoardKept(figures, textEqual)
  })
})

describe('item 3: delete-only frames that split items', () => {
  attackCase(`${SPLIT_FRAMES} split frames of 92 KB fill a 2 MB board to the cap`, async () => {
    const server = await attackedServer(cleanups, { MAX_BOARD_BYTES: String(SPLIT_CAP_BYTES) })
    const a = await createBoard(server.srv.url, 'long texts')
    const team = Y.encodeStateAsUpdate(notesBoard(2 * MB, 10_000))
    expect((await putSnapshot(server.srv.url, a, team)).status).toBe(200)
    // The attacker downloads the board and deletes every other character of its texts.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, (await getSnapshot(server.srv.url, a)).bytes)
    const frames = deleteFrames(everyOtherCharacter(noteTexts(copy)), 92_000).slice(0, SPLIT_FRAMES)
    expect(frames).toHaveLength(SPLIT_FRAMES)
    const known = syncStep1(Y.encodeStateVector(copy))
    // One socket per frame, all at once: no socket's own work budget slows the attack.
    const sockets = await Promise.all(
      frames.map(() => openAttacker(server.srv.wsUrl, a, a.editToken)),
    )
    const fetched: { backup?: Awaited<ReturnType<typeof getSnapshot>> } = {}
    const { result, figures, textEqual } = await underAttack(server, async () => {
      // Each frame read by the server (its presence query answered, or the socket closed)…
      await inWaves(SPLIT_FRAMES, SPLIT_AT_ONCE, (i) =>
        sockets[i]!.send([EMPTY_STEP2, encodeUpdate(frames[i]!), QUERY_AWARENESS], isAwareness),
      )
      // … then a step 1 queued behind all of them in the board's lane: once it is answered,
      // every frame was applied or refused, and a refused one's socket is closed.
      await exchange(server.srv.wsUrl, a, a.viewToken, [known], { reply: true })
      const answered = await Promise.all(sockets.map((t) => t.send([QUERY_AWARENESS], isAwareness)))
      // The backup of the board the attack filled, inside the window: its rows are merged
      // off the event loop (finding 7), so B's figures include it.
      fetched.backup = await getSnapshot(server.srv.url, a)
      return answered
    })
    const refused = await Promise.all(sockets.filter((_, i) => !result[i]).map((t) => t.closed))
    const applied = result.filter(Boolean)
    sockets.forEach((t) => t.end())
    expect(applied.length).toBeGreaterThan(0)
    expect(refused.length).toBeGreaterThan(0)
    expect(everyClose(refused, CloseCode.boardTooLarge, /^board is full/)).toBe(true)
    // The backup answered with what storage holds, and storage stayed under the cap.
    const { backup } = fetched
    if (backup === undefined) throw new Error('the backup was not fetched')
    expect(backup.status).toBe(200)
    server.srv.child.kill('SIGTERM')
    expect(await server.srv.exited).toBe(0)
    const stored = await storedBoard(server.dataDir, a.id)
    expect(stored.bytes).toBeLessThanOrEqual(SPLIT_CAP_BYTES + DELETION_SLACK_BYTES)
    const fromBackup = new Y.Doc()
    Y.applyUpdate(fromBackup, backup.bytes)
    expect(docJson(fromBackup)).toBe(docJson(stored.doc))

    // Restarted with a cap the board is over (but within twice it): it opens read-only.
    const lowerCap = Math.ceil((stored.bytes - DELETION_SLACK_BYTES) / 2) + 64 * 1024
    expect(stored.bytes).toBeGreaterThan(lowerCap + DELETION_SLACK_BYTES)
    const restarted = await serverOn(cleanups, server.dataDir, {
      MAX_BOARD_BYTES: String(lowerCap),
    })
    const adding = new Y.Doc()
    createNote(adding, { id: 'more', x: 0, y: 0, author: 'x', createdAt: 1 as EpochMs }, 'x')
    const reading = await exchange(restarted.wsUrl, a, a.viewToken, [known], { reply: true })
    expect(reading.answered).toBe(true)
    const readOnly = await exchange(restarted.wsUrl, a, a.editToken, [
      EMPTY_STEP2,
      encodeUpdate(Y.encodeStateAsUpdate(adding)),
    ])
    expect(readOnly.code).toBe(CloseCode.boardTooLarge)
    expect(readOnly.reason).toMatch(/over its size limit.*read-only/)
    expect((await getSnapshot(restarted.url, a)).status).toBe(200)
    report('hostile-editors', {
      item: 3,
      attack: `${SPLIT_FRAMES} delete-only frames, one socket each, ${SPLIT_AT_ONCE} at once`,
      boardMB: Math.round(team.byteLength / 1e5) / 10,
      frameKB: Math.round(frames[1]!.byteLength / 1e3),
      applied: applied.length,
      closes: tally(refused),
      storedMB: Math.round(stored.bytes / 1e5) / 10,
      capMB: Math.round(SPLIT_CAP_BYTES / 1e5) / 10,
      ...figures,
    })
    expectCleanBoardKept(figures, textEqual)
  })
})

describe('item 5: anonymous resource use from one address', () => {
  attackCase(`${CREATE_BURST} creations, ${SOCKET_BURST} sockets: 429s, board cap`, async () => {
    // The real per-address defaults (30 creations, 30 uploads, 120 socket opens a minute,
    // 100 sockets a board); B's probe and the two boards used the first of them.
    const server = await attackedServer(cleanups, { RATE_LIMITS: 'default' })
    const a = await createBoard(server.srv.url, 'board A')
    const { result, figures, textEqual } = await underAttack(server, async () => {
      const creates = await createMany(server.srv.url, CREATE_BURST, BURST_AT_ONCE)
      const uploads = await Promise.all(
        Array.from({ length: 60 }, () =>
          putSnapshot(server.srv.url, a, Y.encodeStateAsUpdate(new Y.Doc())),
        ),
      )
      const sockets = await openMany(server.srv.wsUrl, a, SOCKET_BURST, BURST_AT_ONCE)
      sockets.opened.forEach((ws) => ws.terminate())
      return { creates, uploads, sockets }
    })
    const created = result.creates.filter((r) => r.status === 201).length
    const limited = result.creates.filter((r) => r.status === 429)
    // All at once, requests past the address's 256 open connections are closed at accept.
    const closedAtAccept = result.creates.filter((r) => r.code === 'closed-at-accept').length
    expect(created).toBeLessThanOrEqual(30 - 2)
    expect(limited.length + closedAtAccept).toBe(CREATE_BURST - created)
    if (BURST_AT_ONCE <= 256 - 100) expect(closedAtAccept).toBe(0)
    expect(
      limited.every((r) => /^\d+$/.test(r.retryAfter ?? '') && r.code === 'rate-limited'),
    ).toBe(true)
    const uploaded = result.uploads.filter((r) => r.status === 200).length
    expect(uploaded).toBeLessThanOrEqual(30)
    expect(result.uploads.filter((r) => r.status === 429 && r.retryAfter !== null)).toHaveLength(
      60 - uploaded,
    )
    const { opened, statuses, missingRetryAfter, reset } = result.sockets
    // Past the address's limit: 429. Of the opens within it, the board takes its cap (503 after).
    // Opened all at once, connections past the address's 256 are closed at accept instead.
    const withinLimit = opened.length + (statuses.get(503) ?? 0)
    expect(withinLimit).toBeLessThanOrEqual(120)
    expect(opened.length).toBe(Math.min(100, withinLimit))
    expect((statuses.get(429) ?? 0) + reset).toBeGreaterThanOrEqual(SOCKET_BURST - 120)
    if (BURST_AT_ONCE <= 256 - 100) expect(reset).toBe(0)
    expect([...statuses.keys()].every((status) => status === 429 || status === 503)).toBe(true)
    expect(missingRetryAfter).toBe(0)
    report('hostile-editors', {
      item: 5,
      attack: `${CREATE_BURST} POST /api/boards, 60 PUT snapshot, ${SOCKET_BURST} socket opens, ${BURST_AT_ONCE} at once`,
      created,
      createRefused429: limited.length,
      createClosedAtAccept: closedAtAccept,
      uploaded,
      socketsOpened: opened.length,
      socketsRefused: [...statuses].map(([status, n]) => `${status}x${n}`).join(' '),
      socketsClosedAtAccept: reset,
      ...figures,
    })
    expectCleanBoardKept(figures, textEqual)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { createCheckIn, createObjective, deleteKeyResult } from '../../core/board/commands/okr'
import { setBoardTimeframe } from '../../core/board/commands/facilitation'
import { quarterTimeframe } from '../../core/okr/timeframe'
import { assignNotes, createGroup } from '../../core/board/commands/groups'
import { createNote } from '../../core/board/commands/notes'
import { castVote } from '../../core/board/commands/voting'
import { readBoard } from '../../core/board/read'
import type { EpochMs } from '../../core/okr/okr-model'
import { connectProvider } from '../helpers/clients'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../helpers/server'

const NOW = Date.UTC(2026, 10, 1) as EpochMs
let srv: TestServer
let board: CreatedBoard
let peer: WebsocketProvider

beforeAll(async () => {
  srv = await startTestServer({ now: () => NOW })
  board = await srv.createBoard('Growth Q4')
  // The workshop's own data, written as the facilitator would (the relay judges every update).
  peer = connectProvider(srv.wsUrl, board.id, board.facilitatorToken)
  await waitFor(() => peer.synced, { what: 'peer synced' })
  const doc = peer.doc
  const me = 'test'
  createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Grow the community' }, me)
  createNote(
    doc,
    {
      id: 'n1',
      x: 0,
      y: 0,
      author: 'ann',
      createdAt: NOW,
      text: 'Grow followers from 200 to 1000',
    },
    me,
  )
  createNote(
    doc,
    { id: 'n2', x: 0, y: 0, author: 'bob', createdAt: NOW, text: 'Host a monthly meetup' },
    me,
  )
  assignNotes(doc, { noteIds: ['n1', 'n2'], groupId: 'g1' }, me)
  castVote(doc, { voterId: 'ann', targetId: 'g1', count: 2 }, me)
  castVote(doc, { voterId: 'bob', targetId: 'n1', count: 1 }, me)
  // REST and the socket are separate channels: wait until the server's copy has the votes.
  await waitFor(
    () => {
      const room = srv.relay.rooms.get(board.id)
      return room !== null && readBoard(room.doc).tally.byTarget.get('n1') === 1
    },
    { what: 'server has the board' },
  )
})

afterAll(async () => {
  peer.destroy()
  await srv.close()
})

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

describe('POST /api/boards/:id/convert', () => {
  it('previews with dryRun without touching the document', async () => {
    const res = await fetch(`${srv.url}/api/boards/${board.id}/convert`, {
      method: 'POST',
      headers: { ...auth(board.editToken), 'content-type': 'application/json' },
      body: JSON.stringify({ dryRun: true }),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { objectives: { id: string }[]; applied: unknown }
    expect(body.objectives.map((o) => o.id)).toEqual(['obj:g1'])
    expect(body.applied).toBeNull()
    expect(readBoard(peer.doc).objectives).toEqual([])
  })

  it('refuses to apply with an edit link (the facilitator applies), and writes nothing', async () => {
    const res = await fetch(`${srv.url}/api/boards/${board.id}/convert`, {
      method: 'POST',
      headers: auth(board.editToken),
    })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('facilitator-only')
    expect(readBoard(srv.relay.rooms.get(board.id)!.doc).objectives).toEqual([])
  })

  it('applies the drafts on the server and every peer receives them', async () => {
    const res = await fetch(`${srv.url}/api/boards/${board.id}/convert`, {
      method: 'POST',
      headers: auth(board.facilitatorToken),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      objectives: { id: string }[]
      keyResults: { id: string; target: number | null }[]
      applied: { created: string[] }
    }
    expect(body.applied.created).toContain('obj:g1')
    await waitFor(() => readBoard(peer.doc).objectives.length === 1, { what: 'peer got OKRs' })
    const kr = body.keyResults.find((k) => k.target === 1000)
    expect(kr).toBeDefined()
    expect(readBoard(peer.doc).keyResults.map((k) => k.id)).toContain(kr!.id)

    const again = await fetch(`${srv.url}/api/boards/${board.id}/convert`, {
      method: 'POST',
      headers: auth(board.facilitatorToken),
    })
    expect(((await again.json()) as { applied: { created: string[] } }).applied.created).toEqual([])
    expect(readBoard(peer.doc).objectives.length).toBe(1)
  })

  it('refuses view tokens and bad options', async () => {
    const view = await fetch(`${srv.url}/api/boards/${board.id}/convert`, {
      method: 'POST',
      headers: auth(board.viewToken),
    })
    expect(view.status).toBe(403)
    const bad = await fetch(`${srv.url}/api/boards/${board.id}/convert`, {
      method: 'POST',
      headers: { ...auth(board.editToken), 'content-type': 'application/json' },
      body: JSON.stringify({ maxObjectives: 0 }),
    })
    expect(bad.status).toBe(400)
  })
})

describe('GET /api/boards/:id/export.*', () => {
  it('exports JSON with every computed figure from core', async () => {
    const kr = readBoard(peer.doc).keyResults.find((k) => k.target === 1000)!
    createCheckIn(
      peer.doc,
      {
        id: 'c1',
        keyResultId: kr.id,
        at: NOW,
        value: 600,
        note: '',
        predictedScore: null,
        confidence: null,
        author: 'ann',
      },
      'test',
    )
    await waitFor(async () => {
      const res = await fetch(`${srv.url}/api/boards/${board.id}/export.json`, {
        headers: auth(board.viewToken),
      })
      const data = (await res.json()) as {
        board: { id: string; title: string }
        objectives: {
          score: number
          keyResults: { id: string; current: number | null; score: number; progress: number }[]
        }[]
      }
      const exported = data.objectives[0]?.keyResults.find((k) => k.id === kr.id)
      if (exported?.current !== 600) return false
      expect(data.board.id).toBe(board.id)
      expect(exported.progress).toBeCloseTo(0.5, 5)
      expect(exported.score).toBeCloseTo(0.5, 5)
      expect(data.objectives[0]!.score).toBeGreaterThan(0)
      return true
    })
  })

  it('exports Markdown and CSV with download names and types', async () => {
    const md = await fetch(`${srv.url}/api/boards/${board.id}/export.md?token=${board.viewToken}`)
    expect(md.headers.get('content-type')).toContain('text/markdown')
    expect(md.headers.get('content-disposition')).toContain('.md"')
    expect(await md.text()).toContain('Grow the community')
    const csv = await fetch(`${srv.url}/api/boards/${board.id}/export.csv?token=${board.viewToken}`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = (await csv.text()).trim().split(/\r?\n/)
    expect(lines[0]).toContain('Objective')
    expect(lines.length).toBeGreaterThanOrEqual(2)
  })

  it('needs a token and knows no other formats', async () => {
    expect((await fetch(`${srv.url}/api/boards/${board.id}/export.json`)).status).toBe(401)
    const pdf = await fetch(`${srv.url}/api/boards/${board.id}/export.pdf`, {
      headers: auth(board.viewToken),
    })
    expect(pdf.status).toBe(404)
  })
})

describe('POST /api/boards/:id/convert after the team decided', () => {
  it('keeps a key result deleted after applying out of the next conversion', async () => {
    const before = readBoard(peer.doc).keyResults
    const gone = before.find((k) => k.target === 1000)
    expect(gone).toBeDefined()
    deleteKeyResult(peer.doc, { id: gone!.id }, 'test')
    await waitFor(
      () =>
        !readBoard(srv.relay.rooms.get(board.id)!.doc).keyResults.some((k) => k.id === gone!.id),
      { what: 'server has the deletion' },
    )
    const res = await fetch(`${srv.url}/api/boards/${board.id}/convert`, {
      method: 'POST',
      headers: { ...auth(board.editToken), 'content-type': 'application/json' },
      body: JSON.stringify({ dryRun: true }),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { keyResults: { id: string }[] }
    expect(body.keyResults.map((k) => k.id)).not.toContain(gone!.id)
  })
})

describe('GET /api/boards/:id/export.* by cycle', () => {
  it('exports the current cycle unless another is asked for, and names an unknown one', async () => {
    const q4 = quarterTimeframe(2026, 4)
    const q1 = quarterTimeframe(2027, 1)
    setBoardTimeframe(peer.doc, { timeframe: { start: q4.start, end: q4.end } }, 'test')
    createObjective(peer.doc, { id: 'next', title: 'Next quarter bet', timeframe: q1 }, 'test')
    const get = (query: string) =>
      fetch(`${srv.url}/api/boards/${board.id}/export.json${query}`, {
        headers: auth(board.viewToken),
      })
    const titles = async (query: string) =>
      ((await (await get(query)).json()) as { objectives: { title: string }[] }).objectives.map(
        (o) => o.title,
      )
    await waitFor(async () => (await titles('?cycle=2027-Q1')).length === 1, {
      what: 'server has the next quarter',
    })
    expect(await titles('')).toEqual(['Grow the community'])
    expect(await titles('?cycle=2026-Q4')).toEqual(['Grow the community'])
    expect(await titles('?cycle=2027-Q1')).toEqual(['Next quarter bet'])
    const unknown = await get('?cycle=1999-Q1')
    expect(unknown.status).toBe(404)
    expect(JSON.stringify(await unknown.json())).toContain('no cycle 1999-Q1 on this board (')
  })
})

/**
 * Issue 15's three links over HTTP: creation answers all three, only a facilitate link rotates,
 * and it can rotate each link alone; a lesser link asking gets 403 and changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { hashToken } from '../../server/storage/tokens'
import { testApp } from '../helpers/app'

const ORIGIN = 'http://localhost'
const LINKS = ['facilitate', 'edit', 'view'] as const
type Link = (typeof LINKS)[number]
const TOKEN_KEY = { facilitate: 'facilitatorToken', edit: 'editToken', view: 'viewToken' } as const
const URL_KEY = { facilitate: 'facilitatorUrl', edit: 'editUrl', view: 'viewUrl' } as const

type Tokens = Record<(typeof TOKEN_KEY)[Link], string>

function build() {
  return testApp({ maxBodyBytes: 1024 })
}

let ctx: ReturnType<typeof build>
beforeEach(() => {
  ctx = build()
})

async function create(): Promise<{ id: string } & Tokens & Record<string, string>> {
  const res = await ctx.app.request('/api/boards', { method: 'POST', body: '{}' })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string } & Tokens & Record<string, string>
}

function rotate(id: string, token: string, body?: unknown): Promise<Response> {
  return Promise.resolve(
    ctx.app.request(`/api/boards/${id}/tokens/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )
}

async function roleOf(id: string, token: string): Promise<string | number> {
  const res = await ctx.app.request(`/api/boards/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return res.status === 200 ? ((await res.json()) as { role: string }).role : res.status
}

describe('POST /api/boards and the three links', () => {
  it('answers a facilitate link beside edit and view, each granting its role', async () => {
    const board = await create()
    const tokens = LINKS.map((link) => board[TOKEN_KEY[link]])
    expect(new Set(tokens).size).toBe(3)
    for (const link of LINKS) {
      expect(board[URL_KEY[link]]).toBe(`${ORIGIN}/b/${board.id}#token=${board[TOKEN_KEY[link]]}`)
      expect(await roleOf(board.id, board[TOKEN_KEY[link]])).toBe(link)
    }
    const stored = await ctx.store.getBoard(board.id)
    expect(stored?.facilitateTokenHash).toBe(hashToken(board.facilitatorToken))
  })

  it('gives a board without a facilitate hash (made before roles) no facilitate role', async () => {
    const board = await create()
    const stored = await ctx.store.getBoard(board.id)
    if (stored === null) throw new Error('board not stored')
    await ctx.store.createBoard({ ...stored, id: 'old', facilitateTokenHash: null })
    expect(await roleOf('old', board.editToken)).toBe('edit')
    expect(await roleOf('old', board.facilitatorToken)).toBe(401)
    expect((await rotate('old', board.editToken)).status).toBe(403)
  })
})

describe('POST /api/boards/:id/tokens/rotate', () => {
  for (const lesser of ['edit', 'view'] as const) {
    it(`refuses a ${lesser} link whatever it asks to rotate, and changes nothing`, async () => {
      const board = await create()
      const before = await ctx.store.getBoard(board.id)
      for (const links of [undefined, ['facilitate'], ['edit'], ['view'], [...LINKS]]) {
        const res = await rotate(board.id, board[TOKEN_KEY[lesser]], links && { links })
        expect(res.status).toBe(403)
        const body = (await res.json()) as { error: { code: string; message: string } }
        expect(body.error.code).toBe('facilitator-only')
        expect(body.error.message).toMatch(/facilitator/)
      }
      expect(await ctx.store.getBoard(board.id)).toEqual(before)
    })
  }

  for (const link of LINKS) {
    it(`lets a facilitator rotate the ${link} link alone`, async () => {
      const board = await create()
      const res = await rotate(board.id, board.facilitatorToken, { links: [link] })
      expect(res.status).toBe(200)
      const fresh = (await res.json()) as Record<string, unknown>
      const token = fresh[TOKEN_KEY[link]] as string
      expect(Object.keys(fresh).sort()).toEqual(
        ['id', 'closedSockets', TOKEN_KEY[link], URL_KEY[link]].sort(),
      )
      expect(fresh[URL_KEY[link]]).toBe(`${ORIGIN}/b/${board.id}#token=${token}`)
      expect(await roleOf(board.id, token)).toBe(link)
      expect(await roleOf(board.id, board[TOKEN_KEY[link]])).toBe(401)
      for (const other of LINKS.filter((l) => l !== link)) {
        expect(await roleOf(board.id, board[TOKEN_KEY[other]])).toBe(other)
      }
    })
  }

  it('rotates edit and view with no body (the old answer) and all three on request', async () => {
    const board = await create()
    const plain = (await (await rotate(board.id, board.facilitatorToken)).json()) as Tokens
    expect(plain.facilitatorToken).toBeUndefined()
    expect(await roleOf(board.id, plain.editToken)).toBe('edit')
    expect(await roleOf(board.id, plain.viewToken)).toBe('view')
    expect(await roleOf(board.id, board.editToken)).toBe(401)
    const all = await rotate(board.id, board.facilitatorToken, { links: [...LINKS] })
    const fresh = (await all.json()) as Tokens
    for (const link of LINKS) expect(await roleOf(board.id, fresh[TOKEN_KEY[link]])).toBe(link)
    expect(await roleOf(board.id, board.facilitatorToken)).toBe(401)
  })

  it('refuses a malformed list of links and changes nothing', async () => {
    const board = await create()
    const before = await ctx.store.getBoard(board.id)
    for (const body of [{ links: [] }, { links: ['owner'] }, { links: ['edit', 'edit'] }, []]) {
      const res = await rotate(board.id, board.facilitatorToken, body)
      expect(res.status).toBe(400)
    }
    expect(await ctx.store.getBoard(board.id)).toEqual(before)
  })
})

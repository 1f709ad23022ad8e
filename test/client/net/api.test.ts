import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toEpochMs } from '../../../core/okr/numbers'
import * as Y from 'yjs'
import {
  ApiError,
  createBoard,
  getBoardInfo,
  localHref,
  putSnapshot,
  rotateLinks,
} from '../../../client/net/api'
import { createNote } from '../../../core/board/commands'
import { readBoard } from '../../../core/board/read'
import { startTestServer, type TestServer } from '../../helpers/server'

let server: TestServer
/** The browser resolves the app's relative paths against its origin; so does this fetch. */
const relative: typeof fetch = (input, init) => fetch(`${server.url}${String(input)}`, init)

beforeAll(async () => {
  server = await startTestServer()
})

afterAll(async () => {
  await server.close()
})

describe('REST client', () => {
  it('creates a board and reads the role each link grants', async () => {
    const created = await createBoard(relative, 'Q3 planning')
    expect(await getBoardInfo(relative, created.id, created.editToken)).toEqual({
      id: created.id,
      title: 'Q3 planning',
      role: 'edit',
    })
    expect((await getBoardInfo(relative, created.id, created.viewToken)).role).toBe('view')
    expect((await getBoardInfo(relative, created.id, created.facilitatorToken)).role).toBe(
      'facilitate',
    )
  })

  it('makes a new link with the facilitate link only', async () => {
    const created = await createBoard(relative, 'Rotate')
    const refused = await rotateLinks(relative, created.id, created.editToken, ['edit']).catch(
      (e: unknown) => e,
    )
    expect(refused).toMatchObject({ status: 403, code: 'facilitator-only' })
    const rotated = await rotateLinks(relative, created.id, created.facilitatorToken, ['edit'])
    expect(Object.keys(rotated)).toEqual(['edit'])
    const token = new URLSearchParams(new URL(rotated.edit ?? '').hash.slice(1)).get('token')
    expect((await getBoardInfo(relative, created.id, token ?? '')).role).toBe('edit')
    const old = await getBoardInfo(relative, created.id, created.editToken).catch((e: unknown) => e)
    expect(old).toMatchObject({ status: 401 })
  })

  it('turns refusals into ApiError with the server’s code', async () => {
    const created = await createBoard(relative, 'x')
    const error = await getBoardInfo(relative, created.id, 'not-the-token').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(401)
    expect((error as ApiError).isNetwork).toBe(false)
  })

  it('reports an unreachable server as a network error', async () => {
    const down: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'))
    const error = await createBoard(down, 'x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).isNetwork).toBe(true)
  })

  it('imports a board file into a new board', async () => {
    const source = new Y.Doc()
    createNote(
      source,
      { id: 'n1', x: 1, y: 2, author: 'a', createdAt: toEpochMs(1), text: 'Imported' },
      'me',
    )
    const created = await createBoard(relative, 'Imported board')
    await putSnapshot(relative, created.id, created.editToken, Y.encodeStateAsUpdate(source))
    const response = await fetch(`${server.url}/api/boards/${created.id}/snapshot`, {
      headers: { authorization: `Bearer ${created.editToken}` },
    })
    const copy = new Y.Doc()
    Y.applyUpdate(copy, new Uint8Array(await response.arrayBuffer()))
    expect(readBoard(copy).notes.map((n) => n.text)).toEqual(['Imported'])
    const refused = await putSnapshot(
      relative,
      created.id,
      created.viewToken,
      new Uint8Array([0, 0]),
    )
      .then(() => null)
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
  })

  it('navigates only within the app’s own origin', () => {
    expect(localHref('/b/x#token=t', 'http://app')).toBe('/b/x#token=t')
    expect(localHref('http://evil.example/b/x#token=t', 'http://app')).toBe('/b/x#token=t')
  })
})

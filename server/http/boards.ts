/**
 * Board lifecycle routes: create, describe, rotate tokens; backup and restore of the stored
 * state live in board-snapshot.ts, under the same paths. Creating answers all three links
 * (facilitate, edit, view); only a facilitate link rotates any of them (docs/roles.md).
 */
import { Hono } from 'hono'
import * as Y from 'yjs'
import { setBoardTitle } from '../../core/board/commands/facilitation'
import type { TokenHashes } from '../storage/store'
import { generateToken, hashToken, issueTokens } from '../storage/tokens'
import { capabilityUrl } from './auth'
import { snapshotRoutes } from './board-snapshot'
import { limitBody, readJson } from './body'
import type { AppDeps, AppEnv } from './deps'
import { ApiError } from './errors'
import { requireRole } from './guards'

export const MAX_TITLE_CHARS = 200
const DEFAULT_TITLE = 'Untitled board'
const SERVER_CREATE_ORIGIN = 'server-create'

export function boardRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const jsonLimit = limitBody(deps.config.maxBodyBytes, 'body')

  app.post('/', jsonLimit, async (c) => {
    const title = parseTitle(await readJson(c.req.raw))
    const tokens = issueTokens()
    const id = deps.newBoardId()
    const createdAt = deps.now()
    await deps.store.createBoard({
      id,
      title,
      createdAt,
      editTokenHash: tokens.editTokenHash,
      viewTokenHash: tokens.viewTokenHash,
      facilitateTokenHash: tokens.facilitateTokenHash,
    })
    deps.logger.info({ boardId: id }, 'board created')
    await seedTitle(deps, id, title)
    const origin = new URL(c.req.url).origin
    return c.json(
      {
        id,
        title,
        createdAt,
        editToken: tokens.editToken,
        viewToken: tokens.viewToken,
        facilitatorToken: tokens.facilitatorToken,
        editUrl: capabilityUrl(origin, id, tokens.editToken),
        viewUrl: capabilityUrl(origin, id, tokens.viewToken),
        facilitatorUrl: capabilityUrl(origin, id, tokens.facilitatorToken),
      },
      201,
    )
  })

  app.get('/:id', requireRole(deps, 'view'), (c) => {
    const { board, role } = c.get('grant')
    const room = deps.relay.rooms.get(board.id)
    return c.json({
      id: board.id,
      title: board.title,
      role,
      createdAt: board.createdAt,
      connections: room?.peers.size ?? 0,
      unsavedUpdates: room?.unsavedUpdates ?? 0,
    })
  })

  // Facilitator-only: an edit link that could rotate would lock the facilitator out for good.
  app.post('/:id/tokens/rotate', jsonLimit, requireRole(deps, 'facilitate'), async (c) => {
    const { board } = c.get('grant')
    const links = parseLinks(await readJson(c.req.raw))
    const issued = links.map((link) => ({ link, token: generateToken() }))
    const hashes: { -readonly [K in keyof TokenHashes]: string } = {}
    for (const { link, token } of issued) hashes[LINKS[link].hash] = hashToken(token)
    const updated = await deps.store.setTokenHashes(board.id, hashes)
    if (!updated) throw new ApiError(404, 'not-found', 'board no longer exists')
    // Every socket of the board goes, whatever its link: the ones still valid reconnect, and no
    // socket opened with a rotated token outlives its token.
    const closedSockets = deps.relay.revoke(board.id)
    deps.logger.info({ boardId: board.id, links, closedSockets }, 'tokens rotated')
    const origin = new URL(c.req.url).origin
    const answer: Record<string, unknown> = { id: board.id }
    for (const { link, token } of issued) {
      answer[LINKS[link].token] = token
      answer[LINKS[link].url] = capabilityUrl(origin, board.id, token)
    }
    return c.json({ ...answer, closedSockets })
  })

  app.route('/', snapshotRoutes(deps))
  return app
}

/**
 * Writes the title into the new document too, so the first client shows it before anyone
 * types. The board already exists; a storage hiccup here only costs the seeded title.
 */
async function seedTitle(deps: AppDeps, boardId: string, title: string): Promise<void> {
  // Nobody holds a token yet, so no room can be loaded: write the seed row straight to the
  // store instead of loading a room (doc, awareness, timer) for one update and unloading it.
  const doc = new Y.Doc()
  try {
    setBoardTitle(doc, { title }, SERVER_CREATE_ORIGIN)
    await deps.store.appendUpdate(boardId, Y.encodeStateAsUpdate(doc))
  } catch (error) {
    deps.logger.warn({ err: error, boardId }, 'could not seed the board title')
  } finally {
    doc.destroy()
  }
}

/** Where each link's hash is stored and what the answer calls its token and URL. */
const LINKS = {
  facilitate: {
    hash: 'facilitateTokenHash',
    token: 'facilitatorToken',
    url: 'facilitatorUrl',
  },
  edit: { hash: 'editTokenHash', token: 'editToken', url: 'editUrl' },
  view: { hash: 'viewTokenHash', token: 'viewToken', url: 'viewUrl' },
} as const satisfies Record<string, { hash: keyof TokenHashes; token: string; url: string }>

type Link = keyof typeof LINKS

/** Which links a rotation replaces: `{ "links": [...] }`; no body keeps the old answer (edit and view). */
function parseLinks(body: unknown): Link[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'invalid-body', 'body must be a JSON object like { "links": ["edit"] }')
  }
  const links = (body as { links?: unknown }).links
  if (links === undefined) return ['edit', 'view']
  const known = (value: unknown): value is Link =>
    typeof value === 'string' && Object.hasOwn(LINKS, value)
  if (
    !Array.isArray(links) ||
    links.length === 0 ||
    !links.every(known) ||
    new Set(links).size !== links.length
  ) {
    throw new ApiError(
      400,
      'invalid-links',
      'links must list one or more of "facilitate", "edit", "view", each once',
    )
  }
  return links
}

function parseTitle(body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'invalid-body', 'body must be a JSON object like { "title": "…" }')
  }
  const title = (body as { title?: unknown }).title
  if (title === undefined) return DEFAULT_TITLE
  if (typeof title !== 'string') throw new ApiError(400, 'invalid-title', 'title must be a string')
  const trimmed = title.trim()
  if (trimmed.length > MAX_TITLE_CHARS) {
    throw new ApiError(400, 'invalid-title', `title must be at most ${MAX_TITLE_CHARS} characters`)
  }
  return trimmed === '' ? DEFAULT_TITLE : trimmed
}

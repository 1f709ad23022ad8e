/**
 * A board's backup and restore: `GET /:id/snapshot` answers what storage holds, `PUT` merges a
 * Yjs update in through the same gate as a socket's. Mounted under /api/boards by boards.ts.
 */
import { Hono } from 'hono'
import { UpdateRejectedError } from '../../core/sync/index'
import { BoardFullError, BoardReadOnlyError } from '../relay/board-size'
import { LaneFullError } from '../relay/room'
import { importOrigin, RoleRefusedError } from '../relay/update-gate'
import { limitBody } from './body'
import type { AppDeps, AppEnv } from './deps'
import { ApiError } from './errors'
import { requireRole } from './guards'
import { withBoard } from './with-board'

export function snapshotRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const snapshotLimit = limitBody(deps.config.maxPayloadBytes, 'snapshot')

  app.get('/:id/snapshot', requireRole(deps, 'view'), async (c) => {
    const { board } = c.get('grant')
    // The backup is what storage holds, never a live doc: it works for a board too large to
    // open, and a board whose doc threw cannot put anything unstored into it. A loaded board
    // is asked to store what it has applied first (bounded: storage may be failing).
    const room = deps.relay.rooms.get(board.id)
    if (room !== null) await room.durable(deps.config.shutdownTimeoutMs)
    // Merging needs no doc, so nothing stored can make it throw the way applying can; a big
    // board's rows are read and merged off the event loop (reliability.md, finding 7).
    let state
    try {
      state = await deps.relay.readStored(board.id)
    } catch (error) {
      deps.logger.error({ err: error, boardId: board.id }, 'backup could not be read')
      throw new ApiError(503, 'storage-unavailable', 'the board could not be read; try again')
    }
    return c.body(new Uint8Array(state), 200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${board.id}.yjs"`,
    })
  })

  app.put('/:id/snapshot', snapshotLimit, requireRole(deps, 'edit'), async (c) => {
    const { board, role } = c.get('grant')
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const saved = await withBoard(deps, board.id, async (room) => {
      try {
        // The same gate as a socket's update (update-gate.ts), sliced the same way if big, and
        // judged by the link's role: an edit link cannot change the phase through a file.
        await room.importUpdate(bytes, importOrigin({ role, member: null, importing: true }))
      } catch (error) {
        throw snapshotError(error)
      }
      // A file from another board brings that board's hidden-note counts: drop the strangers'.
      await deps.relay.privateRooms.dropForeignCounts(board.id)
      return room.durable(deps.config.shutdownTimeoutMs)
    })
    if (!saved) {
      throw new ApiError(503, 'storage-unavailable', 'merged, but not yet saved; retrying')
    }
    deps.logger.info({ boardId: board.id, bytes: bytes.byteLength }, 'snapshot merged')
    return c.json({ id: board.id, merged: true, bytes: bytes.byteLength })
  })

  return app
}

/** The HTTP answer for a refused snapshot: it says what is wrong, and nothing was merged. */
function snapshotError(error: unknown): unknown {
  if (error instanceof UpdateRejectedError) {
    return new ApiError(422, `snapshot-${error.problem}`, `snapshot refused: ${error.message}`)
  }
  if (error instanceof BoardFullError) return new ApiError(413, 'board-full', error.message)
  if (error instanceof BoardReadOnlyError)
    return new ApiError(413, 'board-read-only', error.message)
  if (error instanceof LaneFullError) return new ApiError(503, 'board-busy', error.message)
  if (error instanceof RoleRefusedError) return new ApiError(403, 'role-refused', error.message)
  return error
}

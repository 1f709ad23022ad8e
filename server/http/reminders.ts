/**
 * The check-in reminder feed: `GET /api/boards/:id/reminders.ics?token=…[&owner=Ann]`, an
 * iCalendar (RFC 5545) document a team subscribes to from Google Calendar, Outlook or Apple
 * Calendar. Calendar apps cannot send headers, so the view token rides in the query (a view
 * token suffices: the feed reveals no more than the board does). The events come from
 * core/export's `remindersCalendar`, the same schedule the dashboard highlights.
 *
 * @example
 * app.route('/api/boards', remindersRoutes(deps)) // next to boardRoutes, before the /api/* 404
 */
import { Hono } from 'hono'
import { readBoard } from '../../core/board/read'
import { remindersCalendar } from '../../core/export/ical'
import type { EpochMs } from '../../core/okr/okr-model'
import type { AppDeps, AppEnv } from './deps'
import { ApiError } from './errors'
import { requireRole } from './guards'
import { withBoard } from './with-board'

const MAX_OWNER_CHARS = 200

export function remindersRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/reminders.ics', requireRole(deps, 'view'), async (c) => {
    const { board } = c.get('grant')
    const owner = c.req.query('owner')
    if (owner !== undefined && owner.length > MAX_OWNER_CHARS) {
      throw new ApiError(400, 'invalid-owner', `owner over ${MAX_OWNER_CHARS} characters`)
    }
    const origin = new URL(c.req.url).origin
    const ics = await withBoard(deps, board.id, (room) =>
      remindersCalendar(readBoard(room.doc), {
        boardId: board.id,
        now: deps.now() as EpochMs,
        domain: new URL(origin).hostname || 'stretchboard',
        boardUrl: `${origin}/b/${encodeURIComponent(board.id)}`,
        ...(owner !== undefined && owner.trim() !== '' ? { owner } : {}),
      }),
    )
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${board.id}-check-ins.ics"`,
      // Calendars poll the feed; a short cache keeps them fresh without hammering the server.
      'cache-control': 'private, max-age=300',
    })
  })

  return app
}

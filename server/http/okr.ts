/**
 * OKR routes over the server's copy of a board: conversion (board → draft OKR set, applied with
 * the same `applyConversion` command the client uses) and exports whose every figure comes from
 * core (exportOkrs → core/okr reports), so a download can never disagree with the dashboard.
 */
import { Hono } from 'hono'
import { BoardCommandError } from '../../core/board/errors'
import { applyConversion } from '../../core/board/commands/conversion'
import { readConversionDecisions } from '../../core/board/commands/conversion-decisions'
import { readBoard } from '../../core/board/read'
import { convertBoard } from '../../core/convert/convert-board'
import type { ConversionOptions } from '../../core/convert/drafts'
import { exportOkrs, toCsv, toMarkdown } from '../../core/export/index'
import { chooseCycle, cyclesOf, inCycle } from '../../core/export/cycle'
import type { EpochMs } from '../../core/okr/okr-model'
import { limitBody, readJson } from './body'
import type { AppDeps, AppEnv } from './deps'
import { ApiError } from './errors'
import { assertRole, requireRole } from './guards'
import { withBoard } from './with-board'

/** The transaction origin of server-side conversions (never a connection, so all peers get it). */
export const SERVER_CONVERT_ORIGIN = 'server-convert'

interface ConvertRequest {
  readonly options: ConversionOptions
  readonly objectiveIds: readonly string[] | undefined
  readonly dryRun: boolean
}

export function okrRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const jsonLimit = limitBody(deps.config.maxBodyBytes, 'body')

  app.post('/:id/convert', jsonLimit, requireRole(deps, 'edit'), async (c) => {
    const { board, role } = c.get('grant')
    const request = parseConvertRequest(await readJson(c.req.raw))
    // Applying writes the conversion's marks, which the relay takes only from a facilitator
    // (docs/roles.md): this route must not be the way round it. A preview changes nothing.
    if (!request.dryRun) assertRole(role, 'facilitate')
    const outcome = await withBoard(deps, board.id, async (room) => {
      // The team's earlier decisions (unticked, removed, made an initiative) hold here as in the
      // app's preview: a conversion through the API must not bring back what people removed.
      const decisions = readConversionDecisions(room.doc)
      const result = convertBoard(readBoard(room.doc), { ...request.options, decisions })
      if (request.dryRun) return { result, applied: null, saved: true }
      let applied
      try {
        applied = applyConversion(
          room.doc,
          result,
          SERVER_CONVERT_ORIGIN,
          request.objectiveIds === undefined ? undefined : { objectiveIds: request.objectiveIds },
        )
      } catch (error) {
        if (error instanceof BoardCommandError) {
          throw new ApiError(400, `convert-${error.code}`, error.message)
        }
        throw error
      }
      return { result, applied, saved: await room.durable(deps.config.shutdownTimeoutMs) }
    })
    if (!outcome.saved) {
      throw new ApiError(503, 'storage-unavailable', 'converted, but not yet saved; retrying')
    }
    deps.logger.info(
      { boardId: board.id, objectives: outcome.result.objectives.length, dryRun: request.dryRun },
      'board converted',
    )
    return c.json({ ...outcome.result, applied: outcome.applied })
  })

  app.get('/:id/:file{export\\.(json|md|csv)}', requireRole(deps, 'view'), async (c) => {
    const { board } = c.get('grant')
    const format = c.req.param('file').slice('export.'.length)
    const asked = c.req.query('cycle')
    const data = await withBoard(deps, board.id, (room) => {
      // One cycle, as in the app: `?cycle=2026-Q4`, else the board's current one, so a carried
      // quarter and the one before it are never mixed in one table or one overall score.
      const snapshot = readBoard(room.doc)
      const cycles = cyclesOf(snapshot)
      // chooseCycle falls back to the current cycle when the asked one is not on the board.
      const cycle = chooseCycle(cycles, asked ?? null)
      if (asked !== undefined && cycle?.label !== asked) {
        const known = cycles.map((c) => c.label).join(', ') || 'none'
        throw new ApiError(404, 'unknown-cycle', `no cycle ${asked} on this board (${known})`)
      }
      return exportOkrs(inCycle(snapshot, cycle?.label ?? null), { now: deps.now() as EpochMs })
    })
    const name = `${safeFileName(data.board.title || board.title)}-okrs`
    const disposition = (ext: string) => `attachment; filename="${name}.${ext}"`
    if (format === 'md') {
      return c.body(toMarkdown(data), 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': disposition('md'),
      })
    }
    if (format === 'csv') {
      return c.body(toCsv(data), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': disposition('csv'),
      })
    }
    c.header('content-disposition', disposition('json'))
    return c.json({ ...data, board: { id: board.id, ...data.board } })
  })

  return app
}

function parseConvertRequest(body: unknown): ConvertRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'invalid-body', 'body must be a JSON object')
  }
  const { maxObjectives, includeUnvoted, objectiveIds, dryRun } = body as Record<string, unknown>
  const options: { maxObjectives?: number; includeUnvoted?: boolean } = {}
  if (maxObjectives !== undefined) {
    if (!Number.isInteger(maxObjectives) || (maxObjectives as number) < 1) {
      throw new ApiError(400, 'invalid-body', 'maxObjectives must be a whole number ≥ 1')
    }
    options.maxObjectives = maxObjectives as number
  }
  if (includeUnvoted !== undefined) {
    if (typeof includeUnvoted !== 'boolean') {
      throw new ApiError(400, 'invalid-body', 'includeUnvoted must be true or false')
    }
    options.includeUnvoted = includeUnvoted
  }
  if (
    objectiveIds !== undefined &&
    (!Array.isArray(objectiveIds) || !objectiveIds.every((id) => typeof id === 'string'))
  ) {
    throw new ApiError(400, 'invalid-body', 'objectiveIds must be an array of strings')
  }
  if (dryRun !== undefined && typeof dryRun !== 'boolean') {
    throw new ApiError(400, 'invalid-body', 'dryRun must be true or false')
  }
  return { options, objectiveIds: objectiveIds as string[] | undefined, dryRun: dryRun === true }
}

/** A download name without path separators, quotes or control characters. */
function safeFileName(title: string): string {
  const cleaned = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60)
  return cleaned === '' ? 'board' : cleaned.toLowerCase()
}

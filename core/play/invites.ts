/**
 * The calendar invite the play's "agree next steps" ends with: a follow-up session a few days
 * later, the monthly scoring sessions across the board's timeframe, and the retrospective on
 * its last day, as one iCalendar file (RFC 5545) to download and import. The monthly dates are
 * the check-in schedule's (core/export/schedule.ts), the text rules the check-in feed's
 * (core/export/ical.ts). Core has no clock: the caller passes `now`, and the sessions start at
 * the caller's time of day, rounded up to the hour (UTC instants; calendars show them local).
 */
import { escapeText, foldLine, icsStamp } from '../export/ical'
import { DAY_MS, checkInDates, dayOf } from '../export/schedule'
import type { EpochMs } from '../okr/okr-model'
import { toEpochMs } from '../okr/numbers'
import { periodOf } from '../okr/timeframe'
import { sanitizeLine } from '../text/sanitize'
import { OKR_PLAY, playMinutes, type Play } from './play-model'

export const SESSION_KINDS = ['follow-up', 'scoring', 'retro'] as const
export type SessionKind = (typeof SESSION_KINDS)[number]

export interface PlannedSession {
  readonly kind: SessionKind
  readonly start: EpochMs
  readonly minutes: number
  readonly summary: string
  readonly description: string
}

export interface InviteOptions {
  readonly boardId: string
  readonly now: EpochMs
  readonly title: string
  /** The board's timeframe; without a usable one only the follow-up is planned. */
  readonly period: unknown
  /** Days from now to the follow-up session (default 3). */
  readonly followUpDays?: number
  readonly boardUrl?: string
  /** The play whose scoring and retro time boxes set the sessions' lengths (default OKR_PLAY). */
  readonly play?: Play
  /** Host part of the UIDs (default `stretchboard`). */
  readonly domain?: string
}

export const DEFAULT_FOLLOW_UP_DAYS = 3
const FOLLOW_UP_MINUTES = 30
const HOUR_MS = 3_600_000
const MAX_FOLLOW_UP_DAYS = 60
/** A custom timeframe of years still yields a bounded file. */
const MAX_SCORING_SESSIONS = 24

/** Saturday or Sunday (UTC) moves to the Monday after: nobody meets on a weekend. */
function onWeekday(time: number): number {
  const day = new Date(time).getUTCDay()
  if (day === 6) return time + 2 * DAY_MS
  if (day === 0) return time + DAY_MS
  return time
}

/** The retro on a weekend moves back to the Friday before: it must stay inside the period. */
function onWeekdayBefore(time: number): number {
  const day = new Date(time).getUTCDay()
  if (day === 6) return time - DAY_MS
  if (day === 0) return time - 2 * DAY_MS
  return time
}

/**
 * The sessions to invite to, in time order: the follow-up `followUpDays` after `now` (at
 * `now`'s time of day rounded up to the hour), a scoring session on each monthly check-in date
 * after it, and the retrospective on the period's last day (weekends moved to a weekday).
 *
 * @example
 * plannedSessions({ boardId: 'b1', now, title: 'Team OKRs', period: q4 }).map((s) => s.kind)
 * // ['follow-up', 'scoring', 'scoring', 'retro']
 */
export function plannedSessions(options: InviteOptions): PlannedSession[] {
  const now = Number.isFinite(options.now) ? options.now : 0
  const requested = options.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS
  const days = Number.isFinite(requested)
    ? Math.min(MAX_FOLLOW_UP_DAYS, Math.max(1, Math.round(requested)))
    : DEFAULT_FOLLOW_UP_DAYS
  const timeOfDay = Math.ceil((now - dayOf(now)) / HOUR_MS) * HOUR_MS
  const at = (day: number) => toEpochMs(day + Math.min(timeOfDay, 23 * HOUR_MS))
  const title = sanitizeLine(typeof options.title === 'string' ? options.title : '') || 'OKRs'
  const play = options.play ?? OKR_PLAY
  const scoringMinutes = playMinutes(play, 'scoring') || 30
  const retroMinutes = playMinutes(play, 'retro') || 60
  const followUp = at(onWeekday(dayOf(now) + days * DAY_MS))
  const sessions: PlannedSession[] = [
    {
      kind: 'follow-up',
      start: followUp,
      minutes: FOLLOW_UP_MINUTES,
      summary: `OKR follow-up: ${title}`,
      description:
        'Firm up the placeholder numbers, confirm the key result owners and co-owners, and settle what is still open from the setting session.',
    },
  ]
  const period = periodOf(options.period)
  if (period === null) return sessions
  const dates = checkInDates('monthly', period)
  const last = dates.at(-1)
  for (const date of dates.slice(0, -1)) {
    const start = at(onWeekday(date))
    if (start <= followUp || start >= period.end) continue
    if (sessions.length > MAX_SCORING_SESSIONS) break
    sessions.push({
      kind: 'scoring',
      start,
      minutes: scoringMinutes,
      summary: `OKR monthly scoring: ${title}`,
      description:
        'Check in on every key result: its value, a predicted end-of-period score (0.0–1.0, 0.7 is success) and a comment on how you came to it.',
    })
  }
  if (last !== undefined) {
    const start = at(onWeekdayBefore(last))
    if (start > followUp) {
      sessions.push({
        kind: 'retro',
        start,
        minutes: retroMinutes,
        summary: `OKR retrospective: ${title}`,
        description:
          'Give each key result its final score, then answer the retrospective questions together.',
      })
    }
  }
  return sessions
}

/** Ids in a UID stay printable and free of the characters TEXT would have to escape. */
function uidPart(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.codePointAt(0)?.toString(16) ?? ''}`)
}

/**
 * The sessions as one VCALENDAR of timed VEVENTs (UTC), CRLF line ends, lines folded at 75
 * octets. UIDs derive from the board, the kind and the date, so importing a second download
 * updates the events instead of doubling them.
 *
 * @example
 * sessionsCalendar(plannedSessions(options), options) // 'BEGIN:VCALENDAR\r\n…'
 */
export function sessionsCalendar(
  sessions: readonly PlannedSession[],
  options: InviteOptions,
): string {
  const domain = uidPart(options.domain ?? 'stretchboard')
  const stamp = icsStamp(Number.isFinite(options.now) ? options.now : 0)
  const board = uidPart(String(options.boardId).slice(0, 200))
  // eslint-disable-next-line no-control-regex -- a URI must not break its content line
  const url = options.boardUrl?.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Stretchboard//OKR sessions//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ]
  for (const session of sessions) {
    const day = icsStamp(session.start).slice(0, 8)
    const description = url ? `${session.description}\nBoard: ${url}` : session.description
    lines.push(
      'BEGIN:VEVENT',
      `UID:${board}.${session.kind}.${day}@${domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsStamp(session.start)}`,
      `DTEND:${icsStamp(session.start + session.minutes * 60_000)}`,
      `SUMMARY:${escapeText(session.summary)}`,
      `DESCRIPTION:${escapeText(description)}`,
      ...(url ? [`URL:${url}`] : []),
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}

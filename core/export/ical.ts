/**
 * The check-in reminders as an iCalendar feed (RFC 5545) that a team subscribes to: one
 * all-day VEVENT per upcoming check-in of each key result, named for its owner (a member's
 * current name, so a rename reaches the calendar on its next refresh). UIDs derive
 * from the board, the key result and the date, so a calendar that refreshes the feed updates
 * events in place instead of duplicating them.
 */
import type { BoardSnapshot } from '../board/board-model'
import { indexMembers, resolveOwner, type MemberIndex, type OwnerRef } from '../board/members'
import type { EpochMs } from '../okr/okr-model'
import { periodOf } from '../okr/timeframe'
import { sanitizeLine, sanitizeMultiline } from '../text/sanitize'
import { formatScore } from './format'
import { DAY_MS, checkInDates, dayOf } from './schedule'

export interface CalendarOptions {
  readonly boardId: string
  readonly now: EpochMs
  /**
   * Only this person's key results: a member's id or current name, or a typed owner name (any
   * case). A member is matched as one person however their name was written.
   */
  readonly owner?: string
  /** Upcoming dates per key result (default 12). */
  readonly perKeyResult?: number
  /** A link back to the board for the event description. */
  readonly boardUrl?: string
  /** Host part of the UIDs (default `stretchboard`). */
  readonly domain?: string
}

/**
 * TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. TEXT may not
 * hold control characters other than tab (§3.1, CONTROL), and a raw one would end or corrupt
 * the content line in some readers, so they are dropped here whatever the caller passed, along
 * with bidi overrides (core/text/sanitize.ts).
 */
export function escapeText(text: string): string {
  return sanitizeMultiline(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

const encoder = new TextEncoder()

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): CRLF plus one space before each
 * continuation, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = encoder.encode(char).length
    // The first line holds 75 octets; continuations hold 74 after their leading space.
    const room = parts.length === 0 ? 75 : 74
    if (octets + size > room) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

function icsDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replace(/-/g, '')
}

export function icsStamp(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** A URI value is not TEXT (no escaping), but it must still fit on its content line. */
function stripControls(uri: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return uri.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
}

/** Ids in a UID stay printable and free of the characters TEXT would have to escape. */
function uidPart(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.codePointAt(0)?.toString(16) ?? ''}`)
}

/** Whether the owner is the one asked for: by member id, or by the name people read. */
function isOwner(owner: OwnerRef | null, wanted: string): boolean {
  if (owner === null) return false
  return owner.key === wanted || owner.name.toLowerCase() === wanted.toLowerCase()
}

/** The key result's own owner, else its objective's, as a member or a typed name. */
function ownerOf(
  kr: { readonly owner: string | null },
  objective: { readonly owner: string | null },
  members: MemberIndex,
): OwnerRef | null {
  return resolveOwner(kr.owner ?? objective.owner, members)
}

/**
 * @example
 * const ics = remindersCalendar(readBoard(doc), { boardId: 'b1', now })
 * // BEGIN:VCALENDAR … BEGIN:VEVENT UID:b1.kr1.20261008@stretchboard DTSTART;VALUE=DATE:20261008 …
 */
export function remindersCalendar(snapshot: BoardSnapshot, options: CalendarOptions): string {
  const domain = options.domain ?? 'stretchboard'
  const limit = Math.max(0, Math.floor(options.perKeyResult ?? 12))
  const owner = options.owner?.trim() || undefined
  const members = indexMembers(snapshot.members ?? [])
  const today = dayOf(options.now)
  const stamp = Number.isFinite(options.now) ? icsStamp(options.now) : '19700101T000000Z'
  // One-line fields as commands store them now, even when this board predates that rule.
  const title = sanitizeLine(snapshot.meta.title) || 'OKRs'
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Stretchboard//OKR check-ins//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${title} – OKR check-ins`)}`,
  ]
  const objectives = new Map(snapshot.objectives.map((o) => [o.id, o]))
  for (const kr of snapshot.keyResults) {
    const objective = objectives.get(kr.objectiveId)
    if (!objective || objective.status === 'cancelled' || objective.status === 'completed') continue
    const krOwner = ownerOf(kr, objective, members)
    if (owner !== undefined && !isOwner(krOwner, owner)) continue
    const period = periodOf(objective.timeframe) ?? periodOf(snapshot.meta.timeframe)
    if (period === null) continue
    const upcoming = checkInDates(kr.frequency, period)
      .filter((at) => at >= today)
      .slice(0, limit)
    for (const at of upcoming) {
      const who = krOwner?.name ?? 'unassigned'
      const description = [
        `Objective: ${sanitizeLine(objective.title)}`,
        `Key result: ${sanitizeLine(kr.title)}`,
        `Owner: ${who}`,
        `Check in the current value, a predicted score (0.0–1.0, ${formatScore(0.7)} is success) and a comment.`,
        ...(options.boardUrl ? [`Board: ${options.boardUrl}`] : []),
      ].join('\n')
      lines.push(
        'BEGIN:VEVENT',
        `UID:${uidPart(options.boardId)}.${uidPart(kr.id)}.${icsDate(at)}@${domain}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${icsDate(at)}`,
        `DTEND;VALUE=DATE:${icsDate(at + DAY_MS)}`,
        `SUMMARY:${escapeText(`Check in: ${sanitizeLine(kr.title)} (${who})`)}`,
        `DESCRIPTION:${escapeText(description)}`,
        `CATEGORIES:${escapeText(who)}`,
        'TRANSP:TRANSPARENT',
        ...(options.boardUrl ? [`URL:${stripControls(options.boardUrl)}`] : []),
        'END:VEVENT',
      )
    }
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}

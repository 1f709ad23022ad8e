/**
 * The calendar invite of "agree next steps", parsed back as a calendar would: CRLF line ends,
 * lines folded at 75 octets, one VEVENT per session with its own DTSTART.
 */
import { describe, expect, it } from 'vitest'
import type { EpochMs } from '../../../core/okr/okr-model'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import { plannedSessions, sessionsCalendar, type InviteOptions } from '../../../core/play/invites'
import { LEADERSHIP_PLAY } from '../../../core/play/play-model'

const Q4 = quarterTimeframe(2026, 4)
/** Monday 16 November 2026, 09:20 UTC. */
const NOW = Date.UTC(2026, 10, 16, 9, 20) as EpochMs
const OPTIONS: InviteOptions = {
  boardId: 'b1',
  now: NOW,
  title: 'Growth team',
  period: { start: Q4.start, end: Q4.end },
}

const iso = (t: number) => new Date(t).toISOString()

interface Event {
  readonly [name: string]: string
}

/** RFC 5545 §3.1: unfold, then split content lines into properties (parameters kept in the name). */
function parse(ics: string): { lines: string[]; events: Event[] } {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n')
  const events: Event[] = []
  let current: Record<string, string> | null = null
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {}
    else if (line === 'END:VEVENT' && current) {
      events.push(current)
      current = null
    } else if (current) {
      const colon = line.indexOf(':')
      current[line.slice(0, colon)] = line.slice(colon + 1)
    }
  }
  return { lines, events }
}

const unescape = (text: string) => text.replace(/\\n/g, '\n').replace(/\\([;,\\])/g, '$1')

describe('planned sessions', () => {
  it('plans the follow-up a few days on, a scoring session each month and the retro at the end', () => {
    const sessions = plannedSessions(OPTIONS)
    expect(sessions.map((s) => [s.kind, iso(s.start), s.minutes])).toEqual([
      // Three days on at the caller's time of day, rounded up to the hour.
      ['follow-up', '2026-11-19T10:00:00.000Z', 30],
      // 1 November is before the follow-up; 1 December is a Tuesday.
      ['scoring', '2026-12-01T10:00:00.000Z', 30],
      // The quarter's last day, a Thursday.
      ['retro', '2026-12-31T10:00:00.000Z', 60],
    ])
  })

  it('moves sessions off weekends, the retro back inside the period', () => {
    // Wednesday 2 September 2026: the follow-up would fall on Saturday 5th.
    const now = Date.UTC(2026, 8, 2, 14, 0) as EpochMs
    const q3 = quarterTimeframe(2026, 3)
    const sessions = plannedSessions({ ...OPTIONS, now, period: { start: q3.start, end: q3.end } })
    expect(sessions.map((s) => [s.kind, iso(s.start)])).toEqual([
      ['follow-up', '2026-09-07T14:00:00.000Z'],
      // 1 October is Thursday; the quarter's last day, 30 September, is a Wednesday.
      ['retro', '2026-09-30T14:00:00.000Z'],
    ])
    const q1 = quarterTimeframe(2027, 1)
    const early = Date.UTC(2026, 11, 20, 8) as EpochMs
    const spring = plannedSessions({
      ...OPTIONS,
      now: early,
      period: { start: q1.start, end: q1.end },
    })
    // 1 February and 1 March 2027 are Mondays; 31 March 2027 is a Wednesday.
    expect(spring.map((s) => iso(s.start).slice(0, 10))).toEqual([
      '2026-12-23',
      '2027-02-01',
      '2027-03-01',
      '2027-03-31',
    ])
  })

  it('plans only the follow-up without a usable timeframe', () => {
    for (const period of [null, undefined, 'Q4', { start: 5, end: 1 }, { start: NaN, end: 9 }]) {
      expect(plannedSessions({ ...OPTIONS, period }).map((s) => s.kind)).toEqual(['follow-up'])
    }
  })

  it('takes its lengths from the play and bounds what it is given', () => {
    const sessions = plannedSessions({ ...OPTIONS, play: LEADERSHIP_PLAY, followUpDays: 1e9 })
    // The leadership play has no scoring or retro steps: the defaults apply.
    expect(sessions.map((s) => s.minutes)).toEqual([30])
    const fromNaN = plannedSessions({ ...OPTIONS, now: NaN as EpochMs, followUpDays: NaN })
    expect(iso(fromNaN[0]!.start)).toBe('1970-01-05T00:00:00.000Z')
    const decade = { start: Date.UTC(2020, 0, 1), end: Date.UTC(2030, 0, 1) }
    const long = plannedSessions({
      ...OPTIONS,
      now: Date.UTC(2019, 0, 1) as EpochMs,
      period: decade,
    })
    expect(long.length).toBeLessThanOrEqual(27)
  })
})

describe('sessions calendar', () => {
  it('writes one VEVENT per session with its DTSTART and DTEND, CRLF and folded lines', () => {
    const options = { ...OPTIONS, boardUrl: 'https://stretch.example/b/b1' }
    const sessions = plannedSessions(options)
    const ics = sessionsCalendar(sessions, options)
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    for (const line of ics.split('\r\n')) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    }
    // The descriptions are longer than a line: folding happened and unfolds back.
    expect(ics).toMatch(/\r\n /)
    const { lines, events } = parse(ics)
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(events.map((e) => e.DTSTART)).toEqual([
      '20261119T100000Z',
      '20261201T100000Z',
      '20261231T100000Z',
    ])
    expect(events.map((e) => e.DTEND)).toEqual([
      '20261119T103000Z',
      '20261201T103000Z',
      '20261231T110000Z',
    ])
    expect(new Set(events.map((e) => e.UID)).size).toBe(3)
    expect(events[0]?.UID).toBe('b1.follow-up.20261119@stretchboard')
    expect(events.every((e) => e.DTSTAMP === '20261116T092000Z')).toBe(true)
    expect(unescape(events[1]?.SUMMARY ?? '')).toBe('OKR monthly scoring: Growth team')
    expect(unescape(events[2]?.DESCRIPTION ?? '')).toContain('Board: https://stretch.example/b/b1')
    expect(events[0]?.URL).toBe('https://stretch.example/b/b1')
  })

  it('keeps a hostile title and board id inside their content lines', () => {
    const options = {
      ...OPTIONS,
      boardId: 'b;1\r\nX:2',
      title: 'Team, Q4; \u0000\r\nBEGIN:VALARM\u202e',
      boardUrl: 'https://x.example/\r\nATTENDEE:evil',
    }
    const ics = sessionsCalendar(plannedSessions(options), options)
    const { lines, events } = parse(ics)
    expect(lines.filter((l) => l === 'BEGIN:VALARM' || l.startsWith('ATTENDEE'))).toEqual([])
    expect(lines.filter((l) => l.startsWith('X:'))).toEqual([])
    expect(unescape(events[0]?.SUMMARY ?? '')).toBe('OKR follow-up: Team, Q4;  BEGIN:VALARM')
    expect(events[0]?.UID).toMatch(/^b%3b1%d%aX%3a2\.follow-up\.\d{8}@stretchboard$/)
    // A title in any script folds between characters, never inside one.
    const wide = { ...OPTIONS, title: '目標'.repeat(60) }
    const folded = sessionsCalendar(plannedSessions(wide), wide)
    expect(() =>
      new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(folded)),
    ).not.toThrow()
    expect(parse(folded).events[0]?.SUMMARY).toBe(`OKR follow-up: ${'目標'.repeat(60)}`)
  })
})

import { describe, expect, it } from 'vitest'
import { checkInDates, escapeText, foldLine, remindersCalendar } from '../../../core/export/index'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import { NOW, Q4, okrSnapshot } from './fixtures'

const unfold = (ics: string) => ics.replace(/\r\n /g, '')
const octets = (line: string) => new TextEncoder().encode(line).length

describe('checkInDates', () => {
  it('steps by the frequency from the period start and ends on its last day', () => {
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
    expect(checkInDates('monthly', Q4).map(iso)).toEqual(['2026-11-01', '2026-12-01', '2026-12-31'])
    const weekly = checkInDates('weekly', Q4)
    // 8 Oct … 24 Dec is twelve weeks; the thirteenth step is the last day, 31 Dec.
    expect(weekly).toHaveLength(13)
    expect(iso(weekly.at(-1) ?? 0)).toBe('2026-12-31')
    expect(iso(weekly[0] ?? 0)).toBe('2026-10-08')
    expect(checkInDates('quarterly', quarterTimeframe(2026, 1)).map(iso)).toEqual(['2026-03-31'])
    expect(checkInDates('daily', Q4, 5)).toHaveLength(5)
  })
})

describe('remindersCalendar', () => {
  it('lists upcoming check-ins per key result with stable UIDs', () => {
    const snapshot = okrSnapshot()
    const ics = remindersCalendar(snapshot, { boardId: 'b1', now: NOW })
    const lines = unfold(ics).split('\r\n')
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines.at(-2)).toBe('END:VCALENDAR')
    const uids = lines.filter((l) => l.startsWith('UID:'))
    // kr1 weekly from 19 Nov (7 left incl. 31 Dec), kr2 monthly: 1 Dec and 31 Dec.
    expect(uids).toContain('UID:b1.kr1.20261119@stretchboard')
    expect(uids).toContain('UID:b1.kr2.20261201@stretchboard')
    expect(uids.filter((u) => u.includes('.kr1.'))).toHaveLength(7)
    expect(uids.filter((u) => u.includes('.kr2.'))).toHaveLength(2)
    expect(new Set(uids).size).toBe(uids.length)
    expect(remindersCalendar(snapshot, { boardId: 'b1', now: NOW })).toBe(ics)
    expect(lines).toContain('DTSTART;VALUE=DATE:20261119')
    expect(lines).toContain('DTEND;VALUE=DATE:20261120')
    expect(lines).toContain('SUMMARY:Check in: Grow weekly active teams from 120 to 200 (Bo)')
  })

  it('filters by owner', () => {
    const ics = remindersCalendar(okrSnapshot(), { boardId: 'b1', now: NOW, owner: 'ann' })
    expect(ics).not.toContain('.kr1.')
    expect(ics).toContain('.kr2.')
  })

  it('folds long lines at 75 octets with CRLF + space, never inside a character', () => {
    const line = 'DESCRIPTION:' + 'Überschrift ✓ '.repeat(20)
    const folded = foldLine(line)
    const parts = folded.split('\r\n')
    expect(parts.length).toBeGreaterThan(2)
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75)
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true)
    expect(folded.replace(/\r\n /g, '')).toBe(line)
    const ics = remindersCalendar(okrSnapshot(), { boardId: 'b1', now: NOW })
    for (const l of ics.split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75)
  })

  it('escapes TEXT values', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne')
  })
})

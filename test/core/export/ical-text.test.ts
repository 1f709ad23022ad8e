/**
 * The calendar feed carries no control characters or bidi overrides, even from a board that
 * stored them before commands refused them: TEXT is escaped per RFC 5545 §3.3.11 and CONTROL
 * characters (§3.1) are dropped.
 */
import { describe, expect, it } from 'vitest'
import { escapeText, remindersCalendar } from '../../../core/export/index'
import type { BoardSnapshot } from '../../../core/board/board-model'
import { NOW, okrSnapshot } from './fixtures'

const unfold = (ics: string) => ics.replace(/\r\n /g, '')

/** Anything but the CRLF that ends (or folds) a content line. */
// eslint-disable-next-line no-control-regex -- the characters under test
const STRAY = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b\ufeff]/

function hostileBoard(): BoardSnapshot {
  const snapshot = okrSnapshot()
  return {
    ...snapshot,
    meta: { ...snapshot.meta, title: 'Team\u0000\r\nX-INJECTED:1\u202e' },
    objectives: snapshot.objectives.map((o) => ({ ...o, title: `${o.title}\u0007\nBEGIN:VALARM` })),
    keyResults: snapshot.keyResults.map((k) => ({
      ...k,
      title: `${k.title}\u202e\u0000\u001b[2J`,
      owner: k.owner === null ? null : `${k.owner}\u200b\r`,
    })),
  }
}

describe('escapeText', () => {
  it('drops control characters and bidi overrides, keeps tabs, escapes the rest', () => {
    expect(escapeText('a\u0000b\u0007c\u202ed\te')).toBe('abcd\te')
    expect(escapeText('one\r\ntwo\rthree\u2028four')).toBe('one\\ntwo\\nthree\\nfour')
    expect(escapeText('a;b,c\\d')).toBe('a\\;b\\,c\\\\d')
  })
})

describe('remindersCalendar with hostile text', () => {
  it('writes every line free of stray controls, so nothing can start a new property', () => {
    const ics = remindersCalendar(hostileBoard(), {
      boardId: 'b1',
      now: NOW,
      boardUrl: 'https://board.example/b/1\r\nX-URL-INJECTED:1',
    })
    const lines = unfold(ics).split('\r\n')
    for (const line of lines) expect(STRAY.test(line), JSON.stringify(line)).toBe(false)
    expect(lines.some((l) => /^(X-INJECTED|BEGIN:VALARM|X-URL-INJECTED)/.test(l))).toBe(false)
    expect(lines).toContain('X-WR-CALNAME:Team X-INJECTED:1 – OKR check-ins')
    expect(lines).toContain('SUMMARY:Check in: Grow weekly active teams from 120 to 200[2J (Bo)')
    expect(lines).toContain('URL:https://board.example/b/1X-URL-INJECTED:1')
  })

  it('still matches an owner whose stored name carries an invisible character', () => {
    const ics = remindersCalendar(hostileBoard(), { boardId: 'b1', now: NOW, owner: 'bo' })
    expect(ics).toContain('.kr1.')
    expect(unfold(ics)).toContain('CATEGORIES:Bo\r\n')
  })
})

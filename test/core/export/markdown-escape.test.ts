/**
 * User text in the Markdown export renders as text: no link, image, autolink, raw HTML, entity
 * or emphasis of the writer's choosing survives, and the escaped text reads back unchanged.
 * (Checked by hand against markdown-it with linkify, marked and micromark with GFM.)
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { exportOkrs, markdownText, toMarkdown } from '../../../core/export/index'
import { sanitizeLine } from '../../../core/text/sanitize'
import type { BoardSnapshot } from '../../../core/board/board-model'
import { NOW, okrSnapshot } from './fixtures'

const PAYLOADS = [
  '![x](https://evil.example/p.png)',
  '[click](javascript:alert(1))',
  '<https://evil.example/a>',
  '<img src=https://evil.example/p.png>',
  '[ref][1]',
  '[1]: https://evil.example/r',
  '[![a](https://evil.example/i.png)](https://evil.example)',
  'see https://evil.example/x and WWW.evil.example and a@evil.example',
  '**bold** _em_ `code` ~~del~~ #12 @ann $x$',
  '&#x6a;avascript &lt;b&gt;',
  '\\[x](https://evil.example) trailing \\',
  'x | y',
  '<script>alert(1)</script>',
  'Ann\u202e\u0000',
]

/** Characters that open Markdown syntax; each must appear only backslash-escaped. */
const ACTIVE = '[]()!`*_#|~$@{}\\'

/** Every ACTIVE character is escaped by a backslash that is not itself escaped. */
function allEscaped(markdown: string): boolean {
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i] ?? ''
    if (c === '\\') {
      i++ // an escape: the next character is literal, whatever it is
      continue
    }
    if (ACTIVE.includes(c)) return false
  }
  return true
}

/** What a CommonMark reader shows for escaped text: escapes and our three entities undone. */
const ENTITIES = { lt: '<', gt: '>', amp: '&' } as const

/** What a CommonMark renderer shows: escapes and entities read in one left-to-right pass. */
function rendered(markdown: string): string {
  return markdown.replace(
    /\\([!-/:-@[-`{-~])|&(lt|gt|amp);/g,
    (_m, escaped: string | undefined, entity) =>
      escaped ?? ENTITIES[entity as keyof typeof ENTITIES],
  )
}

describe('markdownText', () => {
  it('leaves no link, image, autolink or HTML live', () => {
    for (const payload of PAYLOADS) {
      const md = markdownText(payload)
      expect(allEscaped(md), md).toBe(true)
      expect(md).not.toMatch(/[<>]/)
      expect(md).not.toMatch(/(?<!\\):\/\//)
      expect(md).not.toMatch(/www\./i)
    }
    expect(markdownText('![x](https://evil.example/p.png)')).toBe(
      '\\!\\[x\\]\\(https\\://evil.example/p.png\\)',
    )
    expect(markdownText('<img src=x>')).toBe('&lt;img src=x&gt;')
    expect(markdownText('&#x6a;')).toBe('\\&\\#x6a;')
    expect(markdownText('&lt;b&gt;')).toBe('\\&lt;b\\&gt;')
    // An ampersand that cannot start an entity is written as typed (issue 14's polish list).
    expect(markdownText('R&D & ops')).toBe('R&D & ops')
  })

  it('reads back as exactly the text, on one line (property)', () => {
    const piece = fc.constantFrom(
      ...'[]()!<>`*_#|~$@{}\\&:/.w '.split(''),
      'https://',
      'www.',
      'javascript:',
      '\n',
      '\u202e',
      'a',
      'lt;',
      'amp;',
      '#x6a;',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('')
        const md = markdownText(text)
        expect(allEscaped(md)).toBe(true)
        expect(md).not.toMatch(/[<>\n]/)
        expect(rendered(md)).toBe(sanitizeLine(text).trim())
      }),
      { numRuns: 500 },
    )
  })
})

describe('toMarkdown with hostile titles', () => {
  it('escapes titles, owners and unit labels, and keeps the table shape', () => {
    const snapshot = okrSnapshot()
    const hostile: BoardSnapshot = {
      ...snapshot,
      meta: { ...snapshot.meta, title: '![t](https://evil.example/t.png)' },
      objectives: snapshot.objectives.map((o, i) => ({
        ...o,
        title: PAYLOADS[i] ?? o.title,
        owner: PAYLOADS[i + 2] ?? o.owner,
      })),
      keyResults: snapshot.keyResults.map((k, i) => ({
        ...k,
        title: PAYLOADS[i + 4] ?? k.title,
        owner: PAYLOADS[i + 6] ?? k.owner,
        unit: { kind: 'text', label: PAYLOADS[i + 8] ?? 'ms' },
      })),
    }
    const md = toMarkdown(exportOkrs(hostile, { now: NOW }))
    expect(md).not.toMatch(/[<>]/)
    expect(md).not.toMatch(/(?<!\\)[[\]]/)
    expect(md).not.toMatch(/(?<!\\)!/)
    expect(md).not.toContain('\u202e')
    expect(md.split('\n')[0]).toBe('## \\!\\[t\\]\\(https\\://evil.example/t.png\\)')
    const rows = md.split('\n').filter((l) => l.startsWith('|'))
    expect(rows).toHaveLength(6)
    expect(rows.every((r) => r.split(/(?<!\\)\|/).length === 10)).toBe(true)
  })
})

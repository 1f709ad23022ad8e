import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sanitizeLine, sanitizeMultiline } from '../../../core/text/sanitize'

/** Everything no stored text may hold after sanitising (tab and LF are judged per kind). */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- the characters under test
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u2028\u2029]/

describe('sanitizeLine', () => {
  it('turns line breaks and tabs into spaces so words stay apart', () => {
    expect(sanitizeLine('Grow\nrevenue')).toBe('Grow revenue')
    expect(sanitizeLine('Grow\r\nrevenue\rnow\ttoo')).toBe('Grow revenue now too')
    expect(sanitizeLine('a\u2028b\u2029c\u0085d')).toBe('a b c d')
  })

  it('drops C0 and C1 controls, bidi overrides and isolates, and zero-width characters', () => {
    expect(sanitizeLine('a\u0000b\u0007c\u001bd\u007fe\u0080f\u009fg')).toBe('abcdefg')
    expect(sanitizeLine('invoice\u202efdp.exe')).toBe('invoicefdp.exe')
    expect(sanitizeLine('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069x')).toBe('x')
    expect(sanitizeLine('a\u200bb\u2060c\ufeffd\u180ee')).toBe('abcde')
  })

  it('keeps what real writing needs: ZWJ, ZWNJ, bidi marks, emoji, spaces', () => {
    const family = '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}'
    expect(sanitizeLine(family)).toBe(family)
    expect(sanitizeLine('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toContain('\u200c')
    expect(sanitizeLine('\u05e9\u05dc\u05d5\u05dd!\u200f')).toBe('\u05e9\u05dc\u05d5\u05dd!\u200f')
    expect(sanitizeLine('two  spaces ')).toBe('two  spaces ')
  })
})

describe('sanitizeMultiline', () => {
  it('keeps LF and tab, writes every line break as LF, drops the rest', () => {
    expect(sanitizeMultiline('one\r\ntwo\rthree\u2028four')).toBe('one\ntwo\nthree\nfour')
    expect(sanitizeMultiline('col\tcol\n\u202eevil\u0007')).toBe('col\tcol\nevil')
  })
})

/**
 * Any UTF-16 code unit (lone surrogates included), weighted towards the characters that matter
 * here; fast-check's own full-Unicode strings are slow to generate.
 */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      fc.integer({ min: 0, max: 0xa0 }).map((u) => String.fromCharCode(u)),
      fc.constantFrom('\u202e', '\u2066', '\u200b', '\u200d', '\ufeff', '\r\n', '\u{1f600}'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''))

const wellFormed = (text: string): boolean =>
  !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)

describe('sanitizers (property)', () => {
  it('leave nothing forbidden, are idempotent, and keep well-formed text well-formed', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = sanitizeLine(text)
        const multi = sanitizeMultiline(text)
        expect(FORBIDDEN.test(line) || /[\t\r\n]/.test(line)).toBe(false)
        expect(FORBIDDEN.test(multi) || multi.includes('\r')).toBe(false)
        expect(sanitizeLine(line)).toBe(line)
        expect(sanitizeMultiline(multi)).toBe(multi)
        if (wellFormed(text)) {
          expect(wellFormed(line) && wellFormed(multi)).toBe(true)
          const astral = (t: string) => [...t].filter((c) => c.length === 2)
          expect(astral(line)).toEqual(astral(text))
        }
      }),
      { numRuns: 500 },
    )
  })
})

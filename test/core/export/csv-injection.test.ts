/**
 * CSV formula injection (OWASP): whatever separator the reader splits on, and whether or not it
 * honours our quotes, no cell it finds may start with something a spreadsheet runs.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { csvField, exportOkrs, guardFormula, toCsv } from '../../../core/export/index'
import type { BoardSnapshot } from '../../../core/board/board-model'
import { NOW, okrSnapshot } from './fixtures'

const PAYLOADS = [
  `x;=cmd|' /C calc'!A0;y`,
  '-1+1',
  '@SUM(1)',
  '+1',
  '=1+1',
  '\t=1+1',
  '\r=1+1',
  ' =1+1',
  '"=1+1"',
  ' " =1',
  '\uff1d1+1',
  'x,=HYPERLINK("https://evil.example")',
  'x\t=1+1',
  'x|=1+1',
  'x\n=1+1',
  'x;  -2',
  'x;"@SUM(1)"',
  'a,b;c\t=d|e',
]

/** What a spreadsheet reads as the start of a formula (after the spaces and quotes it strips). */
const FORMULA = /^[\s"]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/
/** A figure we wrote (a number stays a number). */
const NUMBER = /^-?\d+(\.\d+)?$/

/**
 * A reader splitting on `separator` the way spreadsheets do: a quote opens a quoted field only
 * at the start of a field, `""` inside it is a quote; elsewhere a quote is just a character.
 */
function readCsv(text: string, separator: string): string[] {
  const cells: string[] = []
  let i = 0
  while (i <= text.length) {
    let cell = ''
    if (text[i] === '"') {
      i++
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"'
          i += 2
        } else if (text[i] === '"') {
          i++
          break
        } else cell += text[i++]
      }
    }
    while (i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
      cell += text[i++]
    }
    cells.push(cell)
    if (text[i] === '\r' && text[i + 1] === '\n') i++
    i++
  }
  return cells
}

/** A reader that ignores quoting altogether and splits on every separator and line break. */
const splitBlindly = (text: string, separator: string): string[] =>
  text.split(new RegExp(`[${separator}\\r\\n]`))

function hostileSnapshot(titles: readonly string[]): BoardSnapshot {
  const snapshot = okrSnapshot()
  return {
    ...snapshot,
    objectives: snapshot.objectives.map((o, i) => ({ ...o, title: titles[i] ?? o.title })),
    keyResults: snapshot.keyResults.map((k, i) => ({
      ...k,
      title: titles[(i + 2) % titles.length] ?? k.title,
      owner: titles[(i + 3) % titles.length] ?? k.owner,
      metric: titles[(i + 4) % titles.length] ?? k.metric,
    })),
  }
}

function expectNoFormulaCells(csv: string): void {
  for (const separator of [',', ';', '\t', '|']) {
    for (const cells of [readCsv(csv, separator), splitBlindly(csv, separator)]) {
      for (const cell of cells) {
        if (NUMBER.test(cell)) continue
        expect(FORMULA.test(cell), `${JSON.stringify(separator)}: ${JSON.stringify(cell)}`).toBe(
          false,
        )
      }
    }
  }
}

const piece = fc.constantFrom('=', '+', '-', '@', ';', ',', '\t', '|', '\r', '\n', '"', ' ', 'a')
const title = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''))

describe('guardFormula', () => {
  it('defuses the cell and every fragment another separator would make a cell', () => {
    expect(guardFormula(`x;=cmd|' /C calc'!A0;y`)).toBe(`x;'=cmd|' /C calc'!A0;y`)
    expect(guardFormula('-1+1')).toBe("'-1+1")
    expect(guardFormula('@SUM(1)')).toBe("'@SUM(1)")
    expect(guardFormula('\t=1')).toBe("'\t'=1")
    expect(guardFormula('\r=1')).toBe("'\r'=1")
    expect(guardFormula(' =1')).toBe("' =1")
    expect(guardFormula('"=1"')).toBe(`'"=1"`)
    expect(guardFormula('\uff1d1+1')).toBe("'\uff1d1+1")
    expect(guardFormula('a,=1;+2\t-3|@4\n=5')).toBe("a,'=1;'+2\t'-3|'@4\n'=5")
  })

  it('guards raw cells (tabs and line breaks included) for every reader (property)', () => {
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 5 }), (cells) => {
        expectNoFormulaCells(cells.map((c) => csvField(guardFormula(c))).join(',') + '\r\n')
      }),
      { numRuns: 500 },
    )
  })

  it('leaves ordinary text alone', () => {
    for (const text of ['Grow 10%', 'Q3 - Q4', 'a;b', 'cost, time', "it's", 'e-mail']) {
      expect(guardFormula(text)).toBe(text)
    }
  })
})

describe('csvField', () => {
  it('quotes a field holding any separator a reader may use', () => {
    expect(csvField('a;b')).toBe('"a;b"')
    expect(csvField('a\tb')).toBe('"a\tb"')
    expect(csvField('a|b')).toBe('"a|b"')
    expect(csvField('plain')).toBe('plain')
  })
})

describe('toCsv against formula injection', () => {
  it('reads back with , ; tab and | without a cell that starts a formula', () => {
    const csv = toCsv(exportOkrs(hostileSnapshot(PAYLOADS), { now: NOW }))
    expectNoFormulaCells(csv)
    // The payload's cell is quoted, so a reader honouring quotes keeps it whole.
    expect(csv).toContain(`"x;'=cmd|' /C calc'!A0;y"`)
  })

  it('still writes its own numbers as numbers', () => {
    const snapshot = okrSnapshot()
    const negative = {
      ...snapshot,
      keyResults: snapshot.keyResults.map((k) => ({ ...k, start: -5 })),
    }
    const header = readCsv(toCsv(exportOkrs(negative, { now: NOW })).split('\r\n')[0] ?? '', ',')
    const row = readCsv(toCsv(exportOkrs(negative, { now: NOW })).split('\r\n')[1] ?? '', ',')
    expect(row[header.indexOf('Start')]).toBe('-5')
  })

  it('drops control characters and bidi overrides that older boards may hold', () => {
    const csv = toCsv(exportOkrs(hostileSnapshot(['ok\u202ecod.exe\u0000\u0007']), { now: NOW }))
    // eslint-disable-next-line no-control-regex -- the characters under test
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/.test(csv)).toBe(
      false,
    )
    expect(csv).toContain('okcod.exe')
  })

  it('holds for any title (property)', () => {
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 4 }), (titles) => {
        expectNoFormulaCells(toCsv(exportOkrs(hostileSnapshot(titles), { now: NOW })))
      }),
      { numRuns: 100 },
    )
  })
})

import { describe, expect, it } from 'vitest'
import { toEpochMs } from '../../../core/okr/numbers'
import * as Y from 'yjs'
import {
  BoardFileError,
  boardFileName,
  checkBoardFile,
  encodeBoardFile,
  readBoardFile,
} from '../../../client/board/board-file'
import {
  castVote,
  createGroup,
  createKeyResult,
  createNote,
  createObjective,
} from '../../../core/board/commands'
import { readBoard } from '../../../core/board/read'
import { MAX_TYPE_DEPTH } from '../../../core/sync/index'
import { deepNote, gapUpdate, unknownClientDeletes } from '../../core/sync/hostile-updates'

function boardWithNotes(count: number): Y.Doc {
  const doc = new Y.Doc()
  for (let i = 0; i < count; i++) {
    createNote(
      doc,
      { id: `n${i}`, x: i * 10, y: 0, author: 'ann', createdAt: toEpochMs(1), text: `Idea ${i}` },
      'test',
    )
  }
  return doc
}

describe('board file', () => {
  it('round-trips a board into a new document', async () => {
    const source = boardWithNotes(3)
    const bytes = await readBoardFile(
      new Blob([encodeBoardFile(source) as Uint8Array<ArrayBuffer>]),
    )
    const copy = new Y.Doc()
    Y.applyUpdate(copy, bytes)
    expect(readBoard(copy).notes.map((n) => n.text)).toEqual(['Idea 0', 'Idea 1', 'Idea 2'])
  })

  it('refuses empty, foreign, truncated and empty-board files with a clear error', () => {
    const bytes = encodeBoardFile(boardWithNotes(20))
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(), /empty/],
      [
        new TextEncoder().encode('{"hello": "world"}'),
        /not a Stretchboard board file|incomplete|holds no board/,
      ],
      [bytes.slice(0, Math.floor(bytes.length / 2)), /not a Stretchboard|incomplete/],
      [encodeBoardFile(new Y.Doc()), /holds no board/],
    ]
    for (const [input, message] of cases) {
      expect(() => checkBoardFile(input)).toThrow(BoardFileError)
      expect(() => checkBoardFile(input)).toThrow(message)
    }
  })

  it('accepts a real board file with groups, votes and OKRs', async () => {
    const source = boardWithNotes(5)
    createGroup(source, { id: 'g1', title: 'Retention', x: 0, y: 0 }, 'test')
    castVote(source, { voterId: 'ann', targetId: 'n1' }, 'test')
    createObjective(source, { id: 'o1', title: 'Keep customers' }, 'test')
    createKeyResult(source, { id: 'kr1', objectiveId: 'o1', title: 'Churn 8% to 5%' }, 'test')
    const bytes = encodeBoardFile(source)
    expect(checkBoardFile(bytes)).toBe(bytes)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, await readBoardFile(new Blob([bytes as Uint8Array<ArrayBuffer>])))
    expect(readBoard(copy)).toEqual(readBoard(source))
  })

  it('says why a damaged or hostile file is refused, before any of it is applied', () => {
    const board = boardWithNotes(3)
    const v1 = encodeBoardFile(board)
    const withSubdoc = new Y.Doc()
    withSubdoc.getMap('notes').set('sub', new Y.Doc())
    const cases: [string, Uint8Array, string][] = [
      [
        'a V2 update',
        Y.encodeStateAsUpdateV2(board),
        'This is not a Stretchboard board file, or it was damaged on the way.',
      ],
      [
        'trailing bytes',
        new Uint8Array([...v1, 7, 7]),
        'This is not a Stretchboard board file, or it was damaged on the way.',
      ],
      [
        'cut short',
        v1.slice(0, v1.length - 5),
        'This is not a Stretchboard board file, or it was damaged on the way.',
      ],
      ['a gap in a history', gapUpdate(), 'The board file is incomplete (truncated or damaged).'],
      [
        'deletes for content it lacks',
        unknownClientDeletes(3),
        'The board file is incomplete: it removes content it does not contain.',
      ],
      [
        'a 3,000-deep chain',
        deepNote(3000),
        'This file contains data nested deeper than a board allows (it may be damaged or hostile).',
      ],
      [
        'one level past the bound',
        deepNote(MAX_TYPE_DEPTH - 1),
        'This file contains data nested deeper than a board allows (it may be damaged or hostile).',
      ],
      [
        'a sub-document',
        Y.encodeStateAsUpdate(withSubdoc),
        'This file holds parts a board cannot contain (embedded documents).',
      ],
    ]
    for (const [name, bytes, sentence] of cases) {
      expect(() => checkBoardFile(bytes), name).toThrow(new BoardFileError(sentence))
    }
    expect(checkBoardFile(deepNote(MAX_TYPE_DEPTH - 2)).byteLength).toBeGreaterThan(0)
  })

  it('names files after the board and the date', () => {
    expect(boardFileName('Q3 OKRs: Growth / Retention', new Date('2026-07-01T10:00:00Z'))).toBe(
      'Q3-OKRs-Growth-Retention-2026-07-01.stretchboard',
    )
    expect(boardFileName('  ', new Date('2026-07-01T10:00:00Z'))).toBe(
      'board-2026-07-01.stretchboard',
    )
  })
})

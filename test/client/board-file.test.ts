import { describe, expect, it } from 'vitest'
import { toEpochMs } from '../../core/okr/numbers'
import * as Y from 'yjs'
import {
  BoardFileError,
  boardFileName,
  checkBoardFile,
  encodeBoardFile,
  readBoardFile,
} from '../../client/board-file'
import { createNote } from '../../core/board/commands'
import { readBoard } from '../../core/board/read'

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

  it('names files after the board and the date', () => {
    expect(boardFileName('Q3 OKRs: Growth / Retention', new Date('2026-07-01T10:00:00Z'))).toBe(
      'Q3-OKRs-Growth-Retention-2026-07-01.stretchboard',
    )
    expect(boardFileName('  ', new Date('2026-07-01T10:00:00Z'))).toBe(
      'board-2026-07-01.stretchboard',
    )
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { seedBoardTimeframe } from '../../../client/board/board-defaults'
import { createObjective } from '../../../core/board/commands/okr'
import { readBoardSettings, setBoardCadence } from '../../../core/board/commands/facilitation'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import type { EpochMs } from '../../../core/okr/okr-model'

const SETUP = 'stretchboard:migration'
const PERSON = { local: 'ada' }
const NOW = Date.UTC(2026, 11, 3) as EpochMs

describe('a new board’s default timeframe', () => {
  it('is the quarter holding today, and the person’s Undo does not take it away', () => {
    const doc = new Y.Doc()
    const undo = new Y.UndoManager(doc.getMap('meta'), { trackedOrigins: new Set([PERSON]) })
    expect(seedBoardTimeframe(doc, NOW, SETUP)).toBe(true)
    const q4 = quarterTimeframe(2026, 4)
    expect(readBoardSettings(doc).timeframe).toEqual({ start: q4.start, end: q4.end })
    undo.undo()
    expect(readBoardSettings(doc).timeframe).toEqual({ start: q4.start, end: q4.end })
    // Once set, opening again writes nothing.
    expect(seedBoardTimeframe(doc, NOW, SETUP)).toBe(false)
  })

  it('follows the cadence, and leaves a board that already has objectives as it was', () => {
    const years = new Y.Doc()
    setBoardCadence(years, { cadence: 'yearly' }, SETUP)
    seedBoardTimeframe(years, NOW, SETUP)
    expect(readBoardSettings(years).timeframe?.start).toBe(Date.UTC(2026, 0, 1))

    const old = new Y.Doc()
    createObjective(old, { id: 'o1', title: 'Older board' }, SETUP)
    expect(seedBoardTimeframe(old, NOW, SETUP)).toBe(false)
    expect(readBoardSettings(old).timeframe).toBeNull()
  })
})

/**
 * A stretched key result keeps the target it had (`originalTarget`, shown as "stretched from").
 * Once someone types a new target by hand, that note no longer describes the KR.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createKeyResult, createObjective, updateKeyResult } from '../../../core/board/commands/okr'
import { stretchKeyResult } from '../../../core/board/commands/stretch'
import { readBoard } from '../../../core/board/read'
import { ORIGIN } from './fixtures'

function stretched(): Y.Doc {
  const doc = new Y.Doc()
  createObjective(doc, { id: 'o1', title: 'Delight customers' }, ORIGIN)
  createKeyResult(
    doc,
    { id: 'kr1', objectiveId: 'o1', title: 'Raise NPS from 32 to 45', start: 32, target: 45 },
    ORIGIN,
  )
  stretchKeyResult(doc, { id: 'kr1' }, ORIGIN)
  return doc
}

describe('updateKeyResult and originalTarget', () => {
  it('clears originalTarget when the target is edited', () => {
    const doc = stretched()
    expect(readBoard(doc).keyResults[0]?.originalTarget).toBe(45)
    updateKeyResult(doc, { id: 'kr1', target: 50 }, ORIGIN)
    const kr = readBoard(doc).keyResults[0]
    expect(kr?.target).toBe(50)
    expect(kr?.originalTarget).toBeUndefined()
  })

  it('keeps it when other fields change or the same target is written again', () => {
    const doc = stretched()
    const target = readBoard(doc).keyResults[0]?.target ?? null
    updateKeyResult(doc, { id: 'kr1', owner: 'ada', target }, ORIGIN)
    expect(readBoard(doc).keyResults[0]?.originalTarget).toBe(45)
  })
})

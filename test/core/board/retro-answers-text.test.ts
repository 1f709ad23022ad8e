/**
 * Retrospective answers are edited through a bound textarea: the answers' shared texts are
 * created before anyone types, identically on every peer, so two people opening the retro at
 * once and typing in one answer both keep their words.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  editRetroAnswer,
  getRetroAnswerText,
  openRetroAnswers,
  readRetroAnswers,
  setRetroAnswer,
} from '../../../core/board/commands/retro'
import { codeOf, ORIGIN, recordUpdates } from './fixtures'

const OPEN = 'retro-open'

function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

describe('retrospective answers as bound texts', () => {
  it('two peers opening the same retro offline create the same texts; both answers merge', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    openRetroAnswers(a, { timeframe: '2026-Q4' }, OPEN)
    openRetroAnswers(b, { timeframe: '2026-Q4' }, OPEN)
    editRetroAnswer(
      a,
      {
        timeframe: '2026-Q4',
        question: 'ambition',
        delta: [{ insert: 'Churn KR was a stretch.' }],
      },
      ORIGIN,
    )
    editRetroAnswer(
      b,
      { timeframe: '2026-Q4', question: 'ambition', delta: [{ insert: 'Yes. ' }] },
      ORIGIN,
    )
    sync(a, b)
    const merged = readRetroAnswers(a, '2026-Q4').ambition
    expect(readRetroAnswers(b, '2026-Q4').ambition).toBe(merged)
    expect(merged).toHaveLength('Churn KR was a stretch.Yes. '.length)
    expect([`Churn KR was a stretch.Yes. `, `Yes. Churn KR was a stretch.`]).toContain(merged)
  })

  it('opening writes nothing once the texts exist, and keeps answers already given', () => {
    const doc = new Y.Doc()
    setRetroAnswer(
      doc,
      { timeframe: '2026-Q4', question: 'learnt', text: 'Baselines first.' },
      ORIGIN,
    )
    openRetroAnswers(doc, { timeframe: '2026-Q4' }, OPEN)
    expect(getRetroAnswerText(doc, '2026-Q4', 'ambition')?.toString()).toBe('')
    expect(readRetroAnswers(doc, '2026-Q4').learnt).toBe('Baselines first.')
    const updates = recordUpdates(doc)
    openRetroAnswers(doc, { timeframe: '2026-Q4' }, OPEN)
    expect(updates.count()).toBe(0)
  })

  it('keeps line breaks, drops control characters, and refuses a delta past the end', () => {
    const doc = new Y.Doc()
    editRetroAnswer(
      doc,
      { timeframe: '2026-Q4', question: 'aligned', delta: [{ insert: 'a\nb\u0007' }] },
      ORIGIN,
    )
    expect(readRetroAnswers(doc, '2026-Q4').aligned).toBe('a\nb')
    const updates = recordUpdates(doc)
    expect(
      codeOf(() =>
        editRetroAnswer(
          doc,
          { timeframe: '2026-Q4', question: 'aligned', delta: [{ delete: 9 }] },
          ORIGIN,
        ),
      ),
    ).toBe('invalid-argument:delta[0]')
    expect(codeOf(() => openRetroAnswers(doc, { timeframe: ' ' }, OPEN))).toBe(
      'invalid-argument:timeframe',
    )
    expect(updates.count()).toBe(0)
  })
})

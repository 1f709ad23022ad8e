import { describe, expect, it } from 'vitest'
import type { CanvasIntents } from '../../../client/board/board-controller'
import { newFocus, proposalOutlines } from '../../../client/canvas/canvas-intents'

describe('canvas intents', () => {
  const asked: CanvasIntents = { focus: { noteIds: ['n1', 'n2'], seq: 3 }, preview: null }

  it('acts on a focus request once, by its sequence number', () => {
    expect(newFocus(asked, 2)).toEqual(['n1', 'n2'])
    expect(newFocus(asked, 3)).toBeNull()
    expect(newFocus({ focus: null, preview: null }, 0)).toBeNull()
  })

  it('outlines each proposal under review by its notes and title; none when the review ends', () => {
    const preview = [{ noteIds: ['a', 'b'], title: 'Churn, retention', score: 0.4 }]
    expect(proposalOutlines(preview)).toEqual([{ noteIds: ['a', 'b'], title: 'Churn, retention' }])
    expect(proposalOutlines(null)).toBeNull()
  })
})

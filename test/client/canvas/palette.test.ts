import { describe, expect, it } from 'vitest'
import { NOTE_COLORS } from '../../../client/canvas/canvas-styles'
import { normalizeColor } from '../../../core/board/colors'

describe('the toolbar palette', () => {
  it('offers only colours the core commands accept as they are', () => {
    expect(NOTE_COLORS.length).toBeGreaterThan(0)
    for (const color of NOTE_COLORS) expect(normalizeColor(color)).toBe(color)
  })
})

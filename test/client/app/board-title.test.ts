import { describe, expect, it } from 'vitest'
import {
  MAX_BOARD_TITLE,
  renamedTitle,
  shownTitle,
  titleToCache,
} from '../../../client/app/board-title'

describe('the title shown', () => {
  it('is the document’s, then this device’s cached one, then a placeholder', () => {
    expect(shownTitle('Q3 planning', 'old name')).toBe('Q3 planning')
    expect(shownTitle('', 'old name')).toBe('old name')
    expect(shownTitle('  ', ' ')).toBe('Untitled board')
  })
})

describe('renaming in place', () => {
  it('commits the typed title on one line', () => {
    expect(renamedTitle('  Q4\n planning ', 'Q3')).toBe('Q4 planning')
  })

  it('leaves the board as it was when nothing or the same was typed', () => {
    expect(renamedTitle('   ', 'Q3')).toBeNull()
    expect(renamedTitle(' Q3 ', 'Q3')).toBeNull()
  })

  it('bounds the length as the home page does', () => {
    expect(renamedTitle('x'.repeat(500), 'Q3')).toHaveLength(MAX_BOARD_TITLE)
  })
})

describe('the title this device remembers', () => {
  it('follows the document once it names the board', () => {
    expect(titleToCache('Q4', 'Q3')).toBe('Q4')
    expect(titleToCache(' Q4 ', 'Q4')).toBeNull()
    expect(titleToCache('', 'Q3')).toBeNull()
  })
})

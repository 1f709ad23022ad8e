import { describe, expect, it } from 'vitest'
import { MAX_CARDS_DRAWN, sealedView } from '../../../client/canvas/sealed-model'

const hidden = { notesRevealed: false, votesRevealed: false }
const members = [
  { id: 'bo', name: 'Bo', color: '#000000' },
  { id: 'cy', name: 'Cy', color: '#000000' },
]

describe('the hidden-work strip', () => {
  it('draws one blank card per hidden note per person, by name', () => {
    const view = sealedView(
      new Map([
        ['cy', { notes: 2, dots: 0 }],
        ['bo', { notes: 1, dots: 0 }],
        ['zed', { notes: 40, dots: 0 }],
      ]),
      members,
      hidden,
    )
    expect(view.rows.map((r) => [r.name, r.notes, r.cards])).toEqual([
      ['Bo', 1, 1],
      ['Cy', 2, 2],
      ['Someone', 40, MAX_CARDS_DRAWN],
    ])
    expect(view.rows[0]?.label).toBe('Bo: 1 hidden note')
  })

  it('says how many dots others cast while votes are sealed, and nothing after', () => {
    const sealed = new Map([
      ['bo', { notes: 0, dots: 3 }],
      ['cy', { notes: 0, dots: 2 }],
    ])
    expect(sealedView(sealed, members, hidden)).toEqual({
      rows: [],
      dotsCast: '5 dots cast by others',
    })
    expect(sealedView(sealed, members, { ...hidden, votesRevealed: true }).dotsCast).toBeNull()
  })

  it('shows no cards once notes are revealed', () => {
    const sealed = new Map([['bo', { notes: 2, dots: 0 }]])
    expect(sealedView(sealed, members, { ...hidden, notesRevealed: true }).rows).toEqual([])
  })
})

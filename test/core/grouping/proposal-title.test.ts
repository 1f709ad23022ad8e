import { describe, expect, it } from 'vitest'
import { notePhrase, proposalTitle } from '../../../core/grouping/proposal-title'
import { conceptTags, concepts } from '../../../core/grouping/concepts'

const note = (text: string, ...tags: string[]) => ({ text, tags: new Set(tags) })

describe('proposalTitle', () => {
  it('names a group after the theme most of its notes share', () => {
    const notes = [
      note('Churn interviews', '#retention'),
      note('Renewal playbook', '#retention'),
      note('Hire a CSM', '#people'),
    ]
    expect(proposalTitle(notes, 0, new Set())).toBe('Reduce churn')
  })

  it('reads two themes together when they say more ("Cut cloud costs")', () => {
    const notes = [
      note('Cut the AWS bill by 30%', '#cloud', '#costs', '#engineering'),
      note('Right-size the nodes', '#cloud', '#engineering'),
      note('Tag every resource with a cost owner', '#costs'),
    ]
    expect(proposalTitle(notes, 0, new Set())).toBe('Cut cloud costs')
  })

  it('falls back to the representative note cut to its verb and object', () => {
    const notes = [note('Push notification opt-in rate above 60%'), note('Weekly digest')]
    expect(proposalTitle(notes, 0, new Set())).toBe('Push notification opt-in rate')
    expect(proposalTitle(notes, 1, new Set())).toBe('Weekly digest')
  })

  it('never reuses a title a better proposal took', () => {
    const notes = [note('Churn interviews', '#retention'), note('Renewal playbook', '#retention')]
    expect(proposalTitle(notes, 1, new Set(['Reduce churn']))).toBe('Renewal playbook')
    const all = new Set(['Reduce churn', 'Renewal playbook', 'Churn interviews'])
    expect(proposalTitle(notes, 1, all)).toBe('Reduce churn (2)')
  })

  it('never a comma list, whatever the notes', () => {
    expect(proposalTitle([note('42'), note('  ')], 0, new Set())).toBe('Group')
  })
})

describe('notePhrase', () => {
  it.each([
    ['Grow premium subscriptions to 20k', 'Grow premium subscriptions'],
    ['Cut the AWS bill by 30%', 'Cut the AWS bill'],
    ['Reduce churn among SMB customers', 'Reduce churn'],
    ['Customers churn in the first 90 days, fix onboarding', 'Customers churn'],
    ['upgrade Postgres from 12 to 16', 'Upgrade Postgres'],
    ['Security training for all staff', 'Security training'],
    ['Automate vacuum and bloat monitoring for the main database', 'Automate vacuum'],
  ])('%s → %s', (text, phrase) => {
    expect(notePhrase(text)).toBe(phrase)
  })

  it('keeps a title to one short line, however long a word is', () => {
    const phrase = notePhrase(`Read ${'x'.repeat(500)} today`) ?? ''
    expect(phrase).toHaveLength(60)
    expect(phrase.endsWith('…')).toBe(true)
  })

  it('gives nothing for a note without words', () => {
    expect(notePhrase('42%')).toBeNull()
    expect(notePhrase('')).toBeNull()
  })
})

describe('concept tags', () => {
  it('tags a theme twice as heavily as its broader theme', () => {
    expect(conceptTags(['latenc'])).toEqual([
      { tag: '#engineering', weight: 1 },
      { tag: '#performance', weight: 2 },
    ])
    expect(concepts(['churn', 'renew'])).toEqual(['#retention'])
    expect(concepts(['postgr'])).toContain('#data')
  })
})

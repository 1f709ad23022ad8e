import { describe, expect, it } from 'vitest'
import { exportOkrs } from '../../../core/export/export-model'
import { NO_FILTER, dueCount, filtering } from '../../../client/okr/dashboard-model'
import { exportFile, reminderFeed } from '../../../client/okr/export-files'
import { counted, unitExtraLabel } from '../../../client/okr/labels'
import { OKR_TABS } from '../../../client/okr/workspace-tabs'
import { NOW, okrSnapshot } from '../../core/export/fixtures'

const okrs = exportOkrs(okrSnapshot(), { now: NOW })

describe('dashboard', () => {
  it('offers to clear filters only while one is set', () => {
    expect(filtering(NO_FILTER)).toBe(false)
    expect(filtering({ ...NO_FILTER, owner: 'Ann' })).toBe(true)
  })

  it('counts the key results owing a check-in', () => {
    const [o1] = okrs.objectives
    if (!o1) throw new Error('fixture')
    const due = {
      ...o1,
      keyResults: o1.keyResults.map((kr) => ({ ...kr, due: { ...kr.due, overdue: true } })),
    }
    expect(dueCount([due])).toBe(2)
    expect(dueCount([])).toBe(0)
  })
})

describe('export', () => {
  it('names the files from the board title', () => {
    expect(exportFile(okrs, 'markdown')).toMatchObject({
      name: 'growth-team-q4-okrs.md',
      type: 'text/markdown;charset=utf-8',
    })
    expect(exportFile(okrs, 'csv').name).toBe('growth-team-q4-okrs.csv')
    const json = exportFile(okrs, 'json')
    expect(JSON.parse(json.text)).toEqual(JSON.parse(JSON.stringify(okrs)))
    expect(json.text.endsWith('}\n')).toBe(true)
  })

  it('puts only a view token into the reminder feed', () => {
    expect(reminderFeed('https://x.test', 'b 1', null)).toEqual({
      path: '/api/boards/b%201/reminders.ics',
      url: null,
    })
    expect(reminderFeed('https://x.test', 'b1', 'v&t').url).toBe(
      'https://x.test/api/boards/b1/reminders.ics?token=v%26t',
    )
  })
})

describe('workspace words and commands', () => {
  it('counts with the right noun', () => {
    expect(counted(1, 'dot')).toBe('1 dot')
    expect(counted(0, 'dot')).toBe('0 dots')
    expect(counted(2, 'check-in')).toBe('2 check-ins')
  })

  it('asks for a currency code or a unit label only where one applies', () => {
    expect(unitExtraLabel('currency')).toBe('Currency code')
    expect(unitExtraLabel('text')).toBe('Unit label')
    expect(unitExtraLabel('count')).toBeNull()
  })

  it('opens on the dashboard', () => {
    expect(OKR_TABS[0]).toEqual(['dashboard', 'Dashboard'])
  })
})

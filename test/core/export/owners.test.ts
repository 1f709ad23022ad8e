import { describe, expect, it } from 'vitest'
import { joinBoard, renameMember, updateKeyResult } from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { exportOkrs, remindersCalendar, toCsv, toMarkdown } from '../../../core/export/index'
import { ownerOptions, filterObjectives, NO_FILTER } from '../../../client/okr/dashboard-model'
import { NOW, ORIGIN, okrBoard } from './fixtures'

const ANA = { id: 'u-ana', name: 'Ana', color: '#e11d48' }

/** The shared board with Ana as a member who owns kr1, while o1 keeps the typed owner "Ann". */
function board() {
  const doc = okrBoard()
  joinBoard(doc, ANA, ORIGIN)
  updateKeyResult(doc, { id: 'kr1', owner: ANA.id }, ORIGIN)
  return doc
}

const unfold = (ics: string) => ics.replace(/\r\n /g, '')

describe('owners in exports, filters and the calendar', () => {
  it('a member owner reads as their current name everywhere, grouped by their id', () => {
    const doc = board()
    renameMember(doc, { id: ANA.id, name: 'Ana Ruiz' }, ORIGIN)
    const data = exportOkrs(readBoard(doc), { now: NOW })
    const kr1 = data.objectives[0]?.keyResults[0]
    expect(kr1).toMatchObject({ owner: 'Ana Ruiz', ownerKey: ANA.id })
    expect(data.objectives[0]).toMatchObject({ owner: 'Ann', ownerKey: 'Ann' })
    expect(toCsv(data)).toContain('Ana Ruiz')
    expect(toCsv(data)).not.toContain(ANA.id)
    expect(toMarkdown(data)).toContain('Ana Ruiz')
    expect(toMarkdown(data)).not.toContain(ANA.id)
  })

  it('the owner filter lists a member once by id and follows a rename', () => {
    const doc = board()
    const before = exportOkrs(readBoard(doc), { now: NOW })
    expect(ownerOptions(before.objectives)).toEqual([
      { value: ANA.id, label: 'Ana' },
      { value: 'Ann', label: 'Ann' },
    ])
    renameMember(doc, { id: ANA.id, name: 'Ana Ruiz' }, ORIGIN)
    const after = exportOkrs(readBoard(doc), { now: NOW })
    expect(ownerOptions(after.objectives)[0]).toEqual({ value: ANA.id, label: 'Ana Ruiz' })
    // The filter set before the rename still selects her objectives.
    const shown = filterObjectives(after.objectives, { ...NO_FILTER, owner: ANA.id })
    expect(shown.map((o) => o.id)).toEqual(['o1'])
  })

  it('tells a typed owner from a member of the same name in the filter', () => {
    const doc = board()
    joinBoard(doc, { id: 'u-ann', name: 'Ann', color: '#0284c7' }, ORIGIN)
    updateKeyResult(doc, { id: 'kr2', owner: 'u-ann' }, ORIGIN)
    const data = exportOkrs(readBoard(doc), { now: NOW })
    expect(ownerOptions(data.objectives)).toEqual([
      { value: ANA.id, label: 'Ana' },
      { value: 'u-ann', label: 'Ann' },
      { value: 'Ann', label: 'Ann (not on the board)' },
    ])
  })

  it('the calendar names the member and filters by their id or current name', () => {
    const doc = board()
    renameMember(doc, { id: ANA.id, name: 'Ana Ruiz' }, ORIGIN)
    const snapshot = readBoard(doc)
    const all = unfold(remindersCalendar(snapshot, { boardId: 'b1', now: NOW }))
    expect(all).toContain('SUMMARY:Check in: Grow weekly active teams from 120 to 200 (Ana Ruiz)')
    expect(all).not.toContain(ANA.id.toUpperCase())
    for (const owner of [ANA.id, 'ana ruiz']) {
      const mine = remindersCalendar(snapshot, { boardId: 'b1', now: NOW, owner })
      expect(mine).toContain('.kr1.')
      expect(mine).not.toContain('.kr2.')
    }
    // The typed owner "Ann" of kr2 is still its own person.
    const ann = remindersCalendar(snapshot, { boardId: 'b1', now: NOW, owner: 'ann' })
    expect(ann).toContain('.kr2.')
    expect(ann).not.toContain('.kr1.')
  })
})

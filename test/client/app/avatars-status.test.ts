import { describe, expect, it } from 'vitest'
import { avatarList, initials } from '../../../client/app/avatar-list'
import { statusChipView } from '../../../client/app/status-chip-view'
import type { Peer } from '../../../client/board/peers'

const peer = (name: string, patch: Partial<Peer> = {}): Peer => ({
  clientId: name.length,
  user: { id: name, name, color: '#e11d48' },
  role: 'edit',
  isSelf: false,
  pointing: false,
  done: null,
  ...patch,
})

describe('avatars', () => {
  it('show first and last initials, or the first letter of one word', () => {
    expect(initials('Ada Lovelace')).toBe('AL')
    expect(initials('  ben  van der okafor ')).toBe('BO')
    expect(initials('zoë')).toBe('Z')
    expect(initials('')).toBe('')
    expect(initials('Fiona (facilitator)')).toBe('FF')
    expect(initials('"Ada" Lovelace!')).toBe('AL')
  })

  it('title each face with name, role, self and pointing', () => {
    const list = avatarList([
      peer('Ada', { isSelf: true, pointing: true }),
      peer('Ben', { role: 'view' }),
    ])
    expect(list.count).toBe(2)
    expect(list.more).toBeNull()
    expect(list.shown[0]?.title).toMatch(/^Ada.* \(you\), pointing at the board$/)
    expect(list.shown[1]?.title).toMatch(/^Ben/)
    expect(list.shown[1]?.title).not.toContain('(you)')
  })

  it('count the people beyond the first few', () => {
    const list = avatarList(
      ['A', 'B', 'C', 'D'].map((n) => peer(n)),
      2,
    )
    expect(list.shown.map((a) => a.initials)).toEqual(['A', 'B'])
    expect(list.more?.count).toBe(2)
    expect(list.more?.title).toMatch(/^C.*, D/)
  })
})

describe('the status chip', () => {
  const info = {
    status: 'online',
    pending: 0,
    localLoaded: true,
    serverSynced: true,
    refused: null,
  } as const

  it('says online with no count when everything is confirmed', () => {
    expect(statusChipView(info)).toEqual({
      label: 'Online',
      detail: 'All changes saved to the server',
      status: 'online',
      storage: 'ok',
      pending: 0,
      showCount: false,
    })
  })

  it('counts unconfirmed changes while offline', () => {
    const view = statusChipView({ ...info, status: 'offline', pending: 2 })
    expect(view).toMatchObject({ label: 'Offline', showCount: true, pending: 2 })
    expect(view.detail).toBe('2 changes saved on this device, not yet on the server')
  })

  it('turns the dot red when the server cannot save', () => {
    const view = statusChipView({ ...info, serverStorage: { saved: false, unsaved: 1 } })
    expect(view).toMatchObject({ label: 'Not saved', storage: 'failing' })
  })
})

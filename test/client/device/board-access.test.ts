import { describe, expect, it } from 'vitest'
import {
  forgetBoard,
  getAccess,
  recentBoards,
  rememberBoard,
  shareableViewToken,
  switchableLink,
  updateAccess,
} from '../../../client/device/board-access'
import { memoryStore } from '../../../client/device/key-value'

describe('board access on this device', () => {
  it('remembers the token, role and title, most recent first', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 'ta', role: 'edit', title: 'Alpha' }, 1)
    rememberBoard(store, 'b', { token: 'tb', role: 'view', title: 'Beta' }, 2)
    expect(recentBoards(store).map((b) => b.id)).toEqual(['b', 'a'])
    rememberBoard(store, 'a', { token: 'ta' }, 3)
    expect(recentBoards(store).map((b) => b.id)).toEqual(['a', 'b'])
    expect(getAccess(store, 'a')).toMatchObject({ token: 'ta', role: 'edit', title: 'Alpha' })
  })

  it('forgets the cached role when a different token arrives for the same board', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 'edit-token', role: 'edit' }, 1)
    rememberBoard(store, 'a', { token: 'view-token' }, 2)
    expect(getAccess(store, 'a')).toMatchObject({ token: 'view-token', role: null })
  })

  it('keeps the edit token when the view link is opened, so the editor can switch back', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 'edit-token' }, 1)
    updateAccess(store, 'a', { role: 'edit' })
    rememberBoard(store, 'a', { token: 'view-token' }, 2)
    expect(switchableLink(getAccess(store, 'a'))).toBeNull() // role not known yet
    updateAccess(store, 'a', { role: 'view' })
    expect(switchableLink(getAccess(store, 'a'))).toEqual({ token: 'edit-token', role: 'edit' })
    rememberBoard(store, 'a', { token: 'edit-token', role: 'edit' }, 3)
    expect(switchableLink(getAccess(store, 'a'))).toBeNull()

    const guest = memoryStore()
    rememberBoard(guest, 'a', { token: 'view-token' }, 1)
    updateAccess(guest, 'a', { role: 'view' })
    expect(switchableLink(getAccess(guest, 'a'))).toBeNull()
  })

  it('keeps the facilitate token through the edit and view links, and offers it back', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 'F', role: 'facilitate' }, 1)
    expect(getAccess(store, 'a')).toMatchObject({ facilitateToken: 'F', editToken: null })
    expect(switchableLink(getAccess(store, 'a'))).toBeNull()
    rememberBoard(store, 'a', { token: 'E' }, 2)
    updateAccess(store, 'a', { role: 'edit' })
    expect(switchableLink(getAccess(store, 'a'))).toEqual({ token: 'F', role: 'facilitate' })
    rememberBoard(store, 'a', { token: 'V' }, 3)
    updateAccess(store, 'a', { role: 'view' })
    // The facilitator's own link wins over the edit link the device also holds.
    expect(switchableLink(getAccess(store, 'a'))).toEqual({ token: 'F', role: 'facilitate' })
    rememberBoard(store, 'a', { token: 'F', role: 'facilitate' }, 4)
    expect(switchableLink(getAccess(store, 'a'))).toBeNull()
  })

  it('drops a held facilitate token the server no longer honours as one', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 'F', role: 'facilitate' }, 1)
    updateAccess(store, 'a', { role: 'edit' })
    expect(getAccess(store, 'a')).toMatchObject({ facilitateToken: null, editToken: 'F' })
  })

  it('reads a record from before roles: no facilitate link or token', () => {
    const store = memoryStore()
    store.setItem(
      'sb:board:a',
      JSON.stringify({ token: 'E', role: 'edit', links: { edit: 'e', view: 'v' } }),
    )
    expect(getAccess(store, 'a')).toMatchObject({
      links: { edit: 'e', view: 'v', facilitate: null },
      facilitateToken: null,
      editToken: 'E',
    })
    store.setItem('sb:board:f', JSON.stringify({ token: 'F', role: 'facilitate' }))
    expect(getAccess(store, 'f')).toMatchObject({ role: 'facilitate', facilitateToken: 'F' })
  })

  it('keeps the unconfirmed-change count across reloads', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 't' }, 1)
    updateAccess(store, 'a', { pending: 3 })
    expect(getAccess(store, 'a')?.pending).toBe(3)
    rememberBoard(store, 'a', { token: 't' }, 2)
    expect(getAccess(store, 'a')?.pending).toBe(3)
  })

  it('reads damaged records as absent and skips them in the list', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 't' }, 1)
    store.setItem('sb:board:b', '{"token": 42}')
    store.setItem('sb:recent', JSON.stringify(['b', 'a', 7]))
    expect(getAccess(store, 'b')).toBeNull()
    expect(recentBoards(store).map((b) => b.id)).toEqual(['a'])
    store.setItem('sb:board:a', JSON.stringify({ token: 't', pending: -4, role: 'admin' }))
    expect(getAccess(store, 'a')).toMatchObject({ pending: 0, role: null, links: null })
  })

  it('forgets a board', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 't' }, 1)
    forgetBoard(store, 'a')
    expect(getAccess(store, 'a')).toBeNull()
    expect(recentBoards(store)).toEqual([])
  })
})

describe('the view token this device may share', () => {
  const links = { edit: 'http://x/b/a#token=E', view: 'http://x/b/a#token=V', facilitate: null }

  it('is the issued view link’s token, never the edit token', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 'E', role: 'edit', links }, 1)
    expect(shareableViewToken(getAccess(store, 'a'), 'edit')).toBe('V')
  })

  it('falls back to the held token only when this device views the board', () => {
    const store = memoryStore()
    rememberBoard(store, 'a', { token: 'T', role: 'view' }, 1)
    expect(shareableViewToken(getAccess(store, 'a'), 'view')).toBe('T')
    expect(shareableViewToken(getAccess(store, 'a'), 'edit')).toBeNull()
    expect(shareableViewToken(null, 'view')).toBeNull()
  })

  it('survives a damaged stored link', () => {
    const store = memoryStore()
    rememberBoard(
      store,
      'a',
      { token: 'T', role: 'view', links: { edit: '', view: 'not a url', facilitate: null } },
      1,
    )
    expect(shareableViewToken(getAccess(store, 'a'), 'view')).toBe('T')
  })
})

import { describe, expect, it } from 'vitest'
import { EDITING_ACTIONS, resolveShortcut, SHORTCUT_HELP } from '../../../client/canvas/keymap'

const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
})

describe('N makes a note', () => {
  it('resolves N (not Ctrl + N) to a new note, an editing action listed in the help', () => {
    expect(resolveShortcut(key('n'))?.action).toBe('new-note')
    expect(resolveShortcut(key('N', { shiftKey: true }))?.action).toBe('new-note')
    expect(resolveShortcut(key('n', { ctrlKey: true }))).toBeNull()
    expect(EDITING_ACTIONS.has('new-note')).toBe(true)
    expect(SHORTCUT_HELP.some(([keys]) => keys === 'N')).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import type { KeyInput } from '../../../client/canvas/keymap'
import { isTypingTarget, resolveShortcut } from '../../../client/canvas/keymap'

const key = (k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
})

describe('resolveShortcut', () => {
  it('treats Ctrl and Cmd alike for undo, redo and duplicate', () => {
    expect(resolveShortcut(key('z', { ctrlKey: true }))?.action).toBe('undo')
    expect(resolveShortcut(key('z', { metaKey: true }))?.action).toBe('undo')
    expect(resolveShortcut(key('Z', { metaKey: true, shiftKey: true }))?.action).toBe('redo')
    expect(resolveShortcut(key('d', { ctrlKey: true }))?.action).toBe('duplicate')
  })

  it('nudges ten times further with shift', () => {
    expect(resolveShortcut(key('ArrowLeft'))).toEqual({ action: 'nudge-left', step: 1 })
    expect(resolveShortcut(key('ArrowDown', { shiftKey: true }))).toEqual({
      action: 'nudge-down',
      step: 10,
    })
  })

  it('ignores plain letters so typing on the page does nothing', () => {
    expect(resolveShortcut(key('d'))).toBeNull()
    expect(resolveShortcut(key('z', { altKey: true, ctrlKey: true }))).toBeNull()
  })

  it('opens the help with ?', () => {
    expect(resolveShortcut(key('?', { shiftKey: true }))?.action).toBe('help')
  })
})

describe('isTypingTarget', () => {
  it('recognises text fields and editable content', () => {
    expect(isTypingTarget({ tagName: 'textarea' })).toBe(true)
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true)
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true)
    expect(isTypingTarget({ tagName: 'CANVAS' })).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })
})

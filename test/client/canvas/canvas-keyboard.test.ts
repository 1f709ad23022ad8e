/** What each shortcut does, run on stand-ins for the canvas and the board (no browser). */
import { describe, expect, it } from 'vitest'
import type { CanvasActions } from '../../../client/canvas/canvas-actions'
import type { KeyboardHost } from '../../../client/canvas/canvas-keyboard'
import { CanvasKeyboard } from '../../../client/canvas/canvas-keyboard'

/** `copies: null` stands for a duplicate the board refused. */
function keyboard(selection: string[], copies: string[] | null = ['c1']) {
  const calls: string[] = []
  let selected = selection
  const actions = {
    nudge: (ids: string[], dx: number, dy: number) =>
      calls.push(`nudge ${ids.join(',')} ${dx},${dy}`),
    delete: (ids: string[]) => calls.push(`delete ${ids.join(',')}`),
    duplicate: () => copies,
  } as unknown as CanvasActions
  const host = {
    scene: { allNotes: () => [{ id: 'a' }, { id: 'b' }][Symbol.iterator]() },
    link: {
      act: <T>(gesture: (a: CanvasActions) => T) =>
        copies === null ? undefined : gesture(actions),
      board: { undo: () => calls.push('undo'), redo: () => calls.push('redo') },
    },
    view: {
      zoomIn: () => calls.push('zoom in'),
      zoomOut: () => undefined,
      zoomToFit: () => undefined,
    },
    editing: { edit: (id: string) => calls.push(`edit ${id}`) },
    helpOpen: false,
    get selection() {
      return selected
    },
    setSelection: (ids: readonly string[]) => {
      selected = [...ids]
    },
  } as unknown as KeyboardHost
  return { host, calls, keys: new CanvasKeyboard(host) }
}

describe('canvas shortcuts', () => {
  it('nudge the selection by the step in the arrow’s direction', () => {
    const { keys, calls } = keyboard(['a'])
    keys.perform('nudge-left', 10)
    keys.perform('nudge-down', 1)
    expect(calls).toEqual(['nudge a -10,0', 'nudge a 0,1'])
  })

  it('delete the selection and clear it', () => {
    const { keys, calls, host } = keyboard(['a', 'b'])
    keys.perform('delete', 1)
    expect(calls).toEqual(['delete a,b'])
    expect(host.selection).toEqual([])
  })

  it('select the copies after a duplicate, and keep the selection when it was refused', () => {
    const done = keyboard(['a'])
    done.keys.perform('duplicate', 1)
    expect(done.host.selection).toEqual(['c1'])
    const refused = keyboard(['a'], null)
    refused.keys.perform('duplicate', 1)
    expect(refused.host.selection).toEqual(['a'])
  })

  it('Esc closes the help first, and clears the selection only then', () => {
    const { keys, host } = keyboard(['a'])
    keys.perform('help', 1)
    expect(host.helpOpen).toBe(true)
    keys.perform('deselect', 1)
    expect([host.helpOpen, host.selection]).toEqual([false, ['a']])
    keys.perform('deselect', 1)
    expect(host.selection).toEqual([])
  })

  it('select all notes, undo and redo on the board, zoom, and edit a single selection', () => {
    const { keys, calls, host } = keyboard(['b'])
    keys.perform('edit', 1)
    keys.perform('undo', 1)
    keys.perform('redo', 1)
    keys.perform('zoom-in', 1)
    keys.perform('select-all', 1)
    expect(calls).toEqual(['edit b', 'undo', 'redo', 'zoom in'])
    expect(host.selection).toEqual(['a', 'b'])
    keys.perform('edit', 1)
    expect(calls).toHaveLength(4)
  })
})

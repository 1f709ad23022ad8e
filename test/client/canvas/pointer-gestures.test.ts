/**
 * The pointer gesture state machine without a browser: the canvas, its scene and the board
 * are small stand-ins recording what the gestures asked of them, and pointer events are plain
 * objects with the members the handlers read. Stage and client pixels coincide (scale 1).
 */
import { describe, expect, it } from 'vitest'
import type { CanvasActions } from '../../../client/canvas/canvas-actions'
import type { PointerHost } from '../../../client/canvas/pointer-gestures'
import { PointerGestures } from '../../../client/canvas/pointer-gestures'
import type { Viewport } from '../../../client/canvas/geometry'
import { stagePoint } from '../../../client/canvas/geometry'

type Listener = (e: unknown) => void

/** Notes at x = 0, 200, 400 (160 wide); one frame `g` whose grip is at (1000, 1000). */
function canvas(options: { canEdit?: boolean; selection?: string[] } = {}) {
  const calls: string[] = []
  const listeners = new Map<string, Listener>()
  let vp: Viewport = { x: 0, y: 0, scale: 1 }
  const notes = ['a', 'b', 'c']
  let selected = options.selection ?? []
  const scene = {
    get viewport() {
      return vp
    },
    height: 600,
    setFocused: () => undefined,
    frameGripAt: (p: { x: number; y: number }) => (p.x === 1000 && p.y === 1000 ? 'g' : null),
    group: (id: string) => (id === 'g' ? { id, x: 700, y: 700, w: 300, h: 300 } : undefined),
    noteAt: (p: { x: number; y: number }) =>
      p.y >= 0 && p.y < 160 ? (notes[Math.floor(p.x / 200)] ?? null) : null,
    frameEdgeAt: () => null,
    hasNote: (id: string) => notes.includes(id),
    notesIn: () => ['b'],
    previewFrameSize: (id: string, size: unknown) =>
      calls.push(`preview ${id} ${JSON.stringify(size)}`),
    setMarquee: (r: unknown) => calls.push(r === null ? 'marquee off' : 'marquee'),
    beginDrag: (ids: string[]) => calls.push(`lift ${ids.join(',')}`),
    dragBy: (dx: number, dy: number) => calls.push(`drag ${dx},${dy}`),
    endDrag: () => calls.push('put down'),
  }
  const actions = {
    drop: (ids: string[], frames: string[], dx: number, dy: number) =>
      calls.push(`drop ${ids.join(',')} [${frames.join(',')}] by ${dx},${dy}`),
    resizeFrame: (id: string, w: number, h: number) => calls.push(`resize ${id} ${w}x${h}`),
  } as unknown as CanvasActions
  const host = {
    element: { focus: () => undefined, getBoundingClientRect: () => ({ left: 0, top: 0 }) },
    stageEl: { classList: { add: () => undefined, remove: () => undefined } },
    scene,
    link: {
      publishCursor: () => undefined,
      hideCursor: () => undefined,
      act: <T>(gesture: (a: CanvasActions) => T) => gesture(actions),
    },
    canEdit: options.canEdit ?? true,
    spaceHeld: false,
    view: {
      takeOver: () => calls.push('take over'),
      get current() {
        return vp
      },
      set: (next: Viewport) => {
        vp = next
      },
    },
    get selection() {
      return selected
    },
    setSelection: (ids: readonly string[]) => {
      selected = [...ids]
    },
    stagePointOf: (e: { clientX: number; clientY: number }) => stagePoint(e.clientX, e.clientY),
  } as unknown as PointerHost
  new PointerGestures(host).listen({
    addEventListener: (type: string, fn: Listener) => listeners.set(type, fn),
  } as unknown as HTMLElement)
  const fire = (type: string, x: number, y: number, more: Record<string, unknown> = {}): void =>
    listeners.get(type)?.({
      type,
      button: 0,
      pointerId: 1,
      pointerType: 'mouse',
      clientX: x,
      clientY: y,
      shiftKey: false,
      currentTarget: { setPointerCapture: () => undefined },
      ...more,
    })
  return { host, calls, fire, viewport: () => vp }
}

describe('pointer gestures', () => {
  it('a drag past the threshold lifts the selection and drops it by the rounded offset', () => {
    const { host, calls, fire } = canvas()
    fire('pointerdown', 10, 10)
    expect(host.selection).toEqual(['a'])
    fire('pointermove', 12, 11)
    expect(calls).toEqual([])
    fire('pointermove', 40.4, 30.6)
    fire('pointerup', 40.4, 30.6)
    expect(calls).toEqual(['lift a', 'drag 30.4,20.6', 'drop a [] by 30,21', 'put down'])
  })

  it('a cancelled drag commits nothing but still puts the notes down', () => {
    const { calls, fire } = canvas()
    fire('pointerdown', 10, 10)
    fire('pointermove', 50, 10)
    fire('pointercancel', 50, 10)
    expect(calls).toEqual(['lift a', 'drag 40,0', 'put down'])
  })

  it('a press on a selected note keeps the selection, so the whole selection moves', () => {
    const { host, calls, fire } = canvas({ selection: ['a', 'b'] })
    fire('pointerdown', 210, 10)
    fire('pointermove', 260, 10)
    fire('pointerup', 260, 10)
    expect(host.selection).toEqual(['a', 'b'])
    expect(calls).toContain('drop a,b [] by 50,0')
  })

  it('a click on empty board pans nothing and clears the selection', () => {
    const { host, fire, viewport } = canvas({ selection: ['a'] })
    fire('pointerdown', 100, 500)
    fire('pointerup', 100, 500)
    expect(host.selection).toEqual([])
    expect(viewport()).toEqual({ x: 0, y: 0, scale: 1 })
  })

  it('a drag on empty board pans and keeps the selection', () => {
    const { host, fire, viewport } = canvas({ selection: ['a'] })
    fire('pointerdown', 100, 500)
    fire('pointermove', 130, 520)
    fire('pointerup', 130, 520)
    expect(viewport()).toEqual({ x: 30, y: 20, scale: 1 })
    expect(host.selection).toEqual(['a'])
  })

  it('Shift + drag on empty board sweeps a marquee that adds to the selection', () => {
    const { host, calls, fire } = canvas({ selection: ['c'] })
    fire('pointerdown', 100, 500, { shiftKey: true })
    fire('pointermove', 300, 100)
    fire('pointerup', 300, 100)
    expect(host.selection).toEqual(['c', 'b'])
    expect(calls).toEqual(['marquee', 'marquee off'])
  })

  it('a view-only person selects a note but a drag on it pans the board', () => {
    const { host, calls, fire, viewport } = canvas({ canEdit: false })
    fire('pointerdown', 10, 10)
    fire('pointermove', 60, 10)
    fire('pointerup', 60, 10)
    expect(host.selection).toEqual(['a'])
    expect(viewport().x).toBe(50)
    expect(calls.some((c) => c.startsWith('drop'))).toBe(false)
  })

  it('the grip resizes a frame, previewing as it goes and committing on release', () => {
    const { calls, fire } = canvas()
    fire('pointerdown', 1000, 1000)
    fire('pointermove', 1050, 1020)
    fire('pointerup', 1050, 1020)
    expect(calls).toEqual(['preview g {"w":350,"h":320}', 'resize g 350x320', 'preview g null'])
  })

  it('a second finger abandons a drag the first one started, and pinches instead', () => {
    const { calls, fire, viewport } = canvas()
    const touch = { pointerType: 'touch' }
    fire('pointerdown', 10, 10, { ...touch, pointerId: 1 })
    fire('pointermove', 30, 10, { ...touch, pointerId: 1 })
    fire('pointerdown', 130, 10, { ...touch, pointerId: 2 })
    fire('pointermove', 230, 10, { ...touch, pointerId: 2 })
    fire('pointerup', 230, 10, { ...touch, pointerId: 2 })
    fire('pointerup', 30, 10, { ...touch, pointerId: 1 })
    expect(calls.filter((c) => !c.startsWith('drag'))).toEqual(['lift a', 'put down', 'take over'])
    expect(viewport().scale).toBeCloseTo(2)
  })
})

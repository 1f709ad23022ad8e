// CanvasFollow between two presence instances (as the relay would relay them): a facilitator's
// summon moves and attaches the participant once per seq, a participant's forged summon and a
// summon older than the page move nobody, a pan of one's own breaks away, and a followed
// person who leaves is forgotten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import type { BoardController } from '../../../client/board/board-controller'
import type { BoardScene } from '../../../client/canvas/board-scene'
import { CanvasFollow } from '../../../client/canvas/canvas-follow'
import type { CanvasViewport } from '../../../client/canvas/canvas-viewport'
import type { Viewport } from '../../../client/canvas/geometry'

// Node has no window; the follower listens there for Esc.
const hadWindow = 'window' in globalThis
beforeAll(() => {
  if (!hadWindow) Object.assign(globalThis, { window: new EventTarget() })
})
afterAll(() => {
  if (!hadWindow) delete (globalThis as { window?: unknown }).window
})

function person(name: string, role: string) {
  const awareness = new Awareness(new Y.Doc())
  // The relay stamps the role; here each test peer carries the stamp it would get.
  awareness.setLocalStateField('user', { id: name, name, color: '#123456', role })
  return awareness
}

/** A canvas of `width` × `height` that records where it was moved. */
function canvas(awareness: Awareness, width = 800, height = 600) {
  let viewport: Viewport = { x: 0, y: 0, scale: 1 }
  const scene = {
    get viewport() {
      return viewport
    },
    width,
    height,
  } as unknown as BoardScene
  let follow: CanvasFollow | null = null
  const view = {
    takeOver: () => undefined,
    set: (vp: Viewport) => {
      viewport = vp
      follow?.viewportMoved()
    },
  } as unknown as CanvasViewport
  follow = new CanvasFollow({ view, scene })
  const board = { awareness } as unknown as BoardController
  return {
    follow,
    board,
    get viewport() {
      return viewport
    },
    /** The person pans: the canvas moves and says so. */
    pan(dx: number) {
      viewport = { ...viewport, x: viewport.x + dx }
      follow.viewportMoved()
    },
  }
}

/** Relays `from`'s presence to `to`, as the relay does. */
function relay(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'relay')
}

const away = { x: -4000, y: -2000, scale: 2, width: 800, height: 600 }

describe('CanvasFollow', () => {
  it('follows a facilitator’s summon once per seq, and a pan of one’s own breaks away', () => {
    const fay = person('Fay', 'facilitate')
    const ann = person('Ann', 'edit')
    const annCanvas = canvas(ann)
    annCanvas.follow.attach(annCanvas.board)
    fay.setLocalStateField('viewport', away)
    fay.setLocalStateField('summon', { seq: 1, viewport: away })
    relay(fay, ann)
    expect(annCanvas.viewport).toEqual({ x: -4000, y: -2000, scale: 2 })
    expect(annCanvas.follow.state?.following?.name).toBe('Fay · facilitator')

    // Fay moves on: Ann's view goes with her.
    fay.setLocalStateField('viewport', { ...away, x: -3000 })
    relay(fay, ann)
    expect(annCanvas.viewport.x).toBe(-3000)

    // Ann pans: she breaks away, and Fay's next move leaves her where she is.
    annCanvas.pan(50)
    expect(annCanvas.follow.state?.following).toBeNull()
    expect(annCanvas.follow.state?.left?.name).toBe('Fay · facilitator')
    fay.setLocalStateField('viewport', { ...away, x: -1000 })
    relay(fay, ann)
    expect(annCanvas.viewport.x).toBe(-2950)

    // The same summon again is not a new one; a new seq is.
    relay(fay, ann)
    expect(annCanvas.follow.state?.following).toBeNull()
    fay.setLocalStateField('summon', { seq: 2, viewport: { ...away, x: -1000 } })
    relay(fay, ann)
    expect(annCanvas.viewport.x).toBe(-1000)
    expect(annCanvas.follow.state?.following).not.toBeNull()

    // Fay leaves: there is nobody to follow or rejoin.
    removeAwarenessStates(ann, [fay.clientID], 'relay')
    expect(annCanvas.follow.state?.following).toBeNull()
    expect(annCanvas.follow.state?.left).toBeNull()
    annCanvas.follow.detach()
  })

  it('ignores a participant’s summon and one made before the page opened', () => {
    const fay = person('Fay', 'facilitate')
    const bob = person('Bob', 'edit')
    const ann = person('Ann', 'edit')
    fay.setLocalStateField('summon', { seq: 5, viewport: away })
    relay(fay, ann)
    const annCanvas = canvas(ann)
    annCanvas.follow.attach(annCanvas.board)
    relay(fay, ann)
    bob.setLocalStateField('summon', { seq: 9, viewport: away })
    relay(bob, ann)
    expect(annCanvas.viewport).toEqual({ x: 0, y: 0, scale: 1 })
    expect(annCanvas.follow.state?.following).toBeNull()
    annCanvas.follow.detach()
  })

  it('publishes its own viewport and the facilitator’s summon', () => {
    const fay = person('Fay', 'facilitate')
    const fayCanvas = canvas(fay, 1000, 700)
    fayCanvas.follow.attach(fayCanvas.board)
    expect(fay.getLocalState()?.viewport).toEqual({
      x: 0,
      y: 0,
      scale: 1,
      width: 1000,
      height: 700,
    })
    fayCanvas.follow.summonEveryone()
    const summon = fay.getLocalState()?.summon as { seq: number; viewport: unknown }
    expect(summon.viewport).toEqual({ x: 0, y: 0, scale: 1, width: 1000, height: 700 })
    fayCanvas.follow.summonEveryone()
    expect((fay.getLocalState()?.summon as { seq: number }).seq).toBeGreaterThan(summon.seq)
    fayCanvas.follow.detach()
  })
})

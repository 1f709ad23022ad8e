/**
 * The page side of the client-render benchmark (scenarios/client-render.ts bundles this with
 * Vite and loads it in headless Chromium). It mounts the real <sb-board-canvas> on a real
 * session whose Y.Doc is synced in-page with a second "remote" doc, seeds a board, and exposes
 * `window.renderBench` to drive panning and a remote drag frame by frame.
 */
import { ContextProvider } from '@lit/context'
import { LitElement, html } from 'lit'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { createGroup } from '../../core/board/commands/groups'
import { editText } from '../../core/board/commands/text'
import { revealNotes } from '../../core/board/commands/facilitation'
import { createNote, moveNotes } from '../../core/board/commands/notes'
import type { EpochMs } from '../../core/okr/okr-model'
import type { Note } from '../../core/board/board-model'
import { readNotes } from '../../core/board/read'
import { boardRoots } from '../../core/board/schema'
import type { BoardSession } from '../../client/board/board-context'
import { boardControllerContext } from '../../client/board/board-context'
import { BoardController } from '../../client/board/board-controller'
import '../../client/canvas/sb-board-canvas'
import type { SbBoardCanvas } from '../../client/canvas/sb-board-canvas'
import { NOTE_WIDTH } from '../../client/canvas/hit-test'

class BenchRoot extends LitElement {
  readonly provider = new ContextProvider(this, { context: boardControllerContext })
  protected override render() {
    return html`<slot></slot>`
  }
}
customElements.define('bench-root', BenchRoot)

export interface FrameSample {
  /** Input handling plus a synchronous draw of every layer, in ms. */
  readonly work: number
  /** Time since the previous animation frame, in ms (Konva drawing on its own schedule). */
  readonly interval: number
}

export interface RenderBenchApi {
  setup(notes: number, at: 'overview' | 'close-up'): Promise<{ setupMs: number; drawMs: number }>
  pan(frames: number, mode: 'work' | 'interval'): Promise<number[]>
  remoteDrag(frames: number, mode: 'work' | 'interval'): Promise<number[]>
  pngMs(): number
  /** The local doc's notes, for smoke checks driven from Playwright. */
  notes(): Note[]
  /** The remote peer: types into a note, creates a frame, moves its cursor and selection. */
  remoteType(id: string, index: number, text: string): void
  remoteFrame(id: string, x: number, y: number, w: number, h: number): void
  remotePresence(cursor: { x: number; y: number } | null, selection: string[]): void
  /** What the local user publishes in awareness. */
  localPresence(): unknown
  /** Re-provides the session with another role, as the shell does for a view link. */
  setRole(role: 'edit' | 'view'): Promise<void>
}

interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve))

let canvas: SbBoardCanvas | null = null
let remote: Y.Doc | null = null
let localDoc: Y.Doc | null = null
let remoteAwareness: Awareness | null = null
let currentSession: BoardSession | null = null
let currentBoard: BoardController | null = null
let benchRoot: BenchRoot | null = null
let dragged: string[] = []

function stageDiv(): HTMLElement {
  const div = canvas?.shadowRoot?.querySelector<HTMLElement>('.stage')
  if (!div) throw new Error('canvas not mounted')
  return div
}

function drawNow(): void {
  canvas?.stageForTests?.draw()
}

async function frames(
  count: number,
  mode: 'work' | 'interval',
  step: (i: number) => void,
): Promise<number[]> {
  const out: number[] = []
  let last = await nextFrame()
  for (let i = 0; i < count; i++) {
    const now = await nextFrame()
    if (mode === 'interval') {
      step(i)
      out.push(now - last)
    } else {
      const t0 = performance.now()
      step(i)
      drawNow()
      out.push(performance.now() - t0)
    }
    last = now
  }
  return out
}

/** The board as the page provides it: one controller per session, as the board page does. */
function provide(session: BoardSession): BoardController {
  currentBoard?.disconnect()
  currentBoard = new BoardController(session, { now: () => Date.now() as EpochMs })
  currentBoard.connect()
  return currentBoard
}

const api: RenderBenchApi = {
  async setup(notes, at) {
    const t0 = performance.now()
    const local = new Y.Doc()
    localDoc = local
    remote = new Y.Doc()
    const peer = remote
    // The two docs exchange updates synchronously, as a zero-latency relay would.
    local.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'relay') Y.applyUpdate(peer, u, 'relay')
    })
    peer.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'relay') Y.applyUpdate(local, u, 'relay')
    })
    const cols = Math.ceil(Math.sqrt(notes))
    const ids: string[] = []
    peer.transact(() => {
      for (let i = 0; i < notes; i++) {
        const id = `n${i}`
        ids.push(id)
        createNote(
          peer,
          {
            id,
            x: (i % cols) * (NOTE_WIDTH + 40),
            y: Math.floor(i / cols) * (NOTE_WIDTH + 40),
            author: 'remote',
            createdAt: i as EpochMs,
            text: `Idea ${i}: grow weekly active teams by ${i % 50}%`,
          },
          'seed',
        )
      }
    }, 'seed')
    // Twenty notes in the middle of the board, so they are on screen at either zoom.
    const middle = Math.floor(notes / 2 + cols / 2)
    dragged = ids.slice(Math.max(0, middle - 10), Math.max(0, middle - 10) + 20)
    const origin = {}
    const session: BoardSession = {
      boardId: 'bench',
      doc: local,
      awareness: new Awareness(local),
      undoManager: new Y.UndoManager(boardRoots(local), { trackedOrigins: new Set([origin]) }),
      identity: { id: 'me', name: 'Me', color: '#2563eb' },
      role: 'edit',
      origin,
    }
    // Notes read as revealed so text is drawn, the expensive case.
    revealNotes(peer, { revealed: true }, 'seed')
    // The remote peer's awareness reaches ours the way y-websocket would deliver it.
    remoteAwareness = new Awareness(peer)
    remoteAwareness.on('update', ({ added, updated, removed }: AwarenessChanges) => {
      const changed = [...added, ...updated, ...removed]
      const update = encodeAwarenessUpdate(remoteAwareness as Awareness, changed)
      applyAwarenessUpdate(session.awareness, update, 'relay')
    })
    currentSession = session
    const root = document.createElement('bench-root') as BenchRoot
    benchRoot = root
    root.provider.setValue(provide(session))
    root.style.cssText = 'display:block;width:1280px;height:800px'
    canvas = document.createElement('sb-board-canvas')
    root.append(canvas)
    document.body.append(root)
    await canvas.updateComplete
    await nextFrame()
    canvas.zoomToFit()
    await new Promise((r) => setTimeout(r, 400))
    if (at === 'close-up') {
      // Four notes side by side fill the screen at 100 %.
      canvas.focusNotes(dragged.slice(0, 4))
      await new Promise((r) => setTimeout(r, 400))
    }
    const setupMs = performance.now() - t0
    const t1 = performance.now()
    drawNow()
    return { setupMs, drawMs: performance.now() - t1 }
  },

  pan(count, mode) {
    const div = stageDiv()
    const box = div.getBoundingClientRect()
    return frames(count, mode, (i) => {
      // A steady two-finger scroll that reverses half way, so the board stays in view.
      const dir = i < count / 2 ? 1 : -1
      div.dispatchEvent(
        new WheelEvent('wheel', {
          deltaX: 9 * dir,
          deltaY: 5 * dir,
          clientX: box.left + box.width / 2,
          clientY: box.top + box.height / 2,
          bubbles: true,
          cancelable: true,
        }),
      )
    })
  },

  remoteDrag(count, mode) {
    const peer = remote
    if (!peer) throw new Error('not set up')
    return frames(count, mode, (i) => {
      const dir = i < count / 2 ? 1 : -1
      moveNotes(peer, { ids: dragged, dx: 6 * dir, dy: 3 * dir }, 'remote-user')
    })
  },

  remoteType(id, index, text) {
    if (remote)
      editText(
        remote,
        {
          collection: 'notes',
          id,
          delta: index > 0 ? [{ retain: index }, { insert: text }] : [{ insert: text }],
        },
        'remote-user',
      )
  },

  remoteFrame(id, x, y, w, h) {
    if (remote) createGroup(remote, { id, x, y, w, h, title: 'Remote frame' }, 'remote-user')
  },

  remotePresence(cursor, selection) {
    remoteAwareness?.setLocalState({
      user: { id: 'bo', name: 'Bo', color: '#db2777' },
      cursor,
      selection,
    })
  },

  localPresence() {
    return currentSession?.awareness.getLocalState() ?? null
  },

  async setRole(role) {
    if (!currentSession || !benchRoot) return
    currentSession = { ...currentSession, role }
    benchRoot.provider.setValue(provide(currentSession))
    await nextFrame()
  },

  notes() {
    return localDoc ? readNotes(localDoc) : []
  },

  pngMs() {
    const t0 = performance.now()
    canvas?.toPNG(1)
    return performance.now() - t0
  },
}

declare global {
  interface Window {
    renderBench: RenderBenchApi
  }
}
window.renderBench = api

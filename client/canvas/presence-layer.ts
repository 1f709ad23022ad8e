/**
 * Remote cursors on the cursor layer, and remote selections handed to the scene's overlay.
 * Cursors keep a constant on-screen size whatever the zoom, and are never culled: seeing where
 * a colleague points is the point of a shared board.
 */
import Konva from 'konva'
import type { BoardScene } from './board-scene'
import type { OutlineSet } from './overlay-shapes'
import { displayName, type RemotePresence } from './presence-state'

export class PresenceLayer {
  private readonly cursors = new Map<number, Konva.Group>()
  private peers = new Map<number, RemotePresence>()

  constructor(private readonly scene: BoardScene) {}

  update(peers: Map<number, RemotePresence>): void {
    this.peers = peers
    for (const [clientId, node] of this.cursors) {
      if (peers.get(clientId)?.cursor) continue
      node.destroy()
      this.cursors.delete(clientId)
    }
    const inverse = 1 / this.scene.viewport.scale
    for (const [clientId, p] of peers) {
      if (!p.cursor) continue
      let node = this.cursors.get(clientId)
      if (!node) {
        node = cursorNode()
        this.cursors.set(clientId, node)
        this.scene.cursorLayer.add(node)
      }
      node.position(p.cursor)
      node.scale({ x: inverse, y: inverse })
      node.findOne<Konva.Path>('.arrow')?.fill(p.user.color)
      node.findOne<Konva.Tag>('.tag')?.fill(p.user.color)
      node.findOne<Konva.Text>('.name')?.text(displayName(p))
    }
    const sets: OutlineSet[] = []
    for (const p of peers.values()) {
      if (p.selection.length > 0)
        sets.push({ ids: p.selection, color: p.user.color, label: displayName(p) })
    }
    this.scene.setRemoteSelections(sets)
  }

  /** Re-applies the constant screen size after a zoom. */
  rescale(): void {
    const inverse = 1 / this.scene.viewport.scale
    for (const node of this.cursors.values()) node.scale({ x: inverse, y: inverse })
  }

  get peerCount(): number {
    return this.peers.size
  }
}

function cursorNode(): Konva.Group {
  const g = new Konva.Group({ name: 'cursor', listening: false })
  g.add(
    new Konva.Path({
      name: 'arrow',
      data: 'M0 0 L0 16 L4.5 12 L7.5 19 L10 18 L7 11 L12.5 11 Z',
      stroke: '#ffffff',
      strokeWidth: 1,
    }),
  )
  const label = new Konva.Label({ x: 12, y: 18 })
  label.add(new Konva.Tag({ name: 'tag', cornerRadius: 4 }))
  label.add(
    new Konva.Text({
      name: 'name',
      padding: 4,
      fontSize: 12,
      fill: '#ffffff',
      fontFamily: 'system-ui, sans-serif',
    }),
  )
  g.add(label)
  return g
}

// A snapshot merged into a live board over HTTP is judged like a socket's update when its
// route passes the link's role (importOrigin): an edit link's snapshot that changes the phase
// is refused whole, a facilitator's passes, and an import without a role is not judged.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Room } from '../../server/relay/room'
import { importOrigin, RoleRefusedError } from '../../server/relay/update-gate'
import { MemoryStore } from '../../server/storage/memory-store'
import { issueTokens } from '../../server/storage/tokens'
import { roomOptions } from '../helpers/relay'

async function liveBoard(): Promise<{ room: Room; snapshot: Uint8Array }> {
  const store = new MemoryStore()
  const { editTokenHash, viewTokenHash } = issueTokens()
  await store.createBoard({ id: 'b', title: 'b', createdAt: 0, editTokenHash, viewTokenHash })
  const seed = new Y.Doc()
  seed.getMap('meta').set('phase', 'brainstorm')
  await store.appendUpdate('b', Y.encodeStateAsUpdate(seed))
  const room = await Room.load('b', roomOptions(store))
  // A backup of the board from elsewhere, in which someone moved to the vote.
  seed.getMap('meta').set('phase', 'vote')
  return { room, snapshot: Y.encodeStateAsUpdate(seed) }
}

describe('snapshot imports and roles', () => {
  it('refuses an edit link’s snapshot that changes the phase, and stores none of it', async () => {
    const { room, snapshot } = await liveBoard()
    const refused = await room
      .importUpdate(snapshot, importOrigin({ role: 'edit', member: null }))
      .then(
        () => null,
        (error: unknown) => error,
      )
    expect(refused).toBeInstanceOf(RoleRefusedError)
    expect((refused as Error).message).toBe('Only a facilitator can change the phase (meta.phase)')
    expect(room.doc.getMap('meta').get('phase')).toBe('brainstorm')
    room.destroy()
  })

  it('merges the same snapshot from a facilitator, or from an import that names no role', async () => {
    for (const origin of [importOrigin({ role: 'facilitate', member: null }), 'snapshot-import']) {
      const { room, snapshot } = await liveBoard()
      await room.importUpdate(snapshot, origin)
      expect(room.doc.getMap('meta').get('phase')).toBe('vote')
      room.destroy()
    }
  })
})

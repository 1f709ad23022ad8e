// Reactions on the relay: a stock y-websocket client with an edit link writes its own member's
// reactions in every phase, and is closed 4403 when it writes someone else's, nothing of that
// stored or broadcast; a view link's reaction is dropped.
import { afterEach, describe, expect, it } from 'vitest'
import { toggleReaction } from '../../core/board/commands/index'
import { readReactions } from '../../core/board/reactions'
import { synced } from '../helpers/clients'
import { waitFor } from '../helpers/server'
import { cleanupsAfter } from '../helpers/cleanups'
import { afterMarker, boardJson, join, openRoleBoard, ORIGIN } from './role-enforcement-board'

const cleanups = cleanupsAfter(afterEach)

describe('reactions on the relay', () => {
  it('passes an editor’s own reaction during the vote and refuses a forged one (4403)', async () => {
    const room = await openRoleBoard(cleanups, 'vote')
    const ann = join(room.server, room.board, room.board.editToken, 'ann', cleanups)
    await synced(ann)
    toggleReaction(ann.doc, { noteId: 'n-bob', member: 'ann', emoji: '👍' }, ORIGIN)
    await waitFor(() => readReactions(room.observer.doc).get('n-bob')?.get('👍')?.length === 1, {
      what: 'ann’s own reaction reaches the observer',
    })
    expect(ann.list).toEqual([])

    const before = boardJson(room.observer.doc)
    const reactionsBefore = JSON.stringify(room.observer.doc.getMap('reactions').toJSON())
    toggleReaction(ann.doc, { noteId: 'n-ann', member: 'bob', emoji: '🔥' }, ORIGIN)
    await waitFor(() => ann.list.length > 0, { what: 'the relay closes the socket' })
    expect(ann.list[0]).toEqual({
      code: 4403,
      reason: "Only a facilitator can change another person's reactions (reactions.bob)",
    })
    const after = await afterMarker(room, 'mark')
    expect(after).toEqual({ broadcast: before, stored: before })
    expect(JSON.stringify(room.observer.doc.getMap('reactions').toJSON())).toBe(reactionsBefore)
    expect(readReactions(room.observer.doc).get('n-ann')).toBeUndefined()
  })

  it('drops a view link’s reaction', async () => {
    const room = await openRoleBoard(cleanups)
    const guest = join(room.server, room.board, room.board.viewToken, 'guest', cleanups)
    await synced(guest)
    toggleReaction(guest.doc, { noteId: 'n-ann', member: 'guest', emoji: '😂' }, ORIGIN)
    await afterMarker(room, 'mark')
    expect(room.observer.doc.getMap('reactions').size).toBe(0)
  })
})

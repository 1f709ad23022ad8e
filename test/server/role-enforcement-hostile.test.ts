// Updates shaped to slip past the role check, sent byte by byte on a raw socket with an edit
// link: each gets a clear answer (refused 4403 or 1007 with the reason, or stored as the
// garbage Yjs makes of it), and nothing facilitator-only reaches the board.
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeSyncStep2FromUpdate, encodeUpdate } from '../../server/relay/protocol'
import { openSocket, type OpenSocket } from '../helpers/clients'
import { cleanupsAfter } from '../helpers/cleanups'
import { afterMarker, boardJson, openRoleBoard, type RoleBoard } from './role-enforcement-board'

const cleanups = cleanupsAfter(afterEach)

const ANY = 8
const HAS_ORIGIN = 128
const HAS_PARENT_SUB = 32

/** A raw edit-link socket as ann, past its first sync step 2 (so nothing is held back). */
async function annSocket(room: RoleBoard): Promise<OpenSocket> {
  const token = `${room.board.editToken}&member=ann`
  const socket = await openSocket(room.server.wsUrl, room.board.id, token)
  cleanups.push(() => socket.ws.close())
  socket.ws.send(encodeSyncStep2FromUpdate(Y.encodeStateAsUpdate(new Y.Doc())))
  return socket
}

/** One ContentAny struct of client 777 holding `value`, after `header` writes its placement. */
function oneStruct(info: number, header: (e: encoding.Encoder) => void, value: unknown) {
  const e = encoding.createEncoder()
  for (const n of [1, 1, 777, 0]) encoding.writeVarUint(e, n) // 1 client, 1 struct, id 777:0
  encoding.writeUint8(e, info | ANY)
  header(e)
  encoding.writeVarUint(e, 1)
  encoding.writeAny(e, value as string)
  encoding.writeVarUint(e, 0) // no deletes
  return encoding.toUint8Array(e)
}

function phaseItem(room: RoleBoard): Y.ID {
  const meta = room.observer.doc.getMap('meta') as unknown as { _map: Map<string, Y.Item> }
  return meta._map.get('phase')!.id
}

describe('hostile updates against the role check', () => {
  it('refuses a meta.phase write that names no parent, only the old value as its origin', async () => {
    const room = await openRoleBoard(cleanups)
    const before = boardJson(room.observer.doc)
    const { ws, closed } = await annSocket(room)
    const origin = phaseItem(room)
    const update = oneStruct(
      HAS_ORIGIN,
      (e) => {
        encoding.writeVarUint(e, origin.client)
        encoding.writeVarUint(e, origin.clock)
      },
      'vote',
    )
    // What Yjs would make of it: the phase, moved to the vote.
    const probe = new Y.Doc()
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(room.observer.doc))
    Y.applyUpdate(probe, update)
    expect(probe.getMap('meta').get('phase')).toBe('vote')
    ws.send(encodeUpdate(update))
    expect(await closed).toEqual({
      code: 4403,
      reason: 'Only a facilitator can change the phase (meta.phase)',
    })
    expect(await afterMarker(room, 'mark')).toEqual({ broadcast: before, stored: before })
  })

  it('answers a struct whose parent the board does not have with 1007, and stores nothing', async () => {
    const room = await openRoleBoard(cleanups)
    const before = boardJson(room.observer.doc)
    const { ws, closed } = await annSocket(room)
    const update = oneStruct(
      HAS_PARENT_SUB,
      (e) => {
        for (const n of [0, 4242, 99]) encoding.writeVarUint(e, n) // parent: item 4242:99
        encoding.writeVarString(e, 'phase')
      },
      'vote',
    )
    ws.send(encodeUpdate(update))
    const close = await closed
    expect(close.code).toBe(1007)
    expect(close.reason).toMatch(/refers to content this board does not have \(client 4242/)
    expect(await afterMarker(room, 'mark')).toEqual({ broadcast: before, stored: before })
  })

  it('lets through what Yjs stores as garbage: a key written under an item that holds no type', async () => {
    const room = await openRoleBoard(cleanups)
    const before = boardJson(room.observer.doc)
    const socket = await annSocket(room)
    const parent = phaseItem(room)
    const update = oneStruct(
      HAS_PARENT_SUB,
      (e) => {
        for (const n of [0, parent.client, parent.clock]) encoding.writeVarUint(e, n)
        encoding.writeVarString(e, 'phase')
      },
      'vote',
    )
    socket.ws.send(encodeUpdate(update))
    expect(await afterMarker(room, 'mark')).toEqual({ broadcast: before, stored: before })
    expect(socket.ws.readyState).toBe(socket.ws.OPEN)
  })

  it('refuses a delete range spanning several roots, naming the first refused place', async () => {
    const room = await openRoleBoard(cleanups)
    const before = boardJson(room.observer.doc)
    const { ws, closed } = await annSocket(room)
    const client = room.facilitator.doc.clientID
    const e = encoding.createEncoder()
    for (const n of [0, 1, client, 1, 0, Y.getState(room.observer.doc.store, client)]) {
      encoding.writeVarUint(e, n) // no structs; one client's deletes: [0, state)
    }
    ws.send(encodeUpdate(encoding.toUint8Array(e)))
    const close = await closed
    expect(close.code).toBe(4403)
    expect(close.reason).toMatch(/^Only a facilitator can .* \(meta\.\w+\)$/)
    expect(await afterMarker(room, 'mark')).toEqual({ broadcast: before, stored: before })
  })

  it('refuses a meta write hidden inside a 5,000-struct update across several roots', async () => {
    const room = await openRoleBoard(cleanups)
    const before = boardJson(room.observer.doc)
    const { ws, closed } = await annSocket(room)
    const author = new Y.Doc()
    Y.applyUpdate(author, Y.encodeStateAsUpdate(room.observer.doc))
    const from = Y.encodeStateVector(author)
    const notes = author.getMap('notes')
    for (let i = 0; i < 600; i++) {
      if (i === 300) author.getMap('meta').set('votesRevealed', true)
      const note = new Y.Map<unknown>()
      notes.set(`big-${i}`, note)
      for (const key of ['x', 'y', 'color', 'author', 'groupId', 'createdAt']) note.set(key, i)
      note.set('text', new Y.Text(`note ${i}`))
      author.getMap('initiatives').set(`filler-${i}`, i)
    }
    const update = Y.encodeStateAsUpdate(author, from)
    expect(Y.decodeUpdate(update).structs.length).toBeGreaterThan(5000)
    ws.send(encodeUpdate(update))
    expect(await closed).toEqual({
      code: 4403,
      reason: 'Only a facilitator can reveal or hide the votes (meta.votesRevealed)',
    })
    expect(await afterMarker(room, 'mark')).toEqual({ broadcast: before, stored: before })
  })
})

// Private-room bindings (server/relay/private-directory.ts): the first member to use a key
// owns its room, the key is stored only hashed, a board's rooms are bounded and listed.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { directoryId, PrivateDirectory, privateRoomId } from '../../server/relay/private-directory'
import { MemoryStore } from '../../server/storage/memory-store'
import { hashToken } from '../../server/storage/tokens'

const key = () => randomBytes(32).toString('base64url')

describe('PrivateDirectory', () => {
  it('binds a key to its first member, refuses another, and lists the rooms', async () => {
    const store = new MemoryStore()
    const directory = new PrivateDirectory(store, () => 7)
    const [ann, cat] = [key(), key()]
    const bound = await directory.bind('b1', ann, 'ann')
    expect(bound).toEqual({ roomId: privateRoomId('b1', ann), member: 'ann' })
    expect(await directory.bind('b1', ann, 'ann')).toEqual(bound)
    expect(await directory.bind('b1', ann, 'bob')).toBe('taken')
    // Concurrent first uses of one key: exactly one member gets it.
    const race = await Promise.all([
      directory.bind('b1', cat, 'cat'),
      directory.bind('b1', cat, 'eve'),
    ])
    expect(race.filter((r) => r === 'taken')).toHaveLength(1)
    expect((await directory.list('b1')).map((e) => e.member).sort()).toEqual(['ann', 'cat'])
    expect(await directory.list('b2')).toEqual([])

    // Only hashes are stored: the room's id holds 32 hex digits of sha256(key), its record the
    // full hash, and nothing stored anywhere holds the key.
    const record = await store.getBoard(privateRoomId('b1', ann))
    expect(record).toMatchObject({ editTokenHash: hashToken(ann), title: '' })
    expect(privateRoomId('b1', ann)).toBe(`b1~p~${hashToken(ann).slice(0, 32)}`)
    const stored = await store.loadDoc(directoryId('b1'))
    const bytes = Buffer.concat([...stored.updates, ...(stored.snapshot ? [stored.snapshot] : [])])
    expect(bytes.includes(ann)).toBe(false)
    expect(JSON.stringify(record)).not.toContain(ann)
  })

  it('refuses a new room past the bound, and still lets bound members in', async () => {
    const directory = new PrivateDirectory(new MemoryStore(), () => 7)
    const first = key()
    await directory.bind('b1', first, 'ann', 2)
    await directory.bind('b1', key(), 'bob', 2)
    expect(await directory.bind('b1', key(), 'cat', 2)).toBe('full')
    expect(await directory.bind('b1', first, 'ann', 2)).toMatchObject({ member: 'ann' })
  })
})

import { describe, expect, it } from 'vitest'
import { FailingStore, InjectedStorageError } from '../../helpers/failing-store'
import { MemoryStore } from '../../../server/storage/memory-store'
import { boardRecord, seededBytes } from './contract'

async function setup() {
  const store = new FailingStore(new MemoryStore())
  await store.createBoard(boardRecord('b'))
  return store
}

describe('FailingStore', () => {
  it('passes calls through while healthy', async () => {
    const store = await setup()
    expect(await store.appendUpdate('b', seededBytes(1, 4))).toBe(1)
    expect(store.injectedFailures).toBe(0)
  })

  it('fails the chosen methods with a SQLite-like code until healed, storing nothing', async () => {
    const store = await setup()
    store.failWith('SQLITE_FULL', { methods: ['appendUpdate'] })
    const failure = store.appendUpdate('b', seededBytes(1, 4))
    await expect(failure).rejects.toThrow(InjectedStorageError)
    await expect(failure).rejects.toMatchObject({ code: 'SQLITE_FULL', method: 'appendUpdate' })
    expect((await store.loadDoc('b')).updates).toEqual([])

    store.heal()
    expect(await store.appendUpdate('b', seededBytes(2, 4))).toBe(1)
    expect(store.injectedFailures).toBe(1)
  })

  it('fails every method but close when no methods are named', async () => {
    const store = await setup()
    store.failWith('SQLITE_BUSY')
    await expect(store.getBoard('b')).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    await expect(store.stats()).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    await expect(store.close()).resolves.toBeUndefined()
  })

  it('can report failure after the inner store committed (an ambiguous commit)', async () => {
    const store = await setup()
    store.failWith('SQLITE_IOERR', { methods: ['appendUpdate'], when: 'after' })
    await expect(store.appendUpdate('b', seededBytes(1, 4))).rejects.toThrow(InjectedStorageError)
    expect((await store.inner.loadDoc('b')).updates).toEqual([seededBytes(1, 4)])
  })

  it('heals by itself after the given number of failures', async () => {
    const store = await setup()
    store.failWith('SQLITE_BUSY', { times: 2 })
    await expect(store.appendUpdate('b', seededBytes(1, 4))).rejects.toThrow()
    await expect(store.appendUpdate('b', seededBytes(1, 4))).rejects.toThrow()
    expect(await store.appendUpdate('b', seededBytes(1, 4))).toBe(1)
    expect(store.injectedFailures).toBe(2)
  })

  it('holds the chosen calls until released, then runs them in order', async () => {
    const store = await setup()
    store.hold({ methods: ['appendUpdate'] })
    const done: number[] = []
    const first = store.appendUpdate('b', seededBytes(1, 4)).then((seq) => done.push(seq))
    const second = store.appendUpdate('b', seededBytes(2, 4)).then((seq) => done.push(seq))
    // Other methods are not held.
    expect((await store.loadDoc('b')).updates).toEqual([])
    expect(store.heldCalls).toBe(2)
    expect(done).toEqual([])

    store.release()
    await Promise.all([first, second])
    expect(done).toEqual([1, 2])
    expect(store.heldCalls).toBe(0)
    expect((await store.loadDoc('b')).updates).toEqual([seededBytes(1, 4), seededBytes(2, 4)])
  })
})

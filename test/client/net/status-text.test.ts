import { describe, expect, it } from 'vitest'
import { describeConnection } from '../../../client/net/status-text'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { ConnectionInfo } from '../../../client/board/board-context'
import { messageStorageStatus, readStorageStatus } from '../../../client/net/storage-status'
import { encodeStorageStatus } from '../../../server/relay/protocol'

const info = (patch: Partial<ConnectionInfo>): ConnectionInfo => ({
  status: 'online',
  pending: 0,
  localLoaded: true,
  serverSynced: true,
  refused: null,
  ...patch,
})

describe('describeConnection', () => {
  it('says how many changes are only on this device', () => {
    expect(describeConnection(info({ status: 'offline', pending: 1 }))).toEqual({
      label: 'Offline',
      detail: '1 change saved on this device, not yet on the server',
    })
    expect(describeConnection(info({ status: 'syncing', pending: 3 })).detail).toBe(
      '3 changes not yet confirmed',
    )
    expect(describeConnection(info({})).label).toBe('Online')
  })

  it('puts a refusal by the server first', () => {
    expect(describeConnection(info({ refused: 'token rotated' }))).toEqual({
      label: 'Disconnected',
      detail: 'token rotated',
    })
  })
})

describe('the server storage status (message 100)', () => {
  it('says "Not saved" while the server cannot store, whatever the socket says', () => {
    const failing = info({ status: 'online', serverStorage: { saved: false, unsaved: 3 } })
    expect(describeConnection(failing)).toEqual({
      label: 'Not saved',
      detail:
        'The server cannot save right now and holds 3 changes in memory; it keeps retrying, ' +
        'and this device keeps your changes',
    })
    expect(describeConnection(info({ serverStorage: { saved: true, unsaved: 0 } })).label).toBe(
      'Online',
    )
    // Offline, the device is what holds the changes: the server's word is stale.
    expect(
      describeConnection(info({ status: 'offline', serverStorage: { saved: false, unsaved: 1 } }))
        .label,
    ).toBe('Offline')
  })

  it('reads the relay message and ignores what it does not understand', () => {
    const body = (...numbers: number[]) => {
      const encoder = encoding.createEncoder()
      for (const n of numbers) encoding.writeVarUint(encoder, n)
      return decoding.createDecoder(encoding.toUint8Array(encoder))
    }
    expect(readStorageStatus(body(0, 7))).toEqual({ saved: false, unsaved: 7 })
    expect(readStorageStatus(body(1, 0))).toEqual({ saved: true, unsaved: 0 })
    expect(readStorageStatus(body(5, 1))).toBeNull()
    expect(readStorageStatus(body(0))).toBeNull()
  })

  it('is what the relay encodes', () => {
    const message = encodeStorageStatus(false, 12)
    const decoder = decoding.createDecoder(message)
    expect(decoding.readVarUint(decoder)).toBe(messageStorageStatus)
    expect(readStorageStatus(decoder)).toEqual({ saved: false, unsaved: 12 })
  })
})

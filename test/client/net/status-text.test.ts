import { describe, expect, it } from 'vitest'
import { describeConnection } from '../../../client/net/status-text'
import type { ConnectionInfo } from '../../../client/context'

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

// What a person reads when the relay refuses a change their link's role may not make (4403),
// beside the other permanent closes, which keep showing the relay's reason as it is.
import { describe, expect, it } from 'vitest'
import { describeConnection, refusalText } from '../../../client/net/status-text'

describe('refusalText', () => {
  it('says why a change was refused and that it stayed on this device', () => {
    const text = refusalText(4403, 'Only a facilitator can change the phase (meta.phase)')
    expect(text).toBe(
      'Only a facilitator can change the phase (meta.phase). The board refused this change: ' +
        'it is on this device only; ask a facilitator.',
    )
    expect(
      describeConnection({
        status: 'offline',
        pending: 1,
        localLoaded: true,
        serverSynced: true,
        refused: text,
      }),
    ).toEqual({ label: 'Disconnected', detail: text })
  })

  it('keeps other closes as the relay words them, or names the code when it gave no reason', () => {
    expect(refusalText(4413, 'board is full (0.1 MiB limit)')).toBe('board is full (0.1 MiB limit)')
    expect(refusalText(4401, '')).toBe('The server closed the connection (4401).')
    expect(refusalText(4403, '')).toMatch(/^This link may not make that change\. The board/)
  })
})

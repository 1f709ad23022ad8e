import { describe, expect, it } from 'vitest'
import type { ConnectionInfo } from '../../../client/board/board-context'
import { CombinedStatus } from '../../../client/net/combined-status'

class FakeBoard extends EventTarget {
  snapshot: ConnectionInfo = {
    status: 'online',
    pending: 0,
    localLoaded: true,
    serverSynced: true,
    refused: null,
  }
}

class FakeRoom extends EventTarget {
  pending = 0
}

describe('the status chip over the board and the private room', () => {
  it('adds the private room’s unsent changes and says syncing while connected', () => {
    const board = new FakeBoard()
    const room = new FakeRoom()
    const status = new CombinedStatus(board, room)
    expect(status.snapshot).toBe(board.snapshot)
    room.pending = 2
    expect(status.snapshot).toMatchObject({ status: 'syncing', pending: 2 })
    board.snapshot = { ...board.snapshot, status: 'offline', pending: 1 }
    expect(status.snapshot).toMatchObject({ status: 'offline', pending: 3 })
  })

  it('tells the chip when either changes, until destroyed', () => {
    const board = new FakeBoard()
    const room = new FakeRoom()
    const status = new CombinedStatus(board, room)
    let changes = 0
    status.addEventListener('change', () => changes++)
    board.dispatchEvent(new Event('change'))
    room.dispatchEvent(new Event('change'))
    expect(changes).toBe(2)
    status.destroy()
    room.dispatchEvent(new Event('change'))
    expect(changes).toBe(2)
  })
})

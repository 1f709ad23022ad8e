/**
 * Holds a board in memory for the duration of one REST call, the way a socket does, so it is
 * loaded once, shared with live peers, and unloaded after (once flushed).
 */
import { RoomUnsafeError, type Room } from '../relay/room'
import type { AppDeps } from './deps'
import { BoardTooLargeError } from '../relay/board-size'
import { ApiError } from './errors'

/** A board that cannot be loaded (storage failing) is a 503, not a 500. */
export async function withBoard<T>(
  deps: AppDeps,
  boardId: string,
  use: (room: Room) => T | Promise<T>,
): Promise<T> {
  let room: Room
  try {
    room = await deps.relay.rooms.acquire(boardId)
  } catch (error) {
    if (error instanceof BoardTooLargeError)
      throw new ApiError(413, 'board-too-large', error.message)
    deps.logger.error({ err: error, boardId }, 'board could not be loaded')
    throw new ApiError(503, 'storage-unavailable', 'the board could not be loaded; try again')
  }
  try {
    // Never answer from a doc that threw (room.ts): the board is being reloaded.
    if (room.unsafe) throw new RoomUnsafeError()
    return await use(room)
  } catch (error) {
    if (error instanceof RoomUnsafeError) throw new ApiError(503, 'board-reloading', error.message)
    throw error
  } finally {
    deps.relay.rooms.release(boardId, room)
  }
}

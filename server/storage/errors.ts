/**
 * Errors every store adapter throws for the same situations, so the relay can map them to
 * HTTP statuses and retry decisions without knowing which database is behind the interface.
 */

/** The board id is not in the store (appending to or renaming a board nobody created). */
export class UnknownBoardError extends Error {
  override readonly name = 'UnknownBoardError'
  constructor(readonly boardId: string) {
    super(`unknown board '${boardId}'`)
  }
}

/** `createBoard` was called with an id that already exists; the stored board is unchanged. */
export class BoardExistsError extends Error {
  override readonly name = 'BoardExistsError'
  constructor(readonly boardId: string) {
    super(`board '${boardId}' already exists`)
  }
}

/** The store was closed; nothing was read or written. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError'
  constructor() {
    super('the board store is closed')
  }
}

/** An argument the store refuses before touching the database (wrong type, empty, out of range). */
export class InvalidStoreInputError extends TypeError {
  override readonly name = 'InvalidStoreInputError'
}

/**
 * Schema history of the SQLite store, applied in order and recorded in `PRAGMA user_version`.
 * Append new steps; never edit a shipped one, because files in the field already ran it.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edit_token_hash TEXT NOT NULL,
    view_token_hash TEXT NOT NULL
  ) STRICT;

  -- A plain rowid table, not WITHOUT ROWID: rows hold BLOBs of up to several MB, which SQLite
  -- stores badly inside a clustered index.
  CREATE TABLE updates (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) STRICT;

  CREATE TABLE snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    data BLOB NOT NULL,
    up_to_seq INTEGER NOT NULL
  ) STRICT;
  `,
  // Issue 15: the facilitate link. Boards created before it have none (NULL).
  `ALTER TABLE boards ADD COLUMN facilitate_token_hash TEXT;`,
]

/** 'STBD': marks the file as a Stretchboard database so we never migrate someone else's. */
export const SQLITE_APPLICATION_ID = 0x53544244

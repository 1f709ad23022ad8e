/**
 * Schema history of the PostgreSQL store, recorded in `stretchboard_migrations`. Append new
 * steps; never edit a shipped one.
 *
 * Unlike the SQLite schema, `boards.last_seq` holds the last handed-out seq: incrementing it
 * locks the board's row, which is what orders concurrent appends from several relay nodes.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id text PRIMARY KEY,
    title text NOT NULL,
    created_at bigint NOT NULL,
    edit_token_hash text NOT NULL,
    view_token_hash text NOT NULL,
    last_seq bigint NOT NULL DEFAULT 0
  );

  CREATE TABLE updates (
    board_id text NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (board_id, seq)
  );

  CREATE TABLE snapshots (
    board_id text PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    data bytea NOT NULL,
    up_to_seq bigint NOT NULL
  );
  `,
  // Issue 15: the facilitate link. Boards created before it have none (NULL).
  `ALTER TABLE boards ADD COLUMN facilitate_token_hash text;`,
]

/** First key of every advisory lock we take, so ours never collide with another app's. */
export const ADVISORY_LOCK_NAMESPACE = 0x53544244

/**
 * Board files across the schema bump: a file written by schema 1 (fixture from e11ef49) still
 * imports, and a migrated board — whose converted texts carry client ids above 2^32 — exports
 * a file that imports and reads the same.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import { SCHEMA_VERSION } from '../../../core/board/schema'
import { checkBoardFile, encodeBoardFile } from '../../../client/board/board-file'

const V1_FILE = new Uint8Array(
  readFileSync(join(__dirname, '../../core/board/fixtures-v1/v1-board.stretchboard')),
)

describe('board files and schema 2', () => {
  it('imports a schema-1 file', () => {
    expect(checkBoardFile(V1_FILE)).toBe(V1_FILE)
  })

  it('exports a migrated board as a file that imports and reads the same', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, V1_FILE)
    migrate(doc, 'test')
    const clients = [...doc.store.clients.keys()]
    expect(clients.some((client) => client >= 2 ** 32)).toBe(true)

    const file = checkBoardFile(encodeBoardFile(doc))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, file)
    expect(readBoard(copy)).toEqual(readBoard(doc))
    expect(readBoard(copy).meta.schemaVersion).toBe(SCHEMA_VERSION)
  })
})

/**
 * The PostgreSQL contract suite runs when DATABASE_URL is set (CI starts the server with
 * scripts/services.sh). Each test gets its own schema, dropped afterwards. The configuration
 * checks below need no server and always run.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { PostgresStore } from '../../../server/storage/postgres-store'
import { InvalidStoreInputError } from '../../../server/storage/errors'
import { describeStoreContract } from './contract'

const url = process.env['DATABASE_URL']

describe('PostgresStore configuration', () => {
  it('refuses a schema name that could inject SQL', async () => {
    await expect(
      PostgresStore.open({ connectionString: 'postgres://u@127.0.0.1/db', schema: 'x; DROP' }),
    ).rejects.toThrow(InvalidStoreInputError)
  })

  it('refuses a URL that is not postgres://', async () => {
    await expect(PostgresStore.open({ connectionString: 'mysql://u@h/db' })).rejects.toThrow(
      /postgres:\/\//,
    )
    await expect(PostgresStore.open({ connectionString: 'not a url' })).rejects.toThrow(
      InvalidStoreInputError,
    )
  })

  it('rejects open with the connection error when the server is unreachable', async () => {
    // Port 1 on loopback: nothing listens there, so the refusal is immediate.
    await expect(
      PostgresStore.open({
        connectionString: 'postgres://u:p@127.0.0.1:1/db',
        connectTimeoutMs: 2000,
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})

if (url) {
  describeStoreContract('postgres', async () => {
    const schema = `sb_test_${randomUUID().replaceAll('-', '')}`
    return {
      open: () => PostgresStore.open({ connectionString: url, schema, maxConnections: 4 }),
      destroy: async () => {
        const admin = new pg.Client({ connectionString: url })
        await admin.connect()
        try {
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        } finally {
          await admin.end()
        }
      },
    }
  })
}

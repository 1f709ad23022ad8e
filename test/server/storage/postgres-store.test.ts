/**
 * The PostgreSQL contract suite runs when DATABASE_URL is set (CI starts the server with
 * scripts/services.sh). Each test gets its own schema, dropped afterwards. The configuration
 * checks below need no server and always run.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PostgresStore } from '../../../server/storage/postgres-store'
import { InvalidStoreInputError } from '../../../server/storage/errors'
import { boardRecord, describeStoreContract, seededBytes } from './contract'
import { payload } from './fixtures/append-child'
import { appendThenKill, missingAcks } from './fixtures/kill-child'

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

async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString })
  await admin.connect()
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  } finally {
    await admin.end()
  }
}

function freshSchema(): string {
  return `sb_test_${randomUUID().replaceAll('-', '')}`
}

if (url) {
  describeStoreContract('postgres', async () => {
    const schema = freshSchema()
    return {
      open: () => PostgresStore.open({ connectionString: url, schema, maxConnections: 4 }),
      destroy: () => dropSchema(url, schema),
    }
  })

  describe('PostgresStore with a real server', () => {
    const schemas: string[] = []
    afterEach(async () => {
      for (const schema of schemas.splice(0)) await dropSchema(url, schema)
    })

    it('keeps every append that resolved before its process was killed with SIGKILL', async () => {
      const schema = freshSchema()
      schemas.push(schema)
      const acked = await appendThenKill(['postgres', url, schema], 150)
      const store = await PostgresStore.open({ connectionString: url, schema })
      try {
        const stored = await store.loadDoc('kill')
        expect(stored.updates.length).toBeGreaterThanOrEqual(acked.size)
        expect(missingAcks(acked, stored.updates, payload)).toEqual([])
      } finally {
        await store.close()
      }
    })

    it('hands out gapless seqs in commit order to appends racing from two pools', async () => {
      const schema = freshSchema()
      schemas.push(schema)
      const nodes = await Promise.all(
        [1, 2].map(() => PostgresStore.open({ connectionString: url, schema, maxConnections: 5 })),
      )
      try {
        const [a, b] = nodes as [PostgresStore, PostgresStore]
        await a.createBoard(boardRecord('race'))
        const seqs = await Promise.all(
          Array.from({ length: 60 }, (_, i) =>
            (i % 2 ? a : b).appendUpdate('race', seededBytes(i + 1, 8)),
          ),
        )
        expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
      } finally {
        for (const node of nodes) await node.close()
      }
    })

    it('survives the server dropping its connections and goes on storing', async () => {
      const schema = freshSchema()
      schemas.push(schema)
      const applicationName = `sb-test-${randomUUID()}`
      const errors: Error[] = []
      const store = await PostgresStore.open({
        connectionString: url,
        schema,
        applicationName,
        onConnectionError: (error) => errors.push(error),
      })
      try {
        await store.createBoard(boardRecord('b'))
        await store.appendUpdate('b', seededBytes(1, 10))
        const idleBefore = store.connections().idle
        expect(idleBefore).toBeGreaterThan(0)

        // What a PostgreSQL restart or failover does to every open connection.
        const admin = new pg.Client({ connectionString: url })
        await admin.connect()
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        )
        await admin.end()
        await vi.waitFor(() => expect(errors.length).toBe(idleBefore), { timeout: 5000 })

        expect(await store.appendUpdate('b', seededBytes(2, 10))).toBe(2)
        expect((await store.loadDoc('b')).updates).toEqual([seededBytes(1, 10), seededBytes(2, 10)])
      } finally {
        await store.close()
      }
    })
  })
}

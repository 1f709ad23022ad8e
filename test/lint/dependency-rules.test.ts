// The architecture rules live in eslint.config.js; this suite proves they bite, by linting
// deliberate violations as if they sat in each folder.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('dependency direction', () => {
  it.each([
    ["import { readFileSync } from 'node:fs'", 'no-restricted-imports'],
    ["import path from 'path'", 'no-restricted-imports'],
    ["import Konva from 'konva'", 'no-restricted-imports'],
    ["import { LitElement } from 'lit'", 'no-restricted-imports'],
    ["import { createApp } from '../server/app'", 'no-restricted-imports'],
    ["import { x } from '../../client/app/main'", 'no-restricted-imports'],
  ])('core/ rejects `%s`', async (line, rule) => {
    const messages = await messagesFor('core/scratch.ts', `${line}\nexport const y = 1\n`)
    expect(messages.some((m) => m.startsWith(rule))).toBe(true)
  })

  it.each([
    ['export const t = Date.now()', 'no-restricted-properties'],
    ['export const r = Math.random()', 'no-restricted-properties'],
    ['export const d = new Date()', 'no-restricted-syntax'],
    ['setTimeout(() => {}, 1)', 'no-restricted-globals'],
    ["export const f = fetch('/x')", 'no-restricted-globals'],
    ["export const l = localStorage.getItem('k')", 'no-restricted-globals'],
  ])('core/ rejects the ambient `%s`', async (code, rule) => {
    const messages = await messagesFor('core/scratch.ts', `${code}\n`)
    expect(messages.some((m) => m.startsWith(rule))).toBe(true)
  })

  it('core/ accepts yjs, lib0, y-protocols and its own modules', async () => {
    const code = [
      "import * as Y from 'yjs'",
      "import * as encoding from 'lib0/encoding'",
      "import * as sync from 'y-protocols/sync'",
      'export const parts = [Y, encoding, sync]',
      'export const at = (clock: () => number) => new Date(clock())',
    ].join('\n')
    expect(await messagesFor('core/scratch.ts', code)).toEqual([])
  })

  it('client/ may not import server/ and server/ may not import client/', async () => {
    const fromClient = await messagesFor('client/scratch.ts', "import '../server/main'\n")
    const fromServer = await messagesFor('server/scratch.ts', "import '../client/main'\n")
    expect(fromClient.some((m) => m.startsWith('no-restricted-imports'))).toBe(true)
    expect(fromServer.some((m) => m.startsWith('no-restricted-imports'))).toBe(true)
  })

  it('client/ may not import Node modules', async () => {
    const messages = await messagesFor('client/scratch.ts', "import 'node:fs'\n")
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true)
  })

  it('tests may not be focused or skipped', async () => {
    const code = "import { it } from 'vitest'\nit.only('x', () => {})\nit.skip('y', () => {})\n"
    const messages = await messagesFor('test/scratch.test.ts', code)
    expect(messages.filter((m) => m.startsWith('no-restricted-properties'))).toHaveLength(2)
  })
})

describe('import cycles', () => {
  it('a cycle between two modules is an error', async () => {
    const unignored = new ESLint({ cwd: process.cwd(), ignore: false })
    const [result] = await unignored.lintFiles(['test/lint/fixtures/cycle-a.ts'])
    const rules = (result?.messages ?? []).map((m) => m.ruleId)
    expect(rules).toContain('import-x/no-cycle')
  })
})

describe('the client seam', () => {
  it.each([
    ["import * as Y from 'yjs'\nexport const d = new Y.Doc()", 'no-restricted-imports'],
    ["import type * as Y from 'yjs'\nexport type D = Y.Doc", 'no-restricted-imports'],
    [
      "import { IndexeddbPersistence } from 'y-indexeddb'\nexport { IndexeddbPersistence }",
      'no-restricted-imports',
    ],
    ['export const f = (s: { doc: unknown }) => s.doc', 'no-restricted-syntax'],
    [
      "import { boardSessionContext } from '../board/board-context'\nexport { boardSessionContext }",
      'no-restricted-syntax',
    ],
  ])('a view outside client/board and client/net rejects `%s`', async (code, rule) => {
    for (const folder of ['canvas', 'okr', 'app', 'facilitation']) {
      const messages = await messagesFor(`client/${folder}/scratch.ts`, `${code}\n`)
      expect(messages.some((m) => m.startsWith(rule))).toBe(true)
    }
  })

  it('client/board and client/net may hold the doc', async () => {
    const code = "import type * as Y from 'yjs'\nexport const f = (s: { doc: Y.Doc }) => s.doc\n"
    expect(await messagesFor('client/board/scratch.ts', code)).toEqual([])
    expect(await messagesFor('client/net/scratch.ts', code)).toEqual([])
  })

  it('a view may still not import server/ code', async () => {
    const messages = await messagesFor('client/okr/scratch.ts', "import '../../server/main'\n")
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true)
  })
})

describe('sizes', () => {
  it('a source file over 400 lines and a function over 80 are errors; tests are exempt', async () => {
    const body = Array.from({ length: 81 }, (_, i) => `  const v${i} = ${i}`).join('\n')
    const fn = `export function long(): number {\n${body}\n  return 0\n}\n`
    const file = Array.from({ length: 401 }, (_, i) => `export const c${i} = ${i}`).join('\n')
    const inCore = await messagesFor('core/scratch.ts', fn)
    expect(inCore.some((m) => m.startsWith('max-lines-per-function'))).toBe(true)
    expect(
      (await messagesFor('client/okr/scratch.ts', `${file}\n`)).some((m) =>
        m.startsWith('max-lines:'),
      ),
    ).toBe(true)
    const inTest = await messagesFor('test/scratch.test.ts', fn)
    expect(inTest.filter((m) => m.startsWith('max-lines'))).toEqual([])
  })
})

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

/**
 * Issue 12 item 10, over HTTP without a network (`app.request()`): the app's CSP and framing
 * headers, no-store on every API answer (errors included), PUBLIC_URL in share links.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AppDeps } from '../../server/app'
import type { Config } from '../../server/config'
import { REPO_ROOT } from '../helpers/server'
import { testApp } from '../helpers/app'

const root = mkdtempSync(join(tmpdir(), 'stretchboard-headers-'))
const staticDir = join(root, 'client')
mkdirSync(join(staticDir, 'assets'), { recursive: true })
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app shell</title>')
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")')
afterAll(() => rmSync(root, { recursive: true, force: true }))

function build(config: Partial<Config> = {}, extra: Partial<AppDeps> = {}) {
  return testApp({ staticDir, maxBodyBytes: 1024, ...config }, extra)
}

function directives(csp: string | null): Map<string, string> {
  const map = new Map<string, string>()
  for (const part of (csp ?? '').split(';')) {
    const [name = '', ...values] = part.trim().split(/\s+/)
    if (name !== '') map.set(name, values.join(' '))
  }
  return map
}

describe('headers on the web app', () => {
  it('serves / and /b/x with a CSP that allows no inline or foreign script and no framing', async () => {
    const { app } = build()
    for (const path of ['/', '/b/x', '/assets/app.js']) {
      const res = await app.request(path)
      expect(res.status).toBe(200)
      const csp = directives(res.headers.get('content-security-policy'))
      expect(csp.get('script-src')).toBe("'self'")
      expect(csp.get('default-src')).toBe("'self'")
      expect(csp.get('object-src')).toBe("'none'")
      expect(csp.get('base-uri')).toBe("'none'")
      expect(csp.get('frame-ancestors')).toBe("'none'")
      // The relay's socket, for browsers that read 'self' as http(s) only.
      expect(csp.get('connect-src')).toBe("'self' ws://localhost")
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  it('names the wss origin of PUBLIC_URL in connect-src', async () => {
    const { app } = build({ publicUrl: 'https://boards.example.com' })
    const csp = directives((await app.request('/b/x')).headers.get('content-security-policy'))
    expect(csp.get('connect-src')).toBe("'self' wss://boards.example.com")
  })

  it('keeps an untrusted Host out of the policy', async () => {
    const { app } = build({}, { listening: () => ({ host: '127.0.0.1', port: 8787 }) })
    const res = await app.request('http://evil.example/b/x')
    expect(directives(res.headers.get('content-security-policy')).get('connect-src')).toBe("'self'")
  })

  it('ships an app shell without inline script, so the policy costs the app nothing', () => {
    // The build keeps index.html's script tags as they are (one module with src); Lit styles
    // go through adoptedStyleSheets and Konva draws on canvas.
    const html = readFileSync(join(REPO_ROOT, 'client', 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc=/)
      expect(body.trim()).toBe('')
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i)
  })
})

describe('Cache-Control on the API', () => {
  it('is no-store on every API answer, errors included', async () => {
    const { app } = build()
    const created = await app.request('/api/boards', { method: 'POST', body: '{}' })
    expect(created.status).toBe(201)
    const board = (await created.json()) as { id: string; viewToken: string }
    const answers = [
      created,
      await app.request(`/api/boards/${board.id}`, {
        headers: { authorization: `Bearer ${board.viewToken}` },
      }),
      await app.request(`/api/boards/${board.id}/export.json?token=${board.viewToken}`),
      await app.request(`/api/boards/${board.id}/snapshot?token=${board.viewToken}`),
      await app.request(`/api/boards/${board.id}`), // 401
      await app.request('/api/nothing-here'), // 404
      await app.request('/api/boards', { method: 'POST', body: 'x'.repeat(5000) }), // 413
      await app.request('/api/boards', {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
        body: '{}',
      }), // 403
      await app.request('/healthz'),
      await app.request('/metrics'),
    ]
    expect(answers.map((res) => res.status)).toEqual([
      201, 200, 200, 200, 401, 404, 413, 403, 200, 200,
    ])
    for (const res of answers) {
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(directives(res.headers.get('content-security-policy')).get('default-src')).toBe(
        "'none'",
      )
    }
  })

  it('is no-store on a rate-limit refusal too, with Retry-After', async () => {
    const { app } = build({ createBoardsPerMinute: 1 })
    expect((await app.request('/api/boards', { method: 'POST', body: '{}' })).status).toBe(201)
    const refused = await app.request('/api/boards', { method: 'POST', body: '{}' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('cache-control')).toBe('no-store')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate-limited')
  })
})

describe('share links', () => {
  it('are built from PUBLIC_URL, on creation and on rotation, whatever the Host', async () => {
    const { app } = build({ publicUrl: 'https://boards.example.com' })
    const res = await app.request('http://evil.example/api/boards', { method: 'POST', body: '{}' })
    const board = (await res.json()) as {
      id: string
      editToken: string
      editUrl: string
      viewUrl: string
      viewToken: string
      facilitatorToken: string
      facilitatorUrl: string
    }
    expect(board.facilitatorUrl).toBe(
      `https://boards.example.com/b/${board.id}#token=${board.facilitatorToken}`,
    )
    expect(board.editUrl).toBe(`https://boards.example.com/b/${board.id}#token=${board.editToken}`)
    expect(board.viewUrl).toBe(`https://boards.example.com/b/${board.id}#token=${board.viewToken}`)
    const rotated = await app.request(`http://evil.example/api/boards/${board.id}/tokens/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.facilitatorToken}` },
    })
    const fresh = (await rotated.json()) as { editUrl: string; viewUrl: string }
    expect(fresh.editUrl).toMatch(/^https:\/\/boards\.example\.com\/b\//)
    expect(fresh.viewUrl).toMatch(/^https:\/\/boards\.example\.com\/b\//)
  })

  it('from a PUBLIC_URL page, the Origin check accepts that page and not its http twin', async () => {
    const { app } = build({ publicUrl: 'https://boards.example.com' })
    const post = (origin: string) =>
      app.request('http://127.0.0.1:8787/api/boards', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: '{}',
      })
    expect((await post('https://boards.example.com')).status).toBe(201)
    expect((await post('http://boards.example.com')).status).toBe(403)
  })
})

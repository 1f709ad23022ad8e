import { describe, expect, it } from 'vitest'
import {
  takeSecretFromUrl,
  withCreationSecret,
  type SecretEnv,
} from '../../../client/net/creation-secret'

const SECRET = 'correct horse battery staple'

function env(href = 'https://boards.example.com/', answers: (string | null)[] = []) {
  const stored = new Map<string, string>()
  const asked: string[] = []
  let current = href
  const value: SecretEnv = {
    store: {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, v) => void stored.set(key, v),
      removeItem: (key) => void stored.delete(key),
    },
    ask: (message) => {
      asked.push(message)
      return answers.shift() ?? null
    },
    href: () => current,
    replaceHref: (next) => {
      current = next
    },
  }
  return { value, asked, stored, href: () => current }
}

/** A server in secret mode: 401 without a secret, 403 with a wrong one. */
function server() {
  const seen: (string | null)[] = []
  const fetchFn = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get('authorization')
    seen.push(auth)
    const json = (status: number, code: string) =>
      new Response(JSON.stringify({ error: { code, message: code } }), { status })
    if (auth === null) return json(401, 'creation-secret-required')
    if (auth !== `Bearer ${SECRET}`) return json(403, 'creation-secret-invalid')
    return new Response('{"id":"b"}', { status: 201 })
  }) as typeof fetch
  return { fetchFn, seen }
}

describe('withCreationSecret', () => {
  it('asks for the secret when the server wants one, retries, and keeps it for the tab', async () => {
    const e = env(undefined, [SECRET])
    const s = server()
    const post = withCreationSecret(s.fetchFn, e.value)
    const res = await post('/api/boards', { method: 'POST', body: '{}' })
    expect(res.status).toBe(201)
    expect(s.seen).toEqual([null, `Bearer ${SECRET}`])
    expect(e.asked).toHaveLength(1)
    expect((await post('/api/boards', { method: 'POST', body: '{}' })).status).toBe(201)
    expect(e.asked).toHaveLength(1)
  })

  it('asks again after a wrong secret, and gives up when the person cancels', async () => {
    const e = env(undefined, ['wrong', null])
    const s = server()
    const res = await withCreationSecret(s.fetchFn, e.value)('/api/boards', { method: 'POST' })
    expect(res.status).toBe(403)
    expect(e.asked).toHaveLength(2)
    expect(e.asked[1]).toMatch(/not right/)
    expect(e.stored.size).toBe(0)
  })

  it('takes #secret= from the URL and removes it from the address bar', async () => {
    const e = env(`https://boards.example.com/#secret=${encodeURIComponent(SECRET)}`)
    const s = server()
    const res = await withCreationSecret(s.fetchFn, e.value)('/api/boards', { method: 'POST' })
    expect(res.status).toBe(201)
    expect(e.asked).toHaveLength(0)
    expect(e.href()).toBe('https://boards.example.com/')
  })

  it('leaves other servers’ answers alone', async () => {
    const e = env()
    const fetchFn = (async () => new Response('{}', { status: 403 })) as unknown as typeof fetch
    const res = await withCreationSecret(fetchFn, e.value)('/api/boards')
    expect(res.status).toBe(403)
    expect(e.asked).toHaveLength(0)
  })
})

describe('takeSecretFromUrl', () => {
  it('accepts ?secret= too and keeps the rest of the URL', () => {
    const e = env('https://boards.example.com/?secret=abc&x=1#y=2')
    takeSecretFromUrl(e.value)
    expect(e.stored.get('stretchboard:creation-secret')).toBe('abc')
    expect(e.href()).toBe('https://boards.example.com/?x=1#y=2')
  })
})

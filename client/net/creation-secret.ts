/**
 * A server run with `BOARD_CREATION=secret` creates boards only for requests carrying its
 * secret (`Authorization: Bearer <secret>`; docs/server.md). This wraps the `fetch` the home page
 * creates boards with: it sends the secret this tab knows, and when the server asks for one
 * (401 `creation-secret-required`) or refuses it (403 `creation-secret-invalid`) it asks the
 * person and tries again. An admin can hand out `https://host/#secret=…`: the fragment never
 * reaches the server or a log, and is removed from the address bar once read. The secret is kept
 * in sessionStorage: gone when the tab closes, so a shared computer does not keep it.
 */

const KEY = 'stretchboard:creation-secret'
const CODES = new Set(['creation-secret-required', 'creation-secret-invalid'])
/** A refused secret is asked for again at most this often per click. */
const MAX_ASKS = 2

export interface SecretEnv {
  readonly store: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  /** Asks the person; null or '' when they cancel. */
  readonly ask: (message: string) => string | null
  /** The page's URL, and a way to replace it without a reload or a history entry. */
  readonly href: () => string
  readonly replaceHref: (href: string) => void
}

function browserEnv(): SecretEnv {
  return {
    store: sessionStorage,
    ask: (message) => window.prompt(message),
    href: () => location.href,
    replaceHref: (href) => history.replaceState(history.state, '', href),
  }
}

/** Moves `#secret=…` (or `?secret=…`) from the URL into the tab's storage. */
export function takeSecretFromUrl(env: SecretEnv): void {
  const url = new URL(env.href())
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''))
  const secret = hash.get('secret') ?? url.searchParams.get('secret')
  if (secret === null) return
  if (secret.trim() !== '') env.store.setItem(KEY, secret.trim())
  hash.delete('secret')
  url.searchParams.delete('secret')
  const rest = hash.toString()
  url.hash = rest === '' ? '' : `#${rest}`
  env.replaceHref(url.href)
}

async function refusalCode(response: Response): Promise<string | null> {
  if (response.status !== 401 && response.status !== 403) return null
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } }
    const code = body.error?.code
    return typeof code === 'string' && CODES.has(code) ? code : null
  } catch {
    return null
  }
}

/**
 * `fetchFn` with the creation secret added, asking for it when the server wants one.
 *
 * @example
 * const created = await createBoard(withCreationSecret(fetch), title)
 */
export function withCreationSecret(
  fetchFn: typeof fetch,
  env: SecretEnv = browserEnv(),
): typeof fetch {
  return async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    takeSecretFromUrl(env)
    for (let asked = 0; ; asked++) {
      const secret = env.store.getItem(KEY)
      const headers = new Headers(init.headers)
      if (secret !== null) headers.set('authorization', `Bearer ${secret}`)
      const response = await fetchFn(input, { ...init, headers })
      const code = await refusalCode(response)
      if (code === null || asked >= MAX_ASKS) return response
      if (code === 'creation-secret-invalid') env.store.removeItem(KEY)
      const given = env.ask(
        code === 'creation-secret-invalid'
          ? 'That board creation secret is not right. Enter it again:'
          : 'This server creates boards only with its creation secret. Enter it:',
      )
      if (given === null || given.trim() === '') return response
      env.store.setItem(KEY, given.trim())
    }
  }
}

/**
 * HTTP requests and websocket upgrades by hand, for tests that must set what fetch() and the
 * ws client will not (Host, an absolute request target) or read a refused upgrade's status,
 * headers and body as a client receives them.
 */
import { request as httpRequest } from 'node:http'

export interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/**
 * One HTTP request with full control of the headers (fetch refuses to set Host). `path` may be
 * an absolute URL: it is then sent as the request target (`POST http://other/x HTTP/1.1`).
 */
export function send(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Uint8Array,
): Promise<Answer> {
  return new Promise((done, fail) => {
    const { hostname, port } = new URL(url)
    const req = httpRequest({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      )
    })
    req.on('error', fail)
    req.end(body)
  })
}

/** A websocket upgrade by hand: resolves with the HTTP refusal, or 101 once switched. */
export function upgrade(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest(`${url}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
        ...headers,
      },
    })
    req.on('upgrade', (res, socket) => {
      socket.destroy()
      done({ status: res.statusCode ?? 0, headers: res.headers, body: '' })
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      )
    })
    req.on('error', fail)
    req.end()
  })
}

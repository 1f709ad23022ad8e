import { describe, expect, it } from 'vitest'
import { boardPath, parseRoute } from '../../../client/app/router'

describe('parseRoute', () => {
  it('reads home', () => {
    expect(parseRoute('/', '')).toEqual({ kind: 'home' })
    expect(parseRoute('/index.html', '')).toEqual({ kind: 'home' })
  })

  it('reads a board with the token from the fragment', () => {
    expect(parseRoute('/b/abc_12-X', '#token=s3cr%2Bt')).toEqual({
      kind: 'board',
      boardId: 'abc_12-X',
      token: 's3cr+t',
    })
  })

  it('reads a board without a token (the device may know it)', () => {
    expect(parseRoute('/b/abc/', '')).toEqual({ kind: 'board', boardId: 'abc', token: null })
    expect(parseRoute('/b/abc', '#token=')).toEqual({ kind: 'board', boardId: 'abc', token: null })
  })

  it('refuses paths that cannot be a board id', () => {
    for (const path of ['/b/', '/b/a/b', '/b/%E0%A4%A', '/b/..%2F..', '/b/a%20b', '/boards/x']) {
      expect(parseRoute(path, '').kind).toBe('not-found')
    }
  })

  it('builds the path back', () => {
    const path = boardPath('abc_12-X')
    expect(parseRoute(path, '')).toEqual({ kind: 'board', boardId: 'abc_12-X', token: null })
  })
})

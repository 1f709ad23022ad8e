import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  TOKEN_LENGTH,
  generateToken,
  hashToken,
  issueTokens,
  roleForToken,
  tokenMatches,
} from '../../../server/storage/tokens'

describe('tokens', () => {
  it('generates distinct 32-byte base64url tokens', () => {
    const tokens = Array.from({ length: 200 }, generateToken)
    expect(new Set(tokens).size).toBe(tokens.length)
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(t).toHaveLength(TOKEN_LENGTH)
      expect(Buffer.from(t, 'base64url')).toHaveLength(32)
    }
  })

  it('stores a SHA-256 hex digest, never the token', () => {
    const token = generateToken()
    const hash = hashToken(token)
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(hash).not.toContain(token)
  })

  it('matches only the exact token', () => {
    const token = generateToken()
    const hash = hashToken(token)
    expect(tokenMatches(token, hash)).toBe(true)
    expect(tokenMatches(token.slice(0, -1), hash)).toBe(false)
    expect(tokenMatches(`${token}x`, hash)).toBe(false)
    expect(tokenMatches(generateToken(), hash)).toBe(false)
  })

  it('treats junk as no match instead of throwing', () => {
    const hash = hashToken('t')
    for (const junk of [undefined, null, 42, {}, '', 'x'.repeat(10_000)]) {
      expect(tokenMatches(junk, hash)).toBe(false)
    }
    expect(tokenMatches('t', 'not-a-hash')).toBe(false)
    expect(tokenMatches('t', hash.toUpperCase())).toBe(false)
    expect(tokenMatches('t', hash.slice(2))).toBe(false)
  })

  it('issues an edit/view pair and tells which role a token grants', () => {
    const issued = issueTokens()
    expect(issued.editToken).not.toBe(issued.viewToken)
    const board = { editTokenHash: issued.editTokenHash, viewTokenHash: issued.viewTokenHash }
    expect(roleForToken(board, issued.editToken)).toBe('edit')
    expect(roleForToken(board, issued.viewToken)).toBe('view')
    expect(roleForToken(board, issueTokens().editToken)).toBeNull()
    expect(roleForToken(board, undefined)).toBeNull()
  })

  it('grants facilitate only to the token of a stored facilitate hash', () => {
    const issued = issueTokens()
    const facilitateToken = generateToken()
    const board = {
      editTokenHash: issued.editTokenHash,
      viewTokenHash: issued.viewTokenHash,
      facilitateTokenHash: hashToken(facilitateToken),
    }
    expect(roleForToken(board, facilitateToken)).toBe('facilitate')
    expect(roleForToken(board, issued.editToken)).toBe('edit')
    expect(roleForToken(board, issued.viewToken)).toBe('view')
    // A board from before roles: nothing grants facilitate, the old links keep working.
    const old = { ...board, facilitateTokenHash: null }
    expect(roleForToken(old, facilitateToken)).toBeNull()
    expect(roleForToken(old, issued.editToken)).toBe('edit')
  })
})

/**
 * Capability tokens for board links: generated, stored only as hashes, compared in constant
 * time.
 *
 * Why SHA-256 and not bcrypt/scrypt: those slow hashes protect low-entropy passwords from
 * guessing after a database leak. Our tokens are 256 random bits, so guessing is hopeless
 * whatever the hash, and a fast hash keeps every websocket upgrade and REST call cheap.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { BoardRecord } from './store'

export const TOKEN_BYTES = 32
/** base64url of 32 bytes, without padding. */
export const TOKEN_LENGTH = 43
const HASH_PATTERN = /^[0-9a-f]{64}$/

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

/** Hex SHA-256 of the token: what BoardRecord stores. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/**
 * Whether `token` hashes to `storedHash`. Compares fixed-length digests, so the time taken
 * reveals nothing about how much of a guess was right. Junk input (wrong type, absurd length,
 * malformed stored hash) is simply not a match.
 */
export function tokenMatches(token: unknown, storedHash: string): boolean {
  if (typeof token !== 'string' || token.length === 0 || token.length > 256) return false
  if (!HASH_PATTERN.test(storedHash)) return false
  const presented = createHash('sha256').update(token, 'utf8').digest()
  return timingSafeEqual(presented, Buffer.from(storedHash, 'hex'))
}

export interface IssuedTokens {
  readonly editToken: string
  readonly viewToken: string
  readonly facilitatorToken: string
  readonly editTokenHash: string
  readonly viewTokenHash: string
  readonly facilitateTokenHash: string
}

/** Fresh tokens for all three links of a new board; hand out the tokens, store the hashes. */
export function issueTokens(): IssuedTokens {
  const editToken = generateToken()
  const viewToken = generateToken()
  const facilitatorToken = generateToken()
  return {
    editToken,
    viewToken,
    facilitatorToken,
    editTokenHash: hashToken(editToken),
    viewTokenHash: hashToken(viewToken),
    facilitateTokenHash: hashToken(facilitatorToken),
  }
}

/**
 * The role a presented token grants on this board, or null. Every stored hash is checked, so the
 * time taken does not say which link matched; a board created before roles has no facilitate
 * hash, and then no token grants 'facilitate'.
 */
export function roleForToken(
  board: Pick<BoardRecord, 'editTokenHash' | 'viewTokenHash'> & {
    readonly facilitateTokenHash?: string | null
  },
  token: unknown,
): 'facilitate' | 'edit' | 'view' | null {
  const facilitate =
    typeof board.facilitateTokenHash === 'string' && tokenMatches(token, board.facilitateTokenHash)
  const edit = tokenMatches(token, board.editTokenHash)
  const view = tokenMatches(token, board.viewTokenHash)
  return facilitate ? 'facilitate' : edit ? 'edit' : view ? 'view' : null
}

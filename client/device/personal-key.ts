/**
 * The personal key of a board on this device (docs/private-brainstorm.md): 32 random bytes that
 * open this person's private room, where their notes and dots wait until the reveal. The relay
 * binds a room to the member id of its first connection, so the key travels with that member id:
 * a second device opened with the personal link writes as the same member.
 *
 * Kept beside the board's access record (its own entry: the access record belongs to the link
 * and role, and a rotated link must not cost anyone their hidden notes).
 */
import { isRecord, readJson, writeJson, type KeyValueStore } from './key-value'

export interface PersonalKey {
  /** base64url, 43 characters (32 bytes). */
  readonly key: string
  /** The member id the private room is bound to. */
  readonly member: string
}

const storeKey = (boardId: string): string => `sb:private:${boardId}`
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/
const MEMBER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

function parse(value: unknown): PersonalKey | null {
  if (!isRecord(value)) return null
  const { key, member } = value
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) return null
  if (typeof member !== 'string' || !MEMBER_PATTERN.test(member)) return null
  return { key, member }
}

/** 32 bytes as unpadded base64url. */
export function encodeKey(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function getPersonalKey(store: KeyValueStore, boardId: string): PersonalKey | null {
  return parse(readJson(store, storeKey(boardId)))
}

/**
 * This device's key for the board, made the first time (from `randomBytes`, passed in so tests
 * are deterministic) and bound to `member`.
 */
export function ensurePersonalKey(
  store: KeyValueStore,
  boardId: string,
  member: string,
  randomBytes: (length: number) => Uint8Array,
): PersonalKey {
  const stored = getPersonalKey(store, boardId)
  if (stored !== null) return stored
  const made: PersonalKey = { key: encodeKey(randomBytes(32)), member }
  writeJson(store, storeKey(boardId), made)
  return made
}

/**
 * Reads `key` and `member` from a link's fragment (the personal link). Returns null when the
 * fragment holds none or holds something malformed: a bad key is ignored, never stored.
 */
export function keyFromFragment(hash: string): PersonalKey | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  return parse({ key: params.get('key'), member: params.get('member') })
}

/**
 * Keeps the personal key a link carries (the person's other device handed it over); it
 * replaces this device's own, which would open another, empty room.
 */
export function adoptPersonalKey(store: KeyValueStore, boardId: string, hash: string): boolean {
  const fromLink = keyFromFragment(hash)
  if (fromLink === null) return false
  writeJson(store, storeKey(boardId), fromLink)
  return true
}

/** The board link plus this person's key: "Use on another device". */
export function personalLink(
  origin: string,
  boardId: string,
  token: string,
  key: PersonalKey,
): string {
  const fragment = new URLSearchParams({ token, key: key.key, member: key.member })
  return `${origin}/b/${encodeURIComponent(boardId)}#${fragment.toString()}`
}

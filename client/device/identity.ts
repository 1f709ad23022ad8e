/**
 * Who is using this device: an id and a colour generated once, and a display name the person
 * chooses (and may change). Kept locally; shown to others only through awareness.
 */
import type { Identity } from '../board/board-context'
import { isRecord, readJson, writeJson, type KeyValueStore } from './key-value'

const KEY = 'sb:identity'
export const MAX_NAME_LENGTH = 40

/** Distinct on the canvas's paper background and readable under white text. */
export const PRESENCE_COLORS = [
  '#e11d48',
  '#d97706',
  '#059669',
  '#0284c7',
  '#7c3aed',
  '#db2777',
  '#0d9488',
  '#4f46e5',
] as const

export interface IdentitySources {
  readonly newId: () => string
  /** Uniform in [0, 1). */
  readonly random: () => number
}

/** The stored identity, or a new one without a name yet (the app then asks for it). */
export function loadIdentity(store: KeyValueStore, sources: IdentitySources): Identity {
  const stored = readJson(store, KEY)
  if (
    isRecord(stored) &&
    typeof stored.id === 'string' &&
    stored.id.length > 0 &&
    typeof stored.color === 'string' &&
    /^#[0-9a-f]{6}$/i.test(stored.color)
  ) {
    const name = typeof stored.name === 'string' ? cleanName(stored.name) : ''
    return { id: stored.id, name, color: stored.color }
  }
  const index = Math.floor(sources.random() * PRESENCE_COLORS.length) % PRESENCE_COLORS.length
  const identity: Identity = {
    id: sources.newId(),
    name: '',
    color: PRESENCE_COLORS[index] ?? PRESENCE_COLORS[0],
  }
  writeJson(store, KEY, identity)
  return identity
}

/** Trims, collapses whitespace and bounds the length; '' means "no name chosen yet". */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH)
}

export function saveName(store: KeyValueStore, identity: Identity, name: string): Identity {
  const next = { ...identity, name: cleanName(name) }
  writeJson(store, KEY, next)
  return next
}

/**
 * Keeps this person's member entry (core/board/members.ts) in step with their identity: written
 * once the server's copy of the board is here, and again whenever they rename themself (or pick
 * another colour), so owner fields that hold their id read the new name on every page.
 *
 * It follows the identity through this tab's own presence state, which is what a rename
 * already updates (BoardController.setIdentity), so nothing else has to remember to call it.
 */
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { joinBoard } from '../../core/board/commands/members'
import { isRecord } from '../device/key-value'

/**
 * Not the session origin: joining is nobody's edit, so Undo must never take a person off the
 * board or back to an old name.
 */
export const MEMBER_ORIGIN = 'stretchboard:member'

/** Anything that reports the first sync with the server (the y-websocket provider). */
export interface SyncSource {
  on(event: 'sync', listener: (synced: boolean) => void): void
  off(event: 'sync', listener: (synced: boolean) => void): void
}

/** The name and colour this tab publishes, or null before it publishes any. */
function localUser(awareness: Awareness): { name: string; color: string } | null {
  const state: unknown = awareness.getLocalState()
  const user = isRecord(state) ? state.user : null
  if (!isRecord(user) || typeof user.name !== 'string' || typeof user.color !== 'string') {
    return null
  }
  return { name: user.name, color: user.color }
}

/**
 * Records the person as a member after the first sync and after every change of their name or
 * colour; returns the function that stops it. Only for edit links: a view link writes nothing.
 */
export function keepMembership(
  doc: Y.Doc,
  userId: string,
  awareness: Awareness,
  provider: SyncSource,
): () => void {
  let synced = false
  let joined = ''
  const join = () => {
    const user = localUser(awareness)
    // A person who has not chosen a name yet joins once they do.
    if (!synced || user === null || user.name.trim() === '') return
    const key = `${user.name}\n${user.color}`
    // Cursor moves change presence many times a second; only a new name or colour matters.
    if (key === joined) return
    joined = key
    try {
      joinBoard(doc, { id: userId, name: user.name, color: user.color }, MEMBER_ORIGIN)
    } catch (_refused) {
      // A name or colour core refuses (from another version of the app) writes nothing, and
      // nothing the person does depends on it: presence still shows them, owners can be typed.
    }
  }
  const onSync = (isSynced: boolean) => {
    if (!isSynced) return
    synced = true
    join()
  }
  const onPresence = ({ updated }: { updated: readonly number[] }) => {
    if (updated.includes(awareness.clientID)) join()
  }
  provider.on('sync', onSync)
  awareness.on('change', onPresence)
  return () => {
    provider.off('sync', onSync)
    awareness.off('change', onPresence)
  }
}

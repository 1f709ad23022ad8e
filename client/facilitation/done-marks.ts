/**
 * "I'm done" during a timed step: each participant publishes `done: { scope }` in presence,
 * where the scope names the step (the agenda step and when it began, or the phase and when the
 * timer started when no agenda runs). A new step or a restarted timer is a new scope, so every
 * mark of the old one stops counting at once, without anybody clearing anything.
 *
 * Presence comes from other clients: a scope is read only as a short string (readDone, which
 * the board's peer list uses), and only peers the relay stamped as participants ('edit') are
 * counted.
 */
import type { Phase } from '../../core/board/board-model'
import type { Peer } from '../board/peers'

const MAX_SCOPE = 200

/** The step "done" refers to now, or null when nothing timed runs (no button then). */
export function doneScope(
  agenda: { readonly current: { readonly id: string }; readonly stepStartedAt: number } | null,
  phase: Phase,
  timer: { readonly startedAt: number } | null,
): string | null {
  if (agenda !== null) return `step:${agenda.current.id}:${agenda.stepStartedAt}`
  if (timer !== null) return `timer:${phase}:${timer.startedAt}`
  return null
}

/** The scope a presence state says its author is done with, or null. */
export function readDone(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null
  const done = (state as Record<string, unknown>).done
  if (typeof done !== 'object' || done === null) return null
  const scope = (done as Record<string, unknown>).scope
  return typeof scope === 'string' && scope.length > 0 && scope.length <= MAX_SCOPE ? scope : null
}

export interface DoneCount {
  readonly done: number
  /** Participants on the board now (edit links), each person once however many tabs. */
  readonly total: number
  /** Who is done, by name, in name order. */
  readonly names: readonly string[]
}

/** How many participants are done with `scope`, counting each person (member id) once. */
export function countDone(peers: readonly Peer[], scope: string): DoneCount {
  const everyone = new Set<string>()
  const done = new Map<string, string>()
  for (const peer of peers) {
    if (peer.role !== 'edit') continue
    everyone.add(peer.user.id)
    if (peer.done === scope) done.set(peer.user.id, peer.user.name)
  }
  return {
    done: done.size,
    total: everyone.size,
    names: [...done.values()].sort((a, b) => a.localeCompare(b)),
  }
}

/** "2 of 3 done". */
export function doneLabel(count: DoneCount): string {
  return `${count.done} of ${count.total} done`
}

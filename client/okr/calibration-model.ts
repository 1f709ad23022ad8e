/**
 * What the retrospective's calibration card shows: the viewing person's own calibration and the
 * team's, for one timeframe. Check-ins name their author by the name typed when they were
 * written (older ones) or by member id, so both are read as one person: a member id as itself, a
 * name as the member called exactly that, else as the name.
 */
import type { BoardSnapshot } from '../../core/board/board-model'
import type { Member } from '../../core/board/members'
import { calibrate, type Calibration } from '../../core/okr/calibration'
import type { OkrExport } from '../../core/export/export-model'
import { memberNamed } from './owner-picker'
import { scoresIn } from './retro-model'

export interface RetroCalibration {
  /** The viewer's own figures; null when they gave no prediction in this timeframe. */
  readonly mine: Calibration | null
  /** Everyone's predictions pooled; null when nobody gave one. */
  readonly team: Calibration | null
  /** How many people the team figure pools. */
  readonly people: number
}

const byName = (name: string) => `name:${name.trim().toLocaleLowerCase()}`

/** One key per person for a check-in's author field. */
export function authorKeyOf(members: readonly Member[]): (author: string) => string {
  const ids = new Set(members.map((m) => m.id))
  return (author) =>
    ids.has(author) ? author : (memberNamed(members, author)?.id ?? byName(author))
}

/**
 * @example
 * retroCalibration(board.snapshot, board.okrs, '2026-Q4', q4.end, board.identity).mine?.verdict
 */
export function retroCalibration(
  snapshot: BoardSnapshot,
  okrs: OkrExport,
  label: string,
  end: number,
  viewer: { readonly id: string; readonly name: string },
): RetroCalibration {
  const finals = new Map<string, number>()
  // As the final scores card: a cancelled objective has no final score to predict.
  for (const o of scoresIn(snapshot, okrs, label)) {
    if (o.status === 'cancelled') continue
    for (const kr of o.keyResults) finals.set(kr.id, kr.score)
  }
  const members = snapshot.members ?? []
  const keyOf = authorKeyOf(members)
  const report = calibrate(snapshot.checkIns, finals, { end, authorKey: keyOf })
  // The viewer by id, or by their name when their check-ins carry a name no member answers to.
  const mine = report.people.get(viewer.id) ?? report.people.get(byName(viewer.name)) ?? null
  return { mine, team: report.team, people: report.people.size }
}

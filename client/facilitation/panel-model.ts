/**
 * What the facilitation panel shows for a board and a person: which sections the phase calls
 * for, the private-brainstorm counts, the dot budget and the revealed ranking. Pure, so the
 * wording and the enabled actions are tested without a browser.
 */
import type { BoardSnapshot, Phase } from '../../core/board/board-model'
import { remainingVotes, voteRanking } from '../../core/board/vote-tally'
import { dotsLeftLabel, targetLabel } from '../board/board-labels'

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** At most this many dots are drawn; a larger budget still counts, it just isn't drawn. */
const MAX_DOTS_DRAWN = 20

export interface PanelSections {
  /** Leads in the brainstorm; later it trails the phase's own section until notes are revealed. */
  readonly brainstorm: 'first' | 'last' | null
  readonly grouping: boolean
  readonly voting: boolean
}

export function panelSections(phase: Phase, notesRevealed: boolean): PanelSections {
  return {
    brainstorm: phase === 'brainstorm' ? 'first' : notesRevealed ? null : 'last',
    grouping: phase === 'group',
    voting: phase === 'vote' || phase === 'review',
  }
}

export interface BrainstormView {
  readonly revealed: boolean
  readonly hidden: number
  readonly summary: string
  readonly toggleLabel: string
}

/**
 * `othersHidden`: how many notes everyone else keeps in their private rooms (the `sealed`
 * counts); their words are not on this device.
 */
export function brainstormView(
  board: BoardSnapshot,
  me: string,
  othersHidden: number,
): BrainstormView {
  const hidden = othersHidden
  const mine = board.notes.filter((note) => note.author === me).length
  const others =
    hidden === 0
      ? 'No notes from others yet.'
      : `${plural(hidden, 'note', 'notes')} from others wait for the reveal.`
  const revealed = board.meta.notesRevealed
  return {
    revealed,
    hidden,
    summary: revealed
      ? "Everyone's notes are visible."
      : `You wrote ${plural(mine, 'note', 'notes')}. ${others}`,
    toggleLabel: revealed ? 'Hide notes again' : 'Reveal all notes',
  }
}

export function groupingSummary(board: BoardSnapshot): string {
  const ungrouped = board.notes.filter((note) => note.groupId === null).length
  return (
    `${plural(board.groups.length, 'group', 'groups')}, ` +
    `${ungrouped} ungrouped ${ungrouped === 1 ? 'note' : 'notes'}. ` +
    'Drag notes into a frame to group them.'
  )
}

export interface MyDot {
  readonly targetId: string
  readonly label: string
  readonly count: number
}

export interface VotingView {
  readonly left: number
  readonly budget: number
  readonly budgetLabel: string
  /** One entry a drawn dot: true when it is still to be placed. */
  readonly dots: readonly boolean[]
  /** The canvas selection narrowed to what still exists and can take a dot. */
  readonly selected: readonly string[]
  readonly canVoteSelection: boolean
  readonly voteLabel: string
  readonly mine: readonly MyDot[]
}

export function votingView(
  board: BoardSnapshot,
  me: string,
  selection: readonly string[],
): VotingView {
  const budget = board.meta.voteBudget
  const left = remainingVotes(board.tally, me, budget)
  const selected = selection.filter((id) => targetLabel(id, board) !== '')
  const mine = [...(board.tally.byVoter.get(me) ?? new Map<string, number>())]
  return {
    left,
    budget,
    budgetLabel: dotsLeftLabel(left, budget),
    dots: Array.from({ length: Math.min(budget, MAX_DOTS_DRAWN) }, (_, i) => i < left),
    selected,
    canVoteSelection: left >= selected.length,
    voteLabel: selected.length === 1 ? 'the selected note' : `${selected.length} selected`,
    mine: mine.map(([targetId, count]) => ({
      targetId,
      label: targetLabel(targetId, board),
      count,
    })),
  }
}

/** A dot under a ranked group: one of its notes, or the group itself. */
export interface ResultDots {
  readonly targetId: string
  readonly label: string
  readonly votes: number
}

export interface ResultRow {
  readonly kind: 'group' | 'note'
  readonly targetId: string
  /** A group's own dots plus its notes' dots: the total Convert ranks it by. */
  readonly votes: number
  readonly rank: number
  readonly label: string
  /** Where a group's dots sit: on the group itself first, then its voted notes, most first. */
  readonly breakdown: readonly ResultDots[]
}

export interface ResultsView {
  readonly revealed: boolean
  /** Empty while the votes are hidden, so nobody follows the crowd. */
  readonly rows: readonly ResultRow[]
  readonly toggleLabel: string
}

/**
 * The revealed ranking is core's `voteRanking`, the very order Convert turns into objectives:
 * groups (with their notes' dots) and loose notes, each group's dots shown beneath it.
 */
export function resultsView(board: BoardSnapshot): ResultsView {
  const revealed = board.meta.votesRevealed
  return {
    revealed,
    rows: revealed ? rankedRows(board) : [],
    toggleLabel: revealed ? 'Hide votes' : 'Reveal votes',
  }
}

function rankedRows(board: BoardSnapshot): ResultRow[] {
  const votes = (id: string): number => board.tally.byTarget.get(id) ?? 0
  return voteRanking(board.groups, board.notes, votes)
    .filter((entry) => entry.votes > 0)
    .map((entry): ResultRow => {
      const own: ResultDots[] =
        entry.kind === 'group' && entry.own > 0
          ? [{ targetId: entry.targetId, label: 'On the group itself', votes: entry.own }]
          : []
      const notes = entry.notes
        .filter((n) => votes(n.id) > 0)
        .map((n) => ({ targetId: n.id, label: targetLabel(n.id, board), votes: votes(n.id) }))
      return {
        kind: entry.kind,
        targetId: entry.targetId,
        votes: entry.votes,
        rank: entry.rank,
        label: targetLabel(entry.targetId, board),
        breakdown: [...own, ...notes],
      }
    })
}

// core/convert at board scale: parsing every labelled KR phrasing, grouping a 60-note and a
// 500-note brainstorm (the clustering is between O(n²) and O(n³)), converting a voted board.
import { convertBoard } from '../../../core/convert/convert-board'
import { parseKeyResult } from '../../../core/convert/parse-key-result'
import { suggestGroups } from '../../../core/grouping/suggest-groups'
import type { BoardSnapshot } from '../../../core/board/board-model'
import type { EpochMs } from '../../../core/okr/okr-model'
import { CASES } from '../../core/convert/key-result-cases'
import { HELD_OUT } from '../../core/convert/key-result-held-out'
import { TERSE } from '../../core/convert/key-result-terse'
import { BRAINSTORM_60, THEMES } from '../../core/convert/fixtures/brainstorm-60'
import { BRAINSTORM_HELD_OUT } from '../../core/convert/fixtures/brainstorm-held-out'
import { benchCase } from '../scenario'
import type { BenchScenario } from '../scenario'

const phrasings = () => [...CASES, ...HELD_OUT, ...TERSE].map((c) => c.text)

/** `count` notes cycling through both labelled boards, each made distinct by a suffix. */
const brainstorm = (count: number) => {
  const base = [...BRAINSTORM_60, ...BRAINSTORM_HELD_OUT]
  return Array.from({ length: count }, (_, i) => ({
    id: `n${String(i).padStart(4, '0')}`,
    text: `${base[i % base.length]?.text ?? ''} #${Math.floor(i / base.length)}`,
  }))
}

/** The 60-note board grouped by its labels, every group and every third note voted. */
const votedBoard = (): BoardSnapshot => {
  const votes = new Map<string, number>()
  THEMES.forEach((theme, i) => votes.set(theme, i + 1))
  BRAINSTORM_60.forEach((n, i) => i % 3 === 0 && votes.set(n.id, 1))
  return {
    meta: {
      schemaVersion: 1,
      title: 'bench',
      phase: 'review',
      voteBudget: 5,
      votesRevealed: true,
      notesRevealed: true,
      timer: null,
      timeframe: null,
    },
    groups: THEMES.map((id) => ({ id, title: id, x: 0, y: 0, w: 1, h: 1, color: 'blue' })),
    notes: BRAINSTORM_60.map((n, i) => ({
      id: n.id,
      text: n.text,
      x: 0,
      y: 0,
      color: 'yellow',
      author: 'ann',
      groupId: n.theme,
      createdAt: i as EpochMs,
    })),
    tally: { byTarget: votes, byVoter: new Map() },
    objectives: [],
    keyResults: [],
    checkIns: [],
    initiatives: [],
  }
}

export const scenario: BenchScenario = {
  name: 'conversion',
  description: 'parseKeyResult, suggestGroups and convertBoard on realistic boards',
  cases: [
    benchCase({
      name: `parseKeyResult × ${phrasings().length} labelled phrasings`,
      setup: phrasings,
      run: (texts) => ({
        keyResults: texts.filter((t) => parseKeyResult(t).kind === 'key-result').length,
      }),
      iterations: 50,
      warmup: 5,
    }),
    benchCase({
      name: 'suggestGroups, 60 notes',
      setup: () => BRAINSTORM_60,
      run: (notes) => ({ groups: suggestGroups(notes).length }),
      iterations: 50,
      warmup: 5,
    }),
    benchCase({
      name: 'suggestGroups, 500 notes',
      setup: () => brainstorm(500),
      run: (notes) => ({ groups: suggestGroups(notes).length }),
      iterations: 5,
      warmup: 1,
    }),
    benchCase({
      name: 'convertBoard, 60 notes in 7 voted groups',
      setup: votedBoard,
      run: (board) => {
        const result = convertBoard(board)
        return { objectives: result.objectives.length, keyResults: result.keyResults.length }
      },
      iterations: 50,
      warmup: 5,
    }),
  ],
}

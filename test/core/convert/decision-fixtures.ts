/** The voted board and the helpers the conversion-decision tests share. */
import type * as Y from 'yjs'
import {
  applyConversion,
  assignNotes,
  castVote,
  createGroup,
  createNote,
  readConversionDecisions,
} from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { convertBoard } from '../../../core/convert/convert-board'
import type { ConversionResult } from '../../../core/convert/drafts'
import { exportOkrs } from '../../../core/export/export-model'
import type { EpochMs } from '../../../core/okr/okr-model'
import { at, newBoard, ORIGIN } from '../board/fixtures'

export const NOW = 1_000_000 as EpochMs

/** Three voted themes: g1 (3 dots), g2 (2), g3 (1). */
export function votedBoard(): Y.Doc {
  const doc = newBoard()
  const groups = {
    g1: ['Raise NPS from 32 to 45', 'Publish 12 blog posts', 'Cut churn from 8% to 4%'],
    g2: ['Grow MRR from $40k to $60k', 'Ship the pricing page'],
    g3: ['Raise eNPS from 10 to 30'],
  }
  const titles = { g1: 'Delight new customers', g2: 'Grow revenue', g3: 'Team health' }
  let n = 0
  for (const [groupId, texts] of Object.entries(groups)) {
    const title = titles[groupId as keyof typeof titles]
    createGroup(doc, { id: groupId, x: n * 100, y: 0, title }, ORIGIN)
    const ids = texts.map((text) => {
      const id = `n${++n}`
      createNote(doc, { id, x: n * 10, y: 0, author: 'ann', createdAt: at(n), text }, ORIGIN)
      return id
    })
    assignNotes(doc, { noteIds: ids, groupId }, ORIGIN)
  }
  castVote(doc, { voterId: 'ann', targetId: 'g1', count: 3 }, ORIGIN)
  castVote(doc, { voterId: 'bo', targetId: 'g2', count: 2 }, ORIGIN)
  castVote(doc, { voterId: 'cy', targetId: 'g3', count: 1 }, ORIGIN)
  return doc
}

/** What the client does: the board and its recorded decisions. */
export const convert = (doc: Y.Doc): ConversionResult =>
  convertBoard(readBoard(doc), { decisions: readConversionDecisions(doc) })

/** Applies every objective draft the preview shows ticked. */
export const applyTicked = (doc: Y.Doc, result: ConversionResult = convert(doc)) => {
  const unticked = new Set(result.decisions?.unticked ?? [])
  const objectiveIds = result.objectives.map((o) => o.id).filter((id) => !unticked.has(id))
  return applyConversion(doc, result, ORIGIN, { objectiveIds })
}

export const ids = (list: readonly { id: string }[]) => list.map((e) => e.id).sort()
export const scoreOf = (doc: Y.Doc, id: string) =>
  exportOkrs(readBoard(doc), { now: NOW }).objectives.find((o) => o.id === id)?.score

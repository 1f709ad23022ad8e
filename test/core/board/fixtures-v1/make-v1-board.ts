/**
 * Writes `v1-board.stretchboard`, a board as schema 1 stored it (objective descriptions, check-in
 * notes and initiative titles as plain strings), for the migration test. It was run against the
 * code of commit e11ef49 (the last main with schema 1), from a copy of that commit's tree:
 *
 *   git archive e11ef49 core test | tar -x -C /tmp/v1 && ln -s "$PWD/node_modules" /tmp/v1/
 *   npx tsx /tmp/v1/test/core/board/fixtures-v1/make-v1-board.ts test/core/board/fixtures-v1/
 *
 * Running it against today's code would write schema 2, which is not what the fixture is for.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import {
  castVote,
  createCheckIn,
  createGroup,
  createInitiative,
  createKeyResult,
  createNote,
  createObjective,
  setRetroAnswer,
} from '../../../../core/board/commands/index'
import { migrate } from '../../../../core/board/migrate'
import type { EpochMs, Timeframe } from '../../../../core/okr/okr-model'

const ORIGIN = 'fixture'
const doc = new Y.Doc()
// A fixed client id, so the file is the same every time it is made.
doc.clientID = 1001
migrate(doc, ORIGIN)
createGroup(doc, { id: 'g1', title: 'Onboarding', x: 0, y: 0 }, ORIGIN)
createNote(
  doc,
  { id: 'n1', text: 'Faster first value', x: 10, y: 40, author: 'ada', createdAt: 1 as EpochMs },
  ORIGIN,
)
castVote(doc, { voterId: 'ada', targetId: 'n1' }, ORIGIN)
const q4 = {
  kind: 'quarter',
  year: 2026,
  quarter: 4,
  start: 1790812800000 as EpochMs,
  end: 1798761599999 as EpochMs,
} as Timeframe
createObjective(
  doc,
  {
    id: 'o1',
    title: 'Delight new customers in onboarding',
    description: 'Why: churn in week one is 18 %.\nWho: the activation squad.',
    timeframe: q4,
  },
  ORIGIN,
)
createKeyResult(
  doc,
  { id: 'kr1', objectiveId: 'o1', title: 'Raise NPS from 32 to 45', start: 32, target: 45 },
  ORIGIN,
)
createCheckIn(
  doc,
  {
    id: 'c1',
    keyResultId: 'kr1',
    at: 1791000000000 as EpochMs,
    value: 36,
    note: 'Survey of 120 users',
    author: 'ada',
  },
  ORIGIN,
)
createInitiative(doc, { id: 'i1', title: 'Ship the onboarding tour', keyResultId: 'kr1' }, ORIGIN)
setRetroAnswer(doc, { timeframe: '2026-Q4', question: 'ambition', text: 'Not quite: 0.6.' }, ORIGIN)

writeFileSync(join(process.argv[2] ?? '.', 'v1-board.stretchboard'), Y.encodeStateAsUpdate(doc))

// The board document at workshop scale and beyond: reading the whole board (what every
// controller does after a change), a 100-note drag, a dot vote, re-applying a conversion, a
// no-op migration at load, and five peers merging a burst of offline work.
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { convertBoard } from '../../../core/convert/convert-board'
import {
  applyConversion,
  assignNotes,
  castVote,
  createGroup,
  createNote,
  moveNotes,
  retractVote,
} from '../../../core/board/commands/index'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import type { EpochMs } from '../../../core/okr/okr-model'
import { createNetwork } from '../../helpers/peers'
import { benchCase } from '../scenario'
import type { BenchScenario } from '../scenario'

const ORIGIN = { bench: true }
const TEXTS = [
  'Grow weekly active teams from 120 to 200',
  'Reduce p95 latency to under 300 ms',
  'Ship the onboarding tour',
  'Cut churn below 3%',
  'Happier customers',
]

/** A voted board: `notes` notes in groups of 25, ten voters with five dots each. */
function board(notes: number): Y.Doc {
  const doc = new Y.Doc()
  migrate(doc, ORIGIN)
  const gen = prng.create(notes)
  const groups = Math.ceil(notes / 25)
  for (let g = 0; g < groups; g++) {
    createGroup(doc, { id: `g${g}`, x: g * 400, y: 0, title: `Theme ${g}` }, ORIGIN)
  }
  for (let i = 0; i < notes; i++) {
    const text = `${prng.oneOf(gen, TEXTS)} #${i}`
    const note = { id: `n${i}`, x: i, y: i, author: `u${i % 10}`, createdAt: i as EpochMs, text }
    createNote(doc, note, ORIGIN)
  }
  for (let g = 0; g < groups; g++) {
    const ids = Array.from({ length: 25 }, (_, k) => `n${g * 25 + k}`)
    assignNotes(doc, { noteIds: ids, groupId: `g${g}` }, ORIGIN)
  }
  for (let v = 0; v < 10; v++) {
    for (let k = 0; k < 5; k++) {
      castVote(doc, { voterId: `u${v}`, targetId: `n${prng.uint32(gen, 0, notes - 1)}` }, ORIGIN)
    }
  }
  return doc
}

const hundred = Array.from({ length: 100 }, (_, k) => `n${k}`)

export const scenario: BenchScenario = {
  name: 'board-document',
  description: 'core/board reads, commands, conversion and multi-peer merge on 500–5k note boards',
  cases: [
    ...[500, 5_000].map((notes) =>
      benchCase({
        name: `readBoard, ${notes} notes`,
        setup: () => board(notes),
        run: (doc) => ({ notes: readBoard(doc).notes.length }),
        iterations: 20,
      }),
    ),
    benchCase({
      name: 'moveNotes 100 notes, 500-note board',
      setup: () => board(500),
      run: (doc) => ({ moved: moveNotes(doc, { ids: hundred, dx: 1, dy: 1 }, ORIGIN).length }),
      iterations: 50,
    }),
    benchCase({
      name: 'castVote + retractVote, 500-note board',
      setup: () => board(500),
      run: (doc) => {
        castVote(doc, { voterId: 'fresh', targetId: 'n7' }, ORIGIN)
        retractVote(doc, { voterId: 'fresh', targetId: 'n7' }, ORIGIN)
      },
      iterations: 50,
    }),
    benchCase({
      name: 're-apply conversion (no-op), 500-note board',
      setup: () => {
        const doc = board(500)
        const result = convertBoard(readBoard(doc))
        applyConversion(doc, result, ORIGIN)
        return { doc, result }
      },
      run: ({ doc, result }) => ({ created: applyConversion(doc, result, ORIGIN).created.length }),
      iterations: 20,
    }),
    benchCase({
      name: 'migrate an up-to-date 500-note board',
      setup: () => board(500),
      run: (doc) => ({ repairs: migrate(doc, ORIGIN).repairs.length }),
      iterations: 20,
    }),
    benchCase({
      name: '5 peers: 100 offline notes each, then sync',
      setup: () => null,
      run: () => {
        const net = createNetwork({ peers: 5, seed: 1 })
        for (const peer of net.peers) net.disconnect(peer)
        for (const peer of net.peers) {
          for (let i = 0; i < 100; i++) {
            const id = `p${peer.index}-${i}`
            const note = { id, x: i, y: 0, author: 'u', createdAt: i as EpochMs, text: 'x' }
            createNote(peer.doc, note, peer.origin)
          }
        }
        net.syncAll()
        const notes = readBoard(net.peers[0]?.doc ?? new Y.Doc()).notes.length
        net.destroy()
        return { notes }
      },
      iterations: 5,
    }),
  ],
}

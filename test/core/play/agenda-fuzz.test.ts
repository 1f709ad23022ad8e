// The agenda and timer commands under junk input, the way a bad caller or a forged message
// might call them: each either succeeds or throws BoardCommandError having written nothing,
// and the board reads afterwards.
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import * as core from '../../../core/board/commands/index'
import { BoardCommandError } from '../../../core/board/errors'
import { readBoard } from '../../../core/board/read'
import { readAgenda } from '../../../core/play/agenda'
import { OKR_PLAY } from '../../../core/play/play-model'
import { at, newBoard, ORIGIN } from '../board/fixtures'

type Command = (doc: Y.Doc, args: never, origin: unknown) => unknown

const COMMANDS: Record<string, [Command, Record<string, unknown>]> = {
  startAgenda: [core.startAgenda, { play: OKR_PLAY, now: 5 }],
  goToStep: [core.goToStep, { step: 3, now: 9 }],
  extendStep: [core.extendStep, { minutes: 5, now: 9 }],
  editAgenda: [core.editAgenda, { play: OKR_PLAY }],
  endAgenda: [core.endAgenda, {}],
  pauseTimer: [core.pauseTimer, { now: 9 }],
  resumeTimer: [core.resumeTimer, { now: 19 }],
  addTimerTime: [core.addTimerTime, { ms: 60_000, now: 9 }],
}

describe('agenda and timer commands under junk input', () => {
  it('either succeed or throw BoardCommandError, and a rejected command writes nothing', () => {
    const gen = prng.create(1616)
    const step = OKR_PLAY.steps[0]!
    const junk = (depth: number): unknown => {
      switch (prng.uint32(gen, 0, depth > 1 ? 8 : 11)) {
        case 0:
          return null
        case 1:
          return undefined
        case 2:
          return prng.int32(gen, -5, 12)
        case 3:
          return prng.real53(gen) * 1e12
        case 4:
          return prng.oneOf(gen, [Number.NaN, Number.POSITIVE_INFINITY, -0])
        case 5:
          return prng.oneOf(gen, ['', 'board', 'review', 'x'.repeat(2_000)])
        case 6:
          return prng.bool(gen)
        case 7:
          return 7n
        case 8:
          return Array.from({ length: prng.uint32(gen, 0, 3) }, () => junk(depth + 1))
        case 9:
          return { ...step, [prng.oneOf(gen, Object.keys(step))]: junk(depth + 1) }
        default:
          return {
            ...OKR_PLAY,
            steps: prng.oneOf(gen, [
              [],
              [step, { ...step, id: 'b', minutes: junk(depth + 1) }],
              Array.from({ length: 40 }, (_, i) => ({ ...step, id: `s${i}` })),
              junk(depth + 1),
            ]),
          }
      }
    }
    let rejected = 0
    let accepted = 0
    for (let round = 0; round < 500; round++) {
      const doc = newBoard()
      if (prng.bool(gen)) core.startAgenda(doc, { play: OKR_PLAY, now: at(1) }, ORIGIN)
      const [name, [command, valid]] = prng.oneOf(gen, Object.entries(COMMANDS))
      const keys = Object.keys(valid)
      const mode = prng.uint32(gen, 0, 5)
      const args =
        mode === 0
          ? junk(0)
          : mode === 1 || keys.length === 0
            ? valid
            : { ...valid, [prng.oneOf(gen, keys)]: junk(0) }
      const before = Y.encodeStateVector(doc)
      try {
        command(doc, args as never, ORIGIN)
        accepted++
      } catch (error) {
        if (!(error instanceof BoardCommandError)) {
          throw new Error(`${name} threw ${String(error)}`)
        }
        expect(Y.encodeStateVector(doc)).toEqual(before)
        rejected++
      }
      expect(() => readBoard(doc)).not.toThrow()
      expect(() => readAgenda(doc)).not.toThrow()
    }
    expect(rejected).toBeGreaterThan(100)
    expect(accepted).toBeGreaterThan(50)
  })
})

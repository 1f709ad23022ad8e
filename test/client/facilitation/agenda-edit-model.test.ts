import { describe, expect, it } from 'vitest'
import { parseAgenda, type Agenda } from '../../../core/play/agenda'
import { OKR_PLAY } from '../../../core/play/play-model'
import {
  agendaView,
  MINUTES_ERROR,
  withStepMinutes,
  withStepMoved,
} from '../../../client/facilitation/agenda-model'

const agendaAt = (step: number): Agenda =>
  parseAgenda({ play: OKR_PLAY, step, stepStartedAt: 1_000 })!
const ids = (agenda: Agenda, play = agenda.play) => play.steps.map((s) => s.id)

describe('changing minutes while the play runs', () => {
  it('the current step and steps to come take a whole number from 1 to 1440', () => {
    const agenda = agendaAt(2)
    expect(withStepMinutes(agenda, 2, '12').play?.steps[2]?.minutes).toBe(12)
    expect(withStepMinutes(agenda, 6, ' 1440 ').play?.steps[6]?.minutes).toBe(1440)
    expect(withStepMinutes(agenda, 3, '1').play?.steps[3]?.minutes).toBe(1)
    expect(withStepMinutes(agenda, 3, '1').play?.steps[2]).toEqual(OKR_PLAY.steps[2])
  })

  it('refuses junk with a message instead of clamping it', () => {
    const agenda = agendaAt(2)
    for (const text of [
      '',
      '  ',
      'abc',
      '0',
      '-3',
      '2.5',
      '1441',
      '1e3',
      'NaN',
      '12 min',
      '9'.repeat(400),
    ]) {
      expect(withStepMinutes(agenda, 4, text)).toEqual({ play: null, error: MINUTES_ERROR })
    }
  })

  it('refuses steps already done and indices outside the play', () => {
    const agenda = agendaAt(2)
    for (const index of [0, 1, -1, 9, 2.5, Number.NaN]) {
      expect(withStepMinutes(agenda, index, '10').play).toBeNull()
    }
  })
})

describe('reordering steps still to come', () => {
  it('swaps a step to come with its neighbour to come', () => {
    const agenda = agendaAt(0)
    const up = withStepMoved(agenda, 3, -1)!
    expect(ids(agenda, up).slice(0, 4)).toEqual([
      ...ids(agenda).slice(0, 2),
      ids(agenda)[3],
      ids(agenda)[2],
    ])
    expect(ids(agenda, withStepMoved(agenda, 2, 1)!)).toEqual(ids(agenda, up))
  })

  it('never moves the current or a done step, nor a step above the current one', () => {
    const agenda = agendaAt(3)
    expect(withStepMoved(agenda, 3, 1)).toBeNull()
    expect(withStepMoved(agenda, 2, 1)).toBeNull()
    expect(withStepMoved(agenda, 4, -1)).toBeNull()
    expect(withStepMoved(agenda, 8, 1)).toBeNull()
    expect(withStepMoved(agenda, 40, -1)).toBeNull()
  })

  it('the rows say which steps can be edited and moved', () => {
    const rows = agendaView(agendaAt(3)).rows
    expect(rows.map((r) => r.editable)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ])
    expect(rows.map((r) => r.canMoveUp)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ])
    expect(rows.map((r) => r.canMoveDown)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      false,
    ])
  })
})

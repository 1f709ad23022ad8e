import { describe, expect, it } from 'vitest'
import { parseAgenda, type Agenda } from '../../../core/play/agenda'
import { LEADERSHIP_PLAY, OKR_PLAY, type Play } from '../../../core/play/play-model'
import {
  agendaView,
  choosePlay,
  DEFAULT_SETUP,
  includeStep,
  setStepMinutes,
  setupView,
  stepTarget,
  withoutStep,
} from '../../../client/facilitation/agenda-model'

const agendaAt = (step: number, play: Play = OKR_PLAY, startedAt = 1_000): Agenda =>
  parseAgenda({ play, step, stepStartedAt: startedAt })!

describe('where the room is', () => {
  it('says which step of how many, with its prompt, phase and view', () => {
    const view = agendaView(agendaAt(1))
    expect(view.position).toBe('Step 2 of 9')
    expect(view.step.title).toBe('Brainstorm impacts')
    expect(view.step.prompt).toMatch(/most important impacts/)
    expect(view.phaseLabel).toBe('Brainstorm')
    expect(view.viewLabel).toBe('Board')
    expect(view.totalMinutes).toBe(210)
    expect([view.canBack, view.canNext]).toEqual([true, true])
  })

  it('marks the steps done, current, next and later', () => {
    const view = agendaView(agendaAt(4))
    expect(view.rows.map((r) => r.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'current',
      'next',
      'later',
      'later',
      'later',
    ])
    expect(view.rows[4]).toMatchObject({ title: 'Identify key results', minutes: 60 })
    expect(view.rows[4]?.where).toBe('Review · OKR editor')
    expect(view.rows[7]?.where).toBe('Check-ins')
  })

  it('offers no Back on the first step and no Next on the last', () => {
    expect(agendaView(agendaAt(0)).canBack).toBe(false)
    expect(agendaView(agendaAt(8)).canNext).toBe(false)
  })

  it('a new arrival each time the room enters a step, the same one included', () => {
    const first = agendaView(agendaAt(2, OKR_PLAY, 1_000)).arrival
    expect(agendaView(agendaAt(2, OKR_PLAY, 1_000)).arrival).toBe(first)
    expect(agendaView(agendaAt(2, OKR_PLAY, 9_000)).arrival).not.toBe(first)
    expect(agendaView(agendaAt(3, OKR_PLAY, 1_000)).arrival).not.toBe(first)
  })
})

describe('where a step takes everyone', () => {
  it('the canvas, or the OKR workspace on the right tab', () => {
    expect(stepTarget('board')).toEqual({ view: 'board', tab: null })
    expect(stepTarget('okrs')).toEqual({ view: 'okrs', tab: 'editor' })
    expect(stepTarget('dashboard')).toEqual({ view: 'okrs', tab: 'dashboard' })
    expect(stepTarget('checkins')).toEqual({ view: 'okrs', tab: 'checkins' })
    expect(stepTarget('retro')).toEqual({ view: 'okrs', tab: 'retro' })
  })
})

describe('the setup form', () => {
  it('starts on the team play as it is', () => {
    const view = setupView(DEFAULT_SETUP)
    expect(view.plays.filter((p) => p.chosen).map((p) => p.id)).toEqual(['okr-play'])
    expect(view.play).toBe(OKR_PLAY)
    expect(view.summary).toBe('9 steps · 210 min')
  })

  it('shortens the play: steps left out, other minutes', () => {
    let setup = includeStep(DEFAULT_SETUP, 'retro', false)
    setup = includeStep(setup, 'scoring', false)
    setup = setStepMinutes(setup, 'key-results', '30')
    setup = setStepMinutes(setup, 'ambition', 'soon')
    const view = setupView(setup)
    expect(view.play?.steps.map((s) => s.id)).not.toContain('retro')
    expect(view.rows.find((r) => r.id === 'retro')?.included).toBe(false)
    expect(view.rows.find((r) => r.id === 'key-results')?.minutes).toBe(30)
    expect(view.rows.find((r) => r.id === 'ambition')?.minutes).toBe(15)
    expect(view.summary).toBe('7 steps · 90 min')
    expect(setupView(includeStep(setup, 'retro', true)).play?.steps).toHaveLength(8)
  })

  it('switching play forgets the edits; leaving every step out offers no play', () => {
    const edited = includeStep(DEFAULT_SETUP, 'retro', false)
    const leadership = choosePlay(edited, LEADERSHIP_PLAY.id)
    expect(setupView(leadership).play).toBe(LEADERSHIP_PLAY)
    expect(setupView(leadership).summary).toBe('5 steps · 30 min')
    const none = LEADERSHIP_PLAY.steps.reduce(
      (s, step) => includeStep(s, step.id, false),
      leadership,
    )
    expect(setupView(none).play).toBeNull()
    expect(setupView(none).summary).toBe('Choose at least one step')
  })
})

describe('dropping a step while the play runs', () => {
  it('only a step still to come', () => {
    const agenda = agendaAt(2)
    expect(withoutStep(agenda, 5)?.steps.map((s) => s.id)).not.toContain('ambition')
    expect(withoutStep(agenda, 2)).toBeNull()
    expect(withoutStep(agenda, 1)).toBeNull()
    expect(withoutStep(agenda, 9)).toBeNull()
  })
})

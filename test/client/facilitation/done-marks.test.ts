// "I'm done" marks read from presence: scoped to the step (or the timer run), counted once per
// participant, and garbage or non-participants not counted.
import { describe, expect, it } from 'vitest'
import type { EpochMs } from '../../../core/okr/okr-model'
import type { Awareness } from 'y-protocols/awareness'
import { countDone, doneLabel, doneScope, readDone } from '../../../client/facilitation/done-marks'
import { readPeers } from '../../../client/board/peers'

/** The board's peer list as the controller reads it from these presence states. */
const peersOf = (states: Map<number, unknown>) =>
  readPeers({ getStates: () => states, clientID: 0 } as unknown as Awareness)

const user = (id: string, name: string, role: string | undefined) => ({
  id,
  name,
  color: '#123456',
  role,
})

describe('doneScope', () => {
  it('names the agenda step and when it began, else the phase and the timer’s start', () => {
    const agenda = { current: { id: 'objectives' }, stepStartedAt: 100 as EpochMs }
    expect(doneScope(agenda, 'brainstorm', null)).toBe('step:objectives:100')
    expect(doneScope(null, 'vote', { startedAt: 7 as EpochMs })).toBe('timer:vote:7')
    expect(doneScope(null, 'vote', null)).toBeNull()
    // A restarted timer is a new scope: old marks stop counting.
    expect(doneScope(null, 'vote', { startedAt: 8 as EpochMs })).not.toBe('timer:vote:7')
  })
})

describe('countDone', () => {
  const scope = 'timer:vote:7'

  it('counts participants done with this scope, each person once', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('f', 'Fay', 'facilitate'), done: { scope } }],
      [2, { user: user('a', 'Ann', 'edit'), done: { scope } }],
      [3, { user: user('a', 'Ann', 'edit'), done: { scope } }],
      [4, { user: user('b', 'Bob', 'edit'), done: { scope: 'timer:vote:6' } }],
      [5, { user: user('c', 'Cy', 'edit') }],
      [6, { user: user('v', 'Vi', 'view'), done: { scope } }],
      [7, { user: user('x', 'Xa', undefined), done: { scope } }],
    ])
    const count = countDone(peersOf(states), scope)
    expect(count).toEqual({ done: 1, total: 3, names: ['Ann'] })
    expect(doneLabel(count)).toBe('1 of 3 done')
  })

  it('reads garbage as not done, and never throws', () => {
    for (const bad of [null, 5, 'x', { done: 'yes' }, { done: { scope: 5 } }]) {
      expect(readDone(bad)).toBeNull()
    }
    expect(readDone({ done: { scope: 'x'.repeat(201) } })).toBeNull()
    const states = new Map<number, unknown>([
      [1, null],
      [2, 'state'],
      [3, { user: 'Ann', done: { scope } }],
      [4, { user: user('a', 'Ann', 'edit'), done: [scope] }],
    ])
    expect(countDone(peersOf(states), scope)).toEqual({ done: 0, total: 1, names: [] })
  })
})

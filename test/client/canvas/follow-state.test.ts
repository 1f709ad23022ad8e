import { describe, expect, it } from 'vitest'
import { FollowState } from '../../../client/canvas/follow-state'

describe('FollowState', () => {
  it('follows, breaks away with a way to rejoin, and forgets someone who left', () => {
    const state = new FollowState()
    let changes = 0
    state.addEventListener('change', () => changes++)
    state.follow({ clientId: 7, name: 'Ana' })
    expect(state.following).toEqual({ clientId: 7, name: 'Ana' })
    state.stop()
    expect(state.following).toBeNull()
    expect(state.left).toEqual({ clientId: 7, name: 'Ana' })
    state.stop()
    state.rejoin()
    expect(state.following?.name).toBe('Ana')
    expect(state.left).toBeNull()
    state.forget()
    expect([state.following, state.left]).toEqual([null, null])
    expect(changes).toBe(4)
  })
})

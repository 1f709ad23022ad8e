// A participant opening a board while the timer runs: their app's migrate must write nothing
// to meta.timer, or the relay refuses the whole change and closes their socket (4403).
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { startTimer } from '../../../core/board/commands/index'
import { judgeUpdate } from '../../../core/board/permissions'
import { migrate } from '../../../core/board/migrate'
import { updatePlaces } from '../../../core/sync/update-places'
import { at, newBoard, ORIGIN } from './fixtures'

describe('opening a board with a running timer', () => {
  it('leaves the timer alone, so a participant is not refused', () => {
    const relay = newBoard()
    startTimer(relay, { startedAt: at(5), durationMs: 60_000 }, ORIGIN)
    const participant = new Y.Doc()
    Y.applyUpdate(participant, Y.encodeStateAsUpdate(relay))
    const report = migrate(participant, ORIGIN)
    expect(report.repairs).toEqual([])
    const update = Y.encodeStateAsUpdate(participant, Y.encodeStateVector(relay))
    const verdict = judgeUpdate(relay, updatePlaces(relay, update), { role: 'edit', member: 'ann' })
    expect(verdict).toEqual({ allowed: true })
  })
})

describe('opening a board whose timer was stored before pausedAt', () => {
  it('reads it as running and does not rewrite it', () => {
    const relay = newBoard()
    relay.getMap('meta').set('timer', { startedAt: 5, durationMs: 60_000 })
    const participant = new Y.Doc()
    Y.applyUpdate(participant, Y.encodeStateAsUpdate(relay))
    expect(migrate(participant, ORIGIN).repairs).toEqual([])
    const update = Y.encodeStateAsUpdate(participant, Y.encodeStateVector(relay))
    const verdict = judgeUpdate(relay, updatePlaces(relay, update), { role: 'edit', member: 'ann' })
    expect(verdict).toEqual({ allowed: true })
  })

  it('still repairs a timer that does not read', () => {
    const doc = newBoard()
    doc.getMap('meta').set('timer', { startedAt: 'soon', durationMs: 60_000 })
    expect(migrate(doc, ORIGIN).repairs).toEqual([expect.stringMatching(/^meta: timer/)])
  })
})

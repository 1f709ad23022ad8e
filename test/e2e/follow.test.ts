/**
 * Following a person's view and "Bring everyone to me", with three people in their own
 * browsers: Ann follows Bob and her view tracks his pans; her own pan breaks away ("Rejoin"
 * brings her back); the facilitator brings both participants to her view; a participant has no
 * summon button, and a summon forged into her presence moves nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { closeE2e } from '../helpers/e2e-board'
import { openThreeOnNotes, pan, shows, viewOf, type ThreePeople } from '../helpers/facilitation-e2e'

let room: ThreePeople

const NOTES = [
  ['n1', 0, 0, 'Cut churn'],
  ['n2', 200, 0, 'Faster onboarding'],
  ['n3', 400, 0, 'Cloud cost'],
  ['n4', 0, 200, 'Latency budget'],
] as const

beforeAll(async () => {
  room = await openThreeOnNotes('Follow', NOTES)
})

afterAll(() => closeE2e(room ?? {}))

const chip = (page: Page) => page.getByTestId('follow-chip')

async function follow(page: Page, name: string): Promise<void> {
  await page.locator(`[data-peer="${name}"] button`).click()
  await page.getByTestId('follow').click()
}

/** The viewport `name` publishes, as this person's device has it (null before any). */
function publishedViewOf(page: Page, name: string): Promise<{ x: number; y: number } | null> {
  return page.locator('sb-board-canvas').evaluate((el, who) => {
    const { awareness } = (
      el as unknown as { link: { board: { awareness: { getStates(): Map<number, unknown> } } } }
    ).link.board
    for (const state of awareness.getStates().values()) {
      const s = state as { user?: { name?: string }; viewport?: { x: number; y: number } }
      if (s.user?.name === who && s.viewport) return s.viewport
    }
    return null
  }, name)
}

/** Polls until `follower` shows what `leader` shows now. */
async function tracks(follower: Page, leader: Page): Promise<void> {
  await expect
    .poll(async () => shows(await viewOf(follower), await viewOf(leader)), { timeout: 10_000 })
    .toBe(true)
}

describe('following a view', () => {
  it('tracks the followed person as they pan, until a pan of one’s own breaks away', async () => {
    const { ann, bob } = room
    await follow(ann, 'Bob')
    await expect.poll(() => chip(ann).textContent()).toMatch(/Following Bob/)
    await pan(bob, 220, 130)
    await tracks(ann, bob)
    await pan(bob, -90, 160)
    await tracks(ann, bob)

    await pan(ann, 60, -40)
    await expect.poll(() => chip(ann).textContent()).toMatch(/Stopped following Bob/)
    const annBefore = await viewOf(ann)
    await pan(bob, 150, 0)
    // Once Ann's device has Bob's new viewport, hers has had every chance to follow it.
    const bobNow = await viewOf(bob)
    await expect
      .poll(async () => {
        const seen = await publishedViewOf(ann, 'Bob')
        return (
          seen !== null && Math.abs(seen.x - bobNow.x) < 0.5 && Math.abs(seen.y - bobNow.y) < 0.5
        )
      })
      .toBe(true)
    expect(await viewOf(ann)).toEqual(annBefore)

    await ann.getByTestId('follow-rejoin').click()
    await tracks(ann, bob)
    await ann.keyboard.press('Escape')
    await expect.poll(() => chip(ann).textContent()).toMatch(/Stopped following Bob/)
  })

  it('brings both participants to the facilitator’s view, and they follow her', async () => {
    const { fay, ann, bob } = room
    await pan(fay, -120, 70)
    await fay.getByTestId('summon').click()
    await tracks(ann, fay)
    await tracks(bob, fay)
    await expect.poll(() => chip(bob).textContent()).toMatch(/Following Fay/)
    await pan(fay, 100, 100)
    await tracks(ann, fay)
    await tracks(bob, fay)
    // A smaller window still shows all of what Fay sees, centred.
    await bob.setViewportSize({ width: 1100, height: 720 })
    await tracks(bob, fay)
    expect((await viewOf(bob)).scale).toBeLessThan((await viewOf(fay)).scale)
  })

  it('gives a participant no summon, and ignores one forged into her presence', async () => {
    const { fay, ann, bob } = room
    expect(await ann.getByTestId('summon').count()).toBe(0)
    const bobBefore = await viewOf(bob)
    // A participant's own client publishes a summon (as a modified app could); the relay
    // stamps her role as 'edit', so nobody acts on it.
    await ann.locator('sb-board-canvas').evaluate((el) => {
      const board = (
        el as unknown as {
          link: { board: { awareness: { setLocalStateField(k: string, v: unknown): void } } }
        }
      ).link.board
      board.awareness.setLocalStateField('viewport', {
        x: 5000,
        y: 5000,
        scale: 2,
        width: 800,
        height: 600,
      })
      board.awareness.setLocalStateField('summon', {
        seq: Date.now(),
        viewport: { x: 5000, y: 5000, scale: 2, width: 800, height: 600 },
      })
      board.awareness.setLocalStateField('cursor', { x: 4321, y: 1234 })
    })
    // Ann's later cursor has reached Bob, so her summon has too.
    await expect
      .poll(() => bob.locator('[data-peer="Ann"]').getAttribute('data-pointing'))
      .toBe('true')
    expect(await viewOf(bob)).toEqual(bobBefore)
    expect(await chip(bob).textContent()).toMatch(/Following Fay/)
    await tracks(bob, fay)
  })
})

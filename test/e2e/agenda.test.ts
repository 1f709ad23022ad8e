/**
 * Issue 16, the guided play: a facilitator (the facilitate link) and two participants in three
 * browsers. The facilitator starts the OKR play; both participants see the step, its prompt and
 * the time box counting down; pausing freezes it for everyone and +1 min grows it; Next walks
 * the room through every step, each person taken to the step's phase and view; Back, +5 min,
 * End; then a shortened leadership play made in the setup form. The end sound rings for the
 * participant who kept it and stays quiet for the one who muted it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { LEADERSHIP_PLAY, OKR_PLAY, type PlayStep } from '../../core/play/play-model'
import { stepTarget } from '../../client/facilitation/agenda-model'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { closeE2e, joinBoard, openTwoPeople, startE2eServer } from '../helpers/e2e-board'
import type { CreatedBoard, TestServer } from '../helpers/server'

const TYPING = { delay: 60 }

let server: TestServer
let board: CreatedBoard
let launched: LaunchedBrowser
let fay: Page
let pat: Page
let quinn: Page

const remaining = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('agenda-time').getAttribute('data-remaining-ms'))
const text = (page: Page, testId: string) => page.getByTestId(testId).innerText()
const phaseOf = (page: Page) => page.getByTestId('phase-bar').getAttribute('data-phase')

/** Which view the person is on: 'board', or the OKR workspace's selected tab. */
async function viewOf(page: Page): Promise<string> {
  if ((await page.getByTestId('okr-workspace').count()) === 0) return 'board'
  const tab = page.locator('[role="tab"][aria-selected="true"]')
  return `okrs:${(await tab.getAttribute('data-testid'))?.replace('okr-tab-', '')}`
}

function expectedView(step: PlayStep): string {
  const target = stepTarget(step.view)
  return target.tab === null ? 'board' : `okrs:${target.tab}`
}

/** Everyone shows `step` as step `index + 1` of `total`, its phase, and is on its view. */
async function expectRoomOn(step: PlayStep, index: number, total: number, phase: string) {
  for (const page of [pat, quinn, fay]) {
    await expect.poll(() => text(page, 'agenda-title')).toBe(step.title)
    expect(await text(page, 'agenda-position')).toBe(`Step ${index + 1} of ${total}`)
    expect(await text(page, 'agenda-prompt')).toBe(step.prompt)
    await expect.poll(() => phaseOf(page)).toBe(phase)
    await expect.poll(() => viewOf(page)).toBe(expectedView(step))
  }
}

beforeAll(async () => {
  server = await startE2eServer()
  try {
    board = await server.createBoard('Agenda')
    let contexts
    ;({ launched, contexts, pageA: fay, pageB: pat } = await openTwoPeople(server.url, 1))
    quinn = await contexts[2]!.newPage()
  } catch (error) {
    await closeE2e({ launched, server })
    throw error
  }
  await Promise.all([
    joinBoard(fay, server, board.facilitatorUrl, 'Fay', TYPING),
    joinBoard(pat, server, board.editUrl, 'Pat', TYPING),
    joinBoard(quinn, server, board.editUrl, 'Quinn', TYPING),
  ])
  fay.on('dialog', (dialog) => void dialog.accept())
})

afterAll(() => closeE2e({ launched, server }))

describe('three people run the OKR play', () => {
  it('the facilitator starts it; both participants see step 1 with its prompt, counting down', async () => {
    expect(await pat.getByTestId('agenda-setup').count()).toBe(0)
    await fay.getByTestId('agenda-setup').click()
    await fay.keyboard.press('Escape')
    await fay.getByTestId('agenda-setup-form').waitFor({ state: 'detached' })
    await fay.getByTestId('agenda-setup').click()
    expect(await text(fay, 'agenda-setup-summary')).toBe('9 steps · 210 min')
    await fay.getByTestId('agenda-start').click()
    const first = OKR_PLAY.steps[0]!
    await expectRoomOn(first, 0, 9, 'brainstorm')
    for (const page of [pat, quinn]) {
      expect(await text(page, 'agenda-activity')).toBe(first.activity)
      expect(await page.getByTestId('agenda-next').count()).toBe(0)
      const start = await remaining(page)
      expect(start).toBeLessThanOrEqual(5 * 60_000)
      expect(start).toBeGreaterThan(4 * 60_000)
      await expect.poll(() => remaining(page)).toBeLessThan(start)
    }
  })

  it('pausing freezes the time for everyone; +1 min grows it', async () => {
    await quinn.getByTestId('timer-mute').click()
    await fay.getByTestId('timer-pause').click()
    for (const page of [pat, quinn]) {
      await expect
        .poll(() => page.getByTestId('agenda-time').getAttribute('data-paused'))
        .toBe('true')
      expect(await page.getByTestId('timer').getAttribute('data-paused')).toBe('true')
    }
    const frozen = await remaining(pat)
    await pat.waitForTimeout(1_200)
    expect(await remaining(pat)).toBe(frozen)
    expect(await remaining(quinn)).toBe(frozen)
    expect(await pat.getByTestId('timer-pause').count()).toBe(0)

    await fay.getByTestId('timer-add').click()
    for (const page of [pat, quinn]) {
      await expect.poll(() => remaining(page)).toBe(frozen + 60_000)
    }
    await fay.getByTestId('timer-resume').click()
    await expect.poll(() => remaining(pat)).toBeLessThan(frozen + 60_000)
  })

  it('Next walks the room through every step, each person taken to its phase and view', async () => {
    let phase = 'brainstorm'
    for (let index = 1; index < OKR_PLAY.steps.length; index++) {
      const step = OKR_PLAY.steps[index]!
      await fay.getByTestId('agenda-next').click()
      phase = step.phase ?? phase
      await expectRoomOn(step, index, 9, phase)
      if (step.id === 'key-results') {
        // Taken there once: a participant may then look at the board and stays there.
        await pat.locator('[data-view="board"]').click()
        await pat.waitForTimeout(700)
        expect(await viewOf(pat)).toBe('board')
      }
    }
    expect(await fay.getByTestId('agenda-next').isDisabled()).toBe(true)
  })

  it('Back once, then +5 min on that step', async () => {
    await fay.getByTestId('agenda-back').click()
    const scoring = OKR_PLAY.steps[7]!
    await expectRoomOn(scoring, 7, 9, 'review')
    const before = await remaining(pat)
    await fay.getByTestId('agenda-extend').click()
    await expect.poll(() => remaining(pat)).toBeGreaterThan(before + 4 * 60_000)
    expect(await remaining(quinn)).toBeGreaterThan(before + 4 * 60_000)
  })

  it('skips from the list of steps, and the expanded agenda shows the step help', async () => {
    await fay.getByTestId('agenda-toggle').click()
    await fay.getByTestId('agenda-go-0').click()
    await expectRoomOn(OKR_PLAY.steps[0]!, 0, 9, 'brainstorm')
    const rows = fay.locator('[data-testid="agenda-steps"] li')
    expect(await rows.count()).toBe(9)
    expect(await rows.nth(0).getAttribute('data-state')).toBe('current')
    expect(await rows.nth(1).getAttribute('data-state')).toBe('next')
    await fay.getByTestId('step-help').waitFor()
    await pat.getByTestId('agenda-toggle').click()
    await pat.getByTestId('step-help').waitFor()
    expect(await pat.getByTestId('agenda-go-1').count()).toBe(0)
    await screenshot(fay, 'agenda')
    await fay.getByTestId('agenda-toggle').click()
  })

  it('ends the agenda for everyone', async () => {
    await fay.getByTestId('agenda-end').click()
    for (const page of [pat, quinn]) {
      await expect.poll(() => page.getByTestId('agenda').count()).toBe(0)
      await expect.poll(() => page.getByTestId('timer').count()).toBe(0)
    }
  })

  it('runs a shortened leadership play made in the setup form', async () => {
    await fay.getByTestId('agenda-setup').click()
    await fay.getByTestId(`agenda-play-${LEADERSHIP_PLAY.id}`).check()
    await fay.getByTestId('setup-include-group').uncheck()
    const minutes = fay.getByTestId('setup-minutes-brainstorm')
    await minutes.fill('4')
    await minutes.press('Tab')
    expect(await text(fay, 'agenda-setup-summary')).toBe('4 steps · 19 min')
    await fay.getByTestId('agenda-start').click()
    const [stage, brainstorm, , vote] = LEADERSHIP_PLAY.steps
    await expectRoomOn(stage!, 0, 4, 'brainstorm')
    await fay.getByTestId('agenda-next').click()
    await expectRoomOn(brainstorm!, 1, 4, 'brainstorm')
    expect(await remaining(quinn)).toBeGreaterThan(3 * 60_000)
    expect(await remaining(quinn)).toBeLessThanOrEqual(4 * 60_000)
    await fay.getByTestId('agenda-next').click()
    await expectRoomOn(vote!, 2, 4, 'vote')
    await fay.getByTestId('agenda-end').click()
    await expect.poll(() => pat.getByTestId('agenda').count()).toBe(0)
  })

  it('a custom-length timer rings at the end for Pat, not for Quinn who muted it', async () => {
    await fay.getByTestId('timer-custom-input').pressSequentially('0.05', TYPING)
    await fay.getByTestId('timer-custom-start').click()
    for (const page of [pat, quinn]) {
      await expect.poll(() => text(page, 'timer'), { timeout: 10_000 }).toBe("Time's up")
    }
    expect(await pat.locator('sb-timer').getAttribute('data-sounds')).toBe('1')
    expect(await quinn.locator('sb-timer').getAttribute('data-sounds')).toBeNull()
    expect(await quinn.getByTestId('timer-mute').getAttribute('aria-pressed')).toBe('true')
  })
})

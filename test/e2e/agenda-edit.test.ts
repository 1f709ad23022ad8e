/**
 * Issue 16, editing the play while it runs: Fay (the facilitate link) and Pat (the edit link)
 * in two browsers. On step 1 Fay gives the current step more time, refuses to take junk minutes,
 * changes step 3's minutes and moves step 4 before step 3; Pat's list shows each change and has
 * no inputs of its own; Next then takes the room to the moved step, and after it to step 3 with
 * its new time box.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { OKR_PLAY } from '../../core/play/play-model'
import type { LaunchedBrowser } from '../helpers/browser'
import { closeE2e, joinBoard, openTwoPeople, startE2eServer } from '../helpers/e2e-board'
import type { CreatedBoard, TestServer } from '../helpers/server'

const TYPING = { delay: 60 }
const MINUTE = 60_000
const [, brainstorm, group, vote] = OKR_PLAY.steps

let server: TestServer
let board: CreatedBoard
let launched: LaunchedBrowser
let fay: Page
let pat: Page

const remaining = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('agenda-time').getAttribute('data-remaining-ms'))
const listOrder = (page: Page) =>
  page
    .locator('[data-testid="agenda-steps"] li')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-step')))
const minutesText = (page: Page, id: string) => page.getByTestId(`agenda-minutes-${id}`).innerText()

/** Fay types `value` into a step's minutes field like a person and presses Enter (or Tab). */
async function typeMinutes(id: string, value: string, commit = 'Enter'): Promise<void> {
  const field = fay.getByTestId(`agenda-minutes-${id}`)
  await field.click()
  await field.press('Control+A')
  await field.pressSequentially(value, TYPING)
  await field.press(commit)
}

beforeAll(async () => {
  server = await startE2eServer()
  try {
    board = await server.createBoard('Agenda edits')
    ;({ launched, pageA: fay, pageB: pat } = await openTwoPeople(server.url))
  } catch (error) {
    await closeE2e({ launched, server })
    throw error
  }
  await Promise.all([
    joinBoard(fay, server, board.facilitatorUrl, 'Fay', TYPING),
    joinBoard(pat, server, board.editUrl, 'Pat', TYPING),
  ])
})

afterAll(() => closeE2e({ launched, server }))

describe('the facilitator edits the running play', () => {
  it('starts the play; both open the list, only Fay has minutes fields and move buttons', async () => {
    await fay.getByTestId('agenda-setup').click()
    await fay.getByTestId('agenda-start').click()
    for (const page of [fay, pat]) {
      await expect.poll(() => page.getByTestId('agenda-position').innerText()).toBe('Step 1 of 9')
      await page.getByTestId('agenda-toggle').click()
      await page.getByTestId('agenda-steps').waitFor()
    }
    expect(await pat.locator('[data-testid="agenda-steps"] input').count()).toBe(0)
    expect(await pat.getByTestId('agenda-up-3').count()).toBe(0)
    expect(await minutesText(pat, group!.id)).toBe('10 min')
    expect(await fay.getByTestId('agenda-up-1').isDisabled()).toBe(true)
    expect(await fay.getByTestId('agenda-up-3').isDisabled()).toBe(false)
  })

  it("more minutes for the current step grow everyone's countdown from the same start", async () => {
    // Leaving the field commits it too.
    await typeMinutes(OKR_PLAY.steps[0]!.id, '20', 'Tab')
    await expect.poll(() => remaining(pat)).toBeGreaterThan(19 * MINUTE)
    expect(await remaining(pat)).toBeLessThanOrEqual(20 * MINUTE)
    expect(await minutesText(pat, OKR_PLAY.steps[0]!.id)).toBe('20 min')
  })

  it('junk minutes get an inline message and change nothing', async () => {
    await typeMinutes(group!.id, '0')
    const field = fay.getByTestId(`agenda-minutes-${group!.id}`)
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
    expect(await fay.locator('[data-testid="agenda-steps"] [role="alert"]').innerText()).toMatch(
      /whole number from 1 to 1440/,
    )
    await typeMinutes(group!.id, '2.5')
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    await pat.waitForTimeout(500)
    expect(await minutesText(pat, group!.id)).toBe('10 min')
  })

  it("step 3's minutes and step 4 moved before it show live in Pat's list", async () => {
    await typeMinutes(group!.id, '12')
    await expect.poll(() => minutesText(pat, group!.id)).toBe('12 min')
    expect(await fay.locator('[data-testid="agenda-steps"] [role="alert"]').count()).toBe(0)
    await fay.getByTestId('agenda-up-3').click()
    const moved = [OKR_PLAY.steps[0]!.id, brainstorm!.id, vote!.id, group!.id]
    await expect.poll(async () => (await listOrder(pat)).slice(0, 4)).toEqual(moved)
    expect((await listOrder(fay)).slice(0, 4)).toEqual(moved)
    expect(await pat.getByTestId('agenda-position').innerText()).toBe('Step 1 of 9')
  })

  it('Next takes the room to the moved step, then to step 3 with its new time box', async () => {
    await fay.getByTestId('agenda-next').click()
    await expect.poll(() => pat.getByTestId('agenda-title').innerText()).toBe(brainstorm!.title)
    await fay.getByTestId('agenda-next').click()
    await expect.poll(() => pat.getByTestId('agenda-title').innerText()).toBe(vote!.title)
    expect(await pat.getByTestId('agenda-position').innerText()).toBe('Step 3 of 9')
    await fay.getByTestId('agenda-next').click()
    await expect.poll(() => pat.getByTestId('agenda-title').innerText()).toBe(group!.title)
    await expect.poll(() => remaining(pat)).toBeGreaterThan(11 * MINUTE)
    expect(await remaining(pat)).toBeLessThanOrEqual(12 * MINUTE)
  })
})

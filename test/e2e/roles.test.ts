/**
 * Issue 15, roles in the app: a facilitator (the facilitate link) and a participant (the edit
 * link) in two browsers. The participant is offered none of the facilitator's controls, only
 * the state they set; the facilitator moves the session on and the participant follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { PHASES } from '../../core/board/board-model'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import {
  closeE2e,
  gotoEditLink,
  joinBoard,
  openTwoPeople,
  startE2eServer,
} from '../helpers/e2e-board'
import type { CreatedBoard, TestServer } from '../helpers/server'

const TYPING = { delay: 120 }

let server: TestServer
let board: CreatedBoard
let launched: LaunchedBrowser
let facilitator: Page
let participant: Page

/** What only a facilitator is offered, by test id (sb-phase-bar buttons are counted apart). */
const FACILITATOR_CONTROLS = [
  'facilitating',
  'reveal-notes',
  'reveal-votes',
  'vote-budget-input',
  'timer-start-3',
  'timer-stop',
  'share-button',
  'settings-save',
]

const count = (page: Page, testId: string) => page.getByTestId(testId).count()
const phaseOf = (page: Page) => page.getByTestId('phase-bar').getAttribute('data-phase')
const statusOf = (page: Page) => page.getByTestId('status-chip').getAttribute('data-status')
const shared = (page: Page, kind: string) => page.locator(`[data-share="${kind}"]`).inputValue()

beforeAll(async () => {
  server = await startE2eServer()
  try {
    board = await server.createBoard('Roles')
    ;({ launched, pageA: facilitator, pageB: participant } = await openTwoPeople(server.url))
  } catch (error) {
    await closeE2e({ launched, server })
    throw error
  }
  await Promise.all([
    joinBoard(facilitator, server, board.facilitatorUrl, 'Fay', TYPING),
    joinBoard(participant, server, board.editUrl, 'Pat', TYPING),
  ])
})

afterAll(() => closeE2e({ launched, server }))

describe('a facilitator and a participant', () => {
  it('shows the facilitator as such to both, and the facilitator their controls', async () => {
    await facilitator.getByTestId('facilitating').waitFor()
    expect(await facilitator.locator('sb-phase-bar button').count()).toBe(PHASES.length)
    expect(await count(facilitator, 'reveal-notes')).toBe(1)
    expect(await count(facilitator, 'timer-start-3')).toBe(1)
    const fayOnPat = participant.locator('[data-peer="Fay"]')
    await expect.poll(() => fayOnPat.getAttribute('data-role')).toBe('facilitate')
    expect(await fayOnPat.getAttribute('title')).toContain('facilitator')
    const patOnFay = facilitator.locator('[data-peer="Pat"]')
    await expect.poll(() => patOnFay.getAttribute('data-role')).toBe('edit')
  })

  it('offers the participant no facilitator control, only the state', async () => {
    await participant.getByTestId('settings-button').click()
    await participant.getByTestId('settings-facilitator-only').waitFor()
    for (const control of FACILITATOR_CONTROLS) {
      expect({ control, shown: await count(participant, control) }).toEqual({ control, shown: 0 })
    }
    expect(await participant.locator('sb-phase-bar button').count()).toBe(0)
    expect(await participant.locator('sb-board-title button').count()).toBe(0)
    // A participant, not a guest: they still write.
    expect(await count(participant, 'view-only')).toBe(0)
    await screenshot(participant, 'roles-participant')
    await participant.keyboard.press('Escape')
  })

  it('moves the session on: the participant follows each phase and sees the timer', async () => {
    await facilitator.locator('sb-phase-bar button[data-phase="group"]').click()
    await expect.poll(() => phaseOf(participant)).toBe('group')
    await facilitator.locator('sb-phase-bar button[data-phase="vote"]').click()
    await expect.poll(() => phaseOf(participant)).toBe('vote')
    // The vote: the participant has dots to cast, the facilitator the reveal and the budget.
    await participant.getByTestId('vote-budget').waitFor()
    expect(await count(participant, 'reveal-votes')).toBe(0)
    expect(await count(participant, 'vote-budget-input')).toBe(0)
    expect(await count(facilitator, 'reveal-votes')).toBe(1)

    await facilitator.getByTestId('timer-start-3').click()
    await participant.getByTestId('timer').waitFor()
    expect(await count(participant, 'timer-stop')).toBe(0)
    await screenshot(facilitator, 'roles-facilitator')
  })

  it('the creator makes a new edit link: the old one stops at once, the new one opens', async () => {
    await facilitator.goto('/')
    await facilitator.getByTestId('board-title-input').fill('Rotation')
    await facilitator.getByTestId('create-board').click()
    await facilitator.getByTestId('facilitating').waitFor()
    await facilitator.getByTestId('share-button').click()
    const oldEdit = await shared(facilitator, 'edit')
    const facilitate = await shared(facilitator, 'facilitate')
    await gotoEditLink(participant, server.url, oldEdit)
    await expect.poll(() => statusOf(participant)).toBe('online')
    expect(await count(participant, 'rotate-edit-link')).toBe(0)

    facilitator.once('dialog', (dialog) => void dialog.accept())
    await facilitator.getByTestId('rotate-edit-link').click()
    await expect.poll(() => shared(facilitator, 'edit')).not.toBe(oldEdit)
    const newEdit = await shared(facilitator, 'edit')
    // Only the edit link changed; the facilitator is back on the board with theirs.
    expect(await shared(facilitator, 'facilitate')).toBe(facilitate)
    await expect.poll(() => statusOf(facilitator)).toBe('online')
    await expect.poll(() => statusOf(participant)).toBe('offline')
    const id = new URL(oldEdit).pathname.split('/')[2] ?? ''
    const tokenOf = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('token')
    const answer = await fetch(`${server.url}/api/boards/${id}`, {
      headers: { authorization: `Bearer ${tokenOf(oldEdit)}` },
    })
    expect(answer.status).toBe(401)

    await gotoEditLink(participant, server.url, newEdit)
    await expect.poll(() => statusOf(participant)).toBe('online')
    expect(await count(participant, 'facilitating')).toBe(0)
  })
})

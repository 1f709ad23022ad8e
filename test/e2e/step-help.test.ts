/**
 * Step-aware help in a real Chromium with two people on one board (issue 16, "The guided play"):
 * the room is on the play's "Agree next steps"; both open the agenda and see the loose ends.
 * A ties one with one click ("Assign to me"), B types a real target over a placeholder 999, and
 * each sees the other's fix leave their list live; the calendar invite downloads as an .ics
 * with the follow-up, the monthly scoring and the retro.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import {
  createCheckIn,
  createKeyResult,
  createObjective,
  goToStep,
  setBoardTimeframe,
  startAgenda,
} from '../../core/board/commands/index'
import { readBoard } from '../../core/board/read'
import type { EpochMs } from '../../core/okr/okr-model'
import { OKR_PLAY } from '../../core/play/play-model'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { PERIOD, SEED, closeE2e, joinBoard, openSeededBoard } from '../helpers/e2e-board'

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

const stepOf = (help: string) => OKR_PLAY.steps.findIndex((step) => step.help === help)

function seed(doc: Y.Doc): void {
  setBoardTimeframe(doc, { timeframe: { start: PERIOD.start, end: PERIOD.end } }, SEED)
  createObjective(
    doc,
    { id: 'o1', title: 'Grow a loyal base', owner: 'Ada', status: 'active' },
    SEED,
  )
  createKeyResult(
    doc,
    {
      id: 'own',
      objectiveId: 'o1',
      title: 'Grow activated teams from 20 to 60',
      metric: 'activated teams',
      start: 20,
      target: 60,
      owner: null,
    },
    SEED,
  )
  createKeyResult(
    doc,
    {
      id: 'tbd',
      objectiveId: 'o1',
      title: 'Raise weekly signups',
      metric: 'weekly signups',
      start: 100,
      target: 999,
      owner: 'Ada',
      order: 1,
    },
    SEED,
  )
  const now = Date.now() as EpochMs
  // The team is sure of this one: its check-in says so.
  createCheckIn(
    doc,
    { id: 'c1', keyResultId: 'own', at: now, value: 46, confidence: 0.9, predictedScore: 0.8 },
    SEED,
  )
  startAgenda(doc, { play: OKR_PLAY, now }, SEED)
  goToStep(doc, { step: stepOf('loose-ends'), now }, SEED)
}

const keyResult = (id: string) => readBoard(peer.doc).keyResults.find((k) => k.id === id)
const end = (page: Page, key: string) => page.getByTestId(`loose-${key}`)

async function openHelp(page: Page, name: string): Promise<void> {
  await joinBoard(page, server, board.editUrl, name, { delay: 60 })
  await page.getByTestId('agenda-title').getByText('Agree next steps').waitFor()
  await page.getByTestId('agenda-toggle').first().click()
  await page.locator('[data-testid="step-help"][data-help="loose-ends"]').waitFor()
}

describe('step help in two browsers', () => {
  beforeAll(async () => {
    ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
      title: 'Step help',
      seed,
      stored: (stored) => stored.checkIns.length === 1,
      what: 'server has the seeded key results',
    }))
    await Promise.all([openHelp(pageA, 'Bea'), openHelp(pageB, 'Cal')])
  }, 60_000)

  afterAll(() => closeE2e({ peer, launched, server }))

  it('lists the same loose ends for both people', async () => {
    for (const page of [pageA, pageB]) {
      await end(page, 'no-owner:own').waitFor()
      await end(page, 'placeholder-target:tbd').waitFor()
      expect(await page.getByTestId('loose-count').textContent()).toContain('2 to tie')
    }
    await screenshot(pageA, 'step-help')
  })

  it('ties a loose end with one click, and the other person sees it go', async () => {
    await pageA.getByTestId('loose-me-no-owner:own').click()
    await end(pageB, 'no-owner:own').waitFor({ state: 'detached' })
    await waitFor(() => keyResult('own')?.owner != null, { what: 'owner reached the relay' })
    const owner = keyResult('own')?.owner ?? ''
    const members = readBoard(peer.doc).members ?? []
    expect(members.find((m) => m.id === owner)?.name ?? owner).toBe('Bea')
  })

  it('firms up a placeholder number typed by the other person, live for both', async () => {
    const input = pageB.getByTestId('loose-input-placeholder-target:tbd')
    await input.fill('')
    await input.pressSequentially('1,450', { delay: 80 })
    await pageB.getByTestId('loose-save-placeholder-target:tbd').click()
    await end(pageA, 'placeholder-target:tbd').waitFor({ state: 'detached' })
    await waitFor(() => keyResult('tbd')?.target === 1450, { what: 'target reached the relay' })
    await pageA.getByTestId('loose-none').waitFor()
    await pageB.getByTestId('loose-none').waitFor()
  })

  it('downloads the calendar invite for the sessions that follow', async () => {
    const [download] = await Promise.all([
      pageA.waitForEvent('download'),
      pageA.getByTestId('loose-invite-download').click(),
    ])
    expect(download.suggestedFilename()).toBe('step-help-okr-sessions.ics')
    const ics = readFileSync((await download.path()) ?? '', 'utf8')
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    const starts = ics.replace(/\r\n /g, '').match(/^DTSTART:\d{8}T\d{6}Z$/gm) ?? []
    const summaries = ics.replace(/\r\n /g, '').match(/^SUMMARY:.*$/gm) ?? []
    // The follow-up, one or two monthly scorings in the 46 days left, and the retro.
    expect(starts.length).toBeGreaterThanOrEqual(3)
    expect(summaries[0]).toBe('SUMMARY:OKR follow-up: Step help')
    expect(summaries.at(-1)).toBe('SUMMARY:OKR retrospective: Step help')
  })

  it('shows each setting step its own help as the facilitator moves the room', async () => {
    const go = (help: string) =>
      goToStep(peer.doc, { step: stepOf(help), now: Date.now() as EpochMs }, SEED)
    const shown = (help: string) =>
      pageB.locator(`[data-testid="step-help"][data-help="${help}"]`).waitFor()
    go('cheat-sheet')
    await shown('cheat-sheet')
    expect(await pageB.getByTestId('help-cheat-sheet').locator('li').count()).toBe(7)
    go('brainstorm')
    await shown('brainstorm')
    expect(await pageB.getByTestId('help-question').textContent()).toContain(
      'What are the most important impacts',
    )
    go('key-results')
    await shown('key-results')
    await pageB.getByTestId('help-no-tasks').waitFor()
    expect(await pageB.getByTestId('help-all-owned').textContent()).toContain('All 2 have an owner')
    go('scoring')
    await shown('scoring')
    // Only 'own' was checked in (at seeding, this month).
    await pageB.getByTestId('help-kr-tbd').waitFor()
    expect(await pageB.getByTestId('help-not-checked-in').locator('li').count()).toBe(1)
  })

  it('moves on to "Amp up ambition": one click stretches the confident key result for both', async () => {
    // The facilitator (the seed peer holds the facilitate link) takes the room back a step.
    goToStep(peer.doc, { step: stepOf('ambition'), now: Date.now() as EpochMs }, SEED)
    const help = '[data-testid="step-help"][data-help="ambition"]'
    await Promise.all([pageA.locator(help).waitFor(), pageB.locator(help).waitFor()])
    const item = pageB.getByTestId('ambition-own')
    expect((await item.textContent())?.replace(/\s+/g, ' ')).toContain('target 60 → 72')
    expect(await pageB.getByTestId('ambition-counts').textContent()).toContain(
      '1 objective (3 suggested)',
    )
    await screenshot(pageB, 'step-help-ambition')
    await pageA.getByTestId('ambition-stretch-own').click()
    await pageB.getByTestId('ambition-stretched-own').getByText('stretched from 60').waitFor()
    await waitFor(() => keyResult('own')?.target === 72, { what: 'stretch reached the relay' })
    // The title stated the target, so it moved with it.
    expect(keyResult('own')?.title).toBe('Grow activated teams from 20 to 72')
  })

  it('ends on the retrospective with predicted against final filled in', async () => {
    goToStep(peer.doc, { step: stepOf('retro-facts'), now: Date.now() as EpochMs }, SEED)
    for (const page of [pageA, pageB]) {
      await page.locator('[data-testid="step-help"][data-help="retro-facts"]').waitFor()
      // 20 → 72 at 46: 0.5, three tenths below the 0.8 the check-in predicted.
      await page
        .getByTestId('retro-predicted-own')
        .getByText('predicted 0.8, final 0.5 (−0.3)')
        .waitFor()
    }
    expect(await pageA.getByTestId('help-retro-predictions').textContent()).toContain(
      '0 of 1 predictions ended within 0.1',
    )
  })
})

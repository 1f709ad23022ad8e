/**
 * Issue 14 item 2: decisions stick when Convert runs again. Ada (facilitator; Ben co-facilitates)
 * unticks an objective and applies; Ben checks in on NPS; Ada makes "Publish 12 blog posts" an
 * initiative and deletes a key result and an objective. Converting again, the preview says the two removed
 * drafts stay removed, the objective stays unticked, the initiative stays an initiative, and
 * applying leaves the objective's score where it was — on both pages and after Ben reloads.
 * Ben then brings one removed draft back, and Ada's preview shows it offered again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import {
  assignNotes,
  castVote,
  createGroup,
  createNote,
  revealNotes,
  setBoardTimeframe,
} from '../../core/board/commands/index'
import { readBoard } from '../../core/board/read'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import {
  PERIOD,
  SEED,
  chooseName,
  closeE2e,
  gotoEditLink,
  openSeededBoard,
  showOkrs,
} from '../helpers/e2e-board'

const TYPING = { delay: 140 }
const { start: START, end: END } = PERIOD

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

/** Three voted themes; nothing converted yet. */
function seed(doc: Y.Doc): void {
  setBoardTimeframe(doc, { timeframe: { start: START, end: END } }, SEED)
  const themes = [
    ['g1', 'Delight new customers', 3],
    ['g2', 'Grow revenue', 2],
    ['g3', 'Team health', 1],
  ] as const
  const notes = [
    ['n1', 'g1', 'Raise NPS from 32 to 45'],
    ['n2', 'g1', 'Publish 12 blog posts'],
    ['n3', 'g1', 'Cut churn from 8% to 4%'],
    ['n4', 'g2', 'Grow MRR from $40k to $60k'],
    ['n5', 'g3', 'Raise eNPS from 10 to 30'],
  ] as const
  for (const [i, [id, title]] of themes.entries()) {
    createGroup(doc, { id, x: i * 600, y: 0, w: 560, h: 240, title }, SEED)
  }
  for (const [i, [id, groupId, text]] of notes.entries()) {
    const x = Number(groupId.slice(1)) * 600 - 580 + (i % 3) * 180
    createNote(doc, { id, x, y: 50, author: 'ann', createdAt: START, text }, SEED)
    assignNotes(doc, { noteIds: [id], groupId }, SEED)
  }
  // Each theme's dots from its own voter: a voter has five.
  for (const [id, , dots] of themes)
    castVote(doc, { voterId: `v-${id}`, targetId: id, count: dots }, SEED)
  revealNotes(doc, { revealed: true }, SEED)
}

/**
 * Both open the facilitate link: conversion ticks, apply and "Bring back" are facilitator-only
 * (docs/roles.md), and Ben co-facilitates here so both pages can drive them.
 */
async function open(page: Page, name: string | null): Promise<void> {
  await gotoEditLink(page, server.url, board.facilitatorUrl)
  if (name !== null) await chooseName(page, name, TYPING)
  await showOkrs(page)
}

const tab = (page: Page, id: string) => page.getByTestId(`okr-tab-${id}`).click()
const ticked = (page: Page, objectiveId: string) =>
  page.getByTestId(`convert-select-${objectiveId}`).isChecked()
const scoreOn = (page: Page, objectiveId: string) =>
  page.getByTestId(`dash-objective-${objectiveId}`).getAttribute('data-score')
const doc = () => readBoard(peer.doc)

/** What a re-run of Convert must show on `page`: the decisions, not a fresh draft. */
async function expectDecisionsHonoured(page: Page): Promise<void> {
  await tab(page, 'convert')
  await page.getByTestId('convert-preview').waitFor()
  await expect
    .poll(() => page.getByTestId('convert-removed-count').textContent())
    .toBe('2 drafts you removed stay removed.')
  const removed = await page
    .locator('[data-removed-draft]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-removed-draft')))
  expect(removed).toEqual(['obj:g2', 'kr:n3'])
  expect(await ticked(page, 'obj:g1')).toBe(true)
  expect(await ticked(page, 'obj:g3')).toBe(false)
  expect(await page.locator('[data-kr-draft="kr:n2"]').count()).toBe(0)
  const blog = page.locator('[data-initiative-draft]').filter({ hasText: 'Publish 12 blog posts' })
  expect(await blog.textContent()).toContain('stays an initiative')
  expect(await page.getByTestId('convert-apply').textContent()).toContain('Apply 1 of 2 objectives')
}

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Convert decisions',
    seed,
    stored: (stored) => stored.tally.byTarget.get('g3') === 1,
    what: 'server has the seeded board',
  }))
  await Promise.all([open(pageA, 'Ada'), open(pageB, 'Ben')])
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('decisions stick when Convert runs again', () => {
  it('records an unticked objective for everyone, and applies the rest', async () => {
    await Promise.all([tab(pageA, 'convert'), tab(pageB, 'convert')])
    await pageA.getByTestId('convert-preview').waitFor()
    await pageA.getByTestId('convert-select-obj:g3').click()
    // A decision in the document: Ben's preview unticks it too.
    await expect.poll(() => ticked(pageB, 'obj:g3')).toBe(false)
    expect(await pageA.getByTestId('convert-apply').textContent()).toContain(
      'Apply 2 of 3 objectives',
    )
    await pageA.getByTestId('convert-apply').click()
    await waitFor(() => doc().objectives.length === 2, { what: 'two objectives applied' })
    expect(doc().objectives.map((o) => o.id)).toEqual(['obj:g1', 'obj:g2'])
  })

  it('Ben checks in on NPS while Ada makes a key result an initiative and deletes two drafts', async () => {
    await tab(pageB, 'checkins')
    await pageB.getByTestId('checkin-pick-kr:n1').click()
    await pageB.getByTestId('checkin-value').pressSequentially('38.5', TYPING)
    await pageB.getByTestId('checkin-submit').click()
    await waitFor(() => doc().checkIns.length === 1, { what: 'NPS check-in' })

    await tab(pageA, 'quality')
    await pageA.getByTestId('fix-initiative-kr:n2').click()
    await waitFor(() => !doc().keyResults.some((k) => k.id === 'kr:n2'), { what: 'KR gone' })
    await tab(pageA, 'editor')
    await pageA.getByTestId('kr-delete-kr:n3').click()
    await waitFor(() => !doc().keyResults.some((k) => k.id === 'kr:n3'), { what: 'churn gone' })
    await pageA.getByTestId('objective-delete-obj:g2').click()
    const confirm = pageA.getByTestId('objective-delete-obj:g2-yes')
    if ((await confirm.count()) > 0) await confirm.click()
    await waitFor(() => doc().objectives.length === 1, { what: 'objective deleted' })

    await tab(pageB, 'dashboard')
    await expect.poll(() => scoreOn(pageB, 'obj:g1')).toBe('0.5')
    expect(doc().initiatives.map((i) => i.title)).toEqual(['Publish 12 blog posts'])
  })

  it('converting again keeps every decision, and applying leaves the score alone', async () => {
    await expectDecisionsHonoured(pageA)
    await screenshot(pageA, 'convert-decisions-preview')
    await pageA.getByTestId('convert-apply').click()
    await pageA.getByTestId('convert-report').waitFor()
    const after = doc()
    expect(after.objectives.map((o) => o.id)).toEqual(['obj:g1'])
    expect(after.keyResults.map((k) => k.id)).toEqual(['kr:n1'])
    expect(after.initiatives.map((i) => i.title)).toEqual(['Publish 12 blog posts'])
    await expect.poll(() => scoreOn(pageB, 'obj:g1')).toBe('0.5')
    await tab(pageA, 'dashboard')
    expect(await scoreOn(pageA, 'obj:g1')).toBe('0.5')
  })

  it('holds after Ben reloads, and Ben can bring a removed draft back', async () => {
    await pageB.reload()
    await open(pageB, null)
    await tab(pageB, 'dashboard')
    await expect.poll(() => scoreOn(pageB, 'obj:g1')).toBe('0.5')
    await expectDecisionsHonoured(pageB)

    await pageB.getByTestId('convert-restore-kr:n3').click()
    await tab(pageA, 'convert')
    await expect
      .poll(() => pageA.getByTestId('convert-removed-count').textContent())
      .toBe('1 draft you removed stays removed.')
    await pageA.locator('[data-kr-draft="kr:n3"]').waitFor()
    await screenshot(pageA, 'convert-decisions-restored')
  })
})

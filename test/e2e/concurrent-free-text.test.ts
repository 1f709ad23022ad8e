/**
 * Two people typing into one free-text field at the same moment, through the real app in two
 * browsers: an objective's description and a retrospective answer (both textareas). A adds
 * words at the end while B adds words at the start, key by key at 120 ms. Both fields are
 * bound to their Y.Text (schema 2), so both end with both additions, in order, also after a
 * reload, and a third person opening the board later sees the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import { createObjective, setRetroAnswer } from '../../core/board/commands/index'
import { readRetroAnswers } from '../../core/board/commands/retro'
import { formatTimeframe, quarterTimeframe } from '../../core/okr/timeframe'
import { readBoard } from '../../core/board/read'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { SEED, closeE2e, joinBoard, openSeededBoard, showOkrs } from '../helpers/e2e-board'

const DESCRIPTION = 'Churn in week one is 18 %.'
const DESCRIPTION_WANT = 'Truly: Churn in week one is 18 %. Fix it first.'
const ANSWER = 'The churn KR was a stretch.'
const ANSWER_WANT = 'Yes. The churn KR was a stretch. Next time a baseline.'
const DELAY = 120
/**
 * The running quarter: the cycle switcher shows it by default, and with no ended timeframe on
 * the board the retrospective shows it too.
 */
const TODAY = new Date()
const QUARTER = quarterTimeframe(
  TODAY.getUTCFullYear(),
  (Math.floor(TODAY.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4,
)
const LABEL = formatTimeframe(QUARTER)

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let contexts: BrowserContext[] = []
let pageA: Page
let pageB: Page

async function open(page: Page, name: string): Promise<void> {
  await joinBoard(page, server, board.editUrl, name, 'fill')
  await showOkrs(page)
}

async function showTab(page: Page, tab: 'editor' | 'retro'): Promise<void> {
  await page.getByTestId(`okr-tab-${tab}`).click()
}

/** A at the end types `end` while B at the start types `start`, at once, with real keys. */
async function typeAtBothEnds(
  field: (page: Page) => Locator,
  start: string,
  end: string,
): Promise<void> {
  await field(pageA).click()
  await pageA.keyboard.press('Control+End')
  await field(pageB).click()
  await pageB.keyboard.press('Control+Home')
  await Promise.all([
    pageA.keyboard.type(end, { delay: DELAY }),
    pageB.keyboard.type(start, { delay: DELAY }),
  ])
}

async function shows(pages: Page[], field: (page: Page) => Locator, text: string) {
  for (const page of pages) await expect.poll(() => field(page).inputValue()).toBe(text)
}

beforeAll(async () => {
  ;({ server, board, peer, launched, contexts, pageA, pageB } = await openSeededBoard({
    title: 'Concurrent free text',
    seed: (doc) => {
      createObjective(
        doc,
        { id: 'o1', title: 'Delight new customers', description: DESCRIPTION, timeframe: QUARTER },
        SEED,
      )
      setRetroAnswer(doc, { timeframe: LABEL, question: 'ambition', text: ANSWER }, SEED)
    },
    stored: (stored) => stored.objectives.length === 1,
    what: 'server has the seeded objective',
    // A third context for the person who opens the board later.
    spareContexts: 1,
  }))
  await open(pageA, 'Ada')
  await open(pageB, 'Ben')
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('two people typing in one free-text field at once', () => {
  const description = (page: Page) => page.getByTestId('objective-description-o1')
  const answer = (page: Page) => page.getByTestId('retro-ambition')

  it('an objective description (textarea) keeps both people’s words, in order', async () => {
    await Promise.all([showTab(pageA, 'editor'), showTab(pageB, 'editor')])
    await shows([pageA, pageB], description, DESCRIPTION)
    await typeAtBothEnds(description, 'Truly: ', ' Fix it first.')
    await shows([pageA, pageB], description, DESCRIPTION_WANT)
    // Each caret stayed where its person was typing.
    expect(await description(pageA).evaluate((el: HTMLTextAreaElement) => el.selectionEnd)).toBe(
      DESCRIPTION_WANT.length,
    )
    expect(await description(pageB).evaluate((el: HTMLTextAreaElement) => el.selectionEnd)).toBe(
      'Truly: '.length,
    )
    await waitFor(() => readBoard(peer.doc).objectives[0]?.description === DESCRIPTION_WANT, {
      what: 'the seed peer has the merged description',
    })
    await screenshot(pageB, 'concurrent-free-text-description')
  })

  it('a retrospective answer (textarea) keeps both people’s words, in order', async () => {
    await Promise.all([showTab(pageA, 'retro'), showTab(pageB, 'retro')])
    await shows([pageA, pageB], answer, ANSWER)
    await typeAtBothEnds(answer, 'Yes. ', ' Next time a baseline.')
    await shows([pageA, pageB], answer, ANSWER_WANT)
    await waitFor(() => readRetroAnswers(peer.doc, LABEL).ambition === ANSWER_WANT, {
      what: 'the seed peer has the merged answer',
    })
    await screenshot(pageA, 'concurrent-free-text-retro')
  })

  it('both read the same after a reload, and a third person opening the board sees it', async () => {
    const pageC = await contexts[2]!.newPage()
    await open(pageC, 'Cy').catch(async (error: unknown) => {
      await screenshot(pageC, 'concurrent-free-text-third-failed')
      throw error
    })
    await Promise.all([pageA.reload(), pageB.reload()])
    for (const page of [pageA, pageB]) await showOkrs(page)
    await Promise.all([pageA, pageB, pageC].map((page) => showTab(page, 'editor')))
    await shows([pageA, pageB, pageC], description, DESCRIPTION_WANT)
    await Promise.all([pageA, pageB, pageC].map((page) => showTab(page, 'retro')))
    await shows([pageA, pageB, pageC], answer, ANSWER_WANT)
  })
})

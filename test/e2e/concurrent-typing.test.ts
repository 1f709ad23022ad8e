/**
 * Two people typing into one OKR title at the same moment, through the real app in two
 * browsers: A adds words at the end while B adds words at the start, key by key at 120 ms.
 * Each keystroke is a text edit of the title's Y.Text (client/board/text-field-binding.ts), so
 * both end with both additions, in order, and neither caret jumps; a reload shows the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import { createKeyResult, createObjective } from '../../core/board/commands/index'
import { readBoard } from '../../core/board/read'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { SEED, closeE2e, joinBoard, openSeededBoard, showOkrs } from '../helpers/e2e-board'

const TITLE = 'Delight new customers in onboarding'
const WANT = 'Truly Delight new customers in onboarding this quarter'
const DELAY = 120

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

async function openEditor(page: Page, name: string): Promise<void> {
  await joinBoard(page, server, board.editUrl, name, 'fill')
  await showOkrs(page, 'editor')
}

/**
 * A puts the caret at the end and types " this quarter" while B puts it at the start and
 * types "Truly ", both at once, with real key presses.
 */
async function typeAtBothEnds(field: (page: Page) => Locator): Promise<void> {
  await field(pageA).click()
  await pageA.keyboard.press('End')
  await field(pageB).click()
  await pageB.keyboard.press('Home')
  await Promise.all([
    pageA.keyboard.type(' this quarter', { delay: DELAY }),
    pageB.keyboard.type('Truly ', { delay: DELAY }),
  ])
}

async function bothShow(field: (page: Page) => Locator, text: string): Promise<void> {
  await expect.poll(() => field(pageA).inputValue()).toBe(text)
  await expect.poll(() => field(pageB).inputValue()).toBe(text)
}

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Concurrent typing',
    seed: (doc) => {
      createObjective(doc, { id: 'o1', title: TITLE }, SEED)
      createKeyResult(
        doc,
        { id: 'k1', objectiveId: 'o1', title: TITLE, start: 0, target: 10 },
        SEED,
      )
    },
    stored: (stored) => stored.keyResults.length === 1,
    what: 'server has the seeded objective',
  }))
  await openEditor(pageA, 'Ada')
  await openEditor(pageB, 'Ben')
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('two people typing in one title at once', () => {
  const objective = (page: Page) => page.getByTestId('objective-title-o1')
  const keyResult = (page: Page) => page.getByTestId('kr-title-k1')

  it('an objective title keeps both people’s words', async () => {
    await bothShow(objective, TITLE)
    await typeAtBothEnds(objective)
    await bothShow(objective, WANT)
    // Each caret stayed where its person was typing.
    expect(await objective(pageA).evaluate((el: HTMLInputElement) => el.selectionEnd)).toBe(
      WANT.length,
    )
    expect(await objective(pageB).evaluate((el: HTMLInputElement) => el.selectionEnd)).toBe(
      'Truly '.length,
    )
    await waitFor(() => readBoard(peer.doc).objectives[0]?.title === WANT, {
      what: 'the third peer has the merged title',
    })
    await screenshot(pageB, 'concurrent-typing-objective')
  })

  it('a key result title keeps both people’s words', async () => {
    await bothShow(keyResult, TITLE)
    await typeAtBothEnds(keyResult)
    await bothShow(keyResult, WANT)
    await waitFor(() => readBoard(peer.doc).keyResults[0]?.title === WANT, {
      what: 'the third peer has the merged KR title',
    })
  })

  it('both titles read the same after both pages reload', async () => {
    await Promise.all([pageA.reload(), pageB.reload()])
    await showOkrs(pageA, 'editor')
    await showOkrs(pageB, 'editor')
    await bothShow(objective, WANT)
    await bothShow(keyResult, WANT)
  })
})

/**
 * The board's title lives in the document: an editor renames the board in place, the other
 * person sees it live, and this device's list of boards on the home page follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server'
import { E2E_CLIENT_DIR, launchBrowser, screenshot, type LaunchedBrowser } from '../helpers/browser'

const VIEWPORT = { width: 1360, height: 820 }

let server: TestServer
let launched: LaunchedBrowser
let contextA: BrowserContext
let contextB: BrowserContext
let pageA: Page
let pageB: Page
let boardId = ''

async function chooseName(page: Page, name: string): Promise<void> {
  await page.getByTestId('name-input').fill(name)
  await page.getByTestId('name-save').click()
  await page.getByTestId('name-input').waitFor({ state: 'detached' })
}

const title = (page: Page) => page.getByTestId('board-title')
const online = (page: Page) =>
  expect.poll(() => page.getByTestId('status-chip').getAttribute('data-status')).toBe('online')

beforeAll(async () => {
  server = await startTestServer({ config: { staticDir: E2E_CLIENT_DIR } })
  launched = await launchBrowser()
  contextA = await launched.browser.newContext({ baseURL: server.url, viewport: VIEWPORT })
  contextB = await launched.browser.newContext({ baseURL: server.url, viewport: VIEWPORT })
  pageA = await contextA.newPage()
  pageB = await contextB.newPage()
})

afterAll(async () => {
  await launched?.close()
  await server?.close()
})

describe('renaming a board', () => {
  it('A creates a board and B joins through the edit link', async () => {
    await pageA.goto('/')
    await chooseName(pageA, 'Ada')
    await pageA.getByTestId('board-title-input').fill('Q3 OKR workshop')
    await pageA.getByTestId('create-board').click()
    await pageA.waitForURL(/\/b\/[^/#]+$/)
    boardId = decodeURIComponent(new URL(pageA.url()).pathname.split('/')[2] ?? '')
    await online(pageA)
    await pageA.getByTestId('share-button').click()
    const editUrl = new URL(await pageA.locator('[data-share="edit"]').inputValue())
    await pageA.getByTestId('share-button').click()

    await pageB.goto(editUrl.pathname + editUrl.hash)
    await chooseName(pageB, 'Ben')
    await online(pageB)
    await expect.poll(() => title(pageB).textContent()).toContain('Q3 OKR workshop')
  })

  it('Escape leaves the title as it was', async () => {
    await title(pageA).getByRole('button').click()
    const input = pageA.getByTestId('board-title-edit')
    await input.fill('Never mind')
    await input.press('Escape')
    await input.waitFor({ state: 'detached' })
    expect(await title(pageA).textContent()).toContain('Q3 OKR workshop')
  })

  it('A renames the board in place and B sees the new title live', async () => {
    await title(pageA).getByRole('button').focus()
    await pageA.keyboard.press('Enter')
    const input = pageA.getByTestId('board-title-edit')
    await input.fill('Q4 planning offsite')
    await input.press('Enter')
    await input.waitFor({ state: 'detached' })
    expect(await title(pageA).textContent()).toContain('Q4 planning offsite')
    await expect.poll(() => title(pageB).textContent()).toContain('Q4 planning offsite')
    await screenshot(pageB, 'board-renamed-b')
  })

  it("A's home page lists the board under its new title after a reload", async () => {
    await pageA.goto('/')
    await pageA.reload()
    const listed = pageA.locator(`[data-testid="recent-boards"] a[data-board-id="${boardId}"]`)
    await expect.poll(() => listed.textContent()).toContain('Q4 planning offsite')
  })
})

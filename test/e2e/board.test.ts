/**
 * The live board in a real headless Chromium, driven through the UI a person uses: two people
 * (two browser contexts) on one board, presence, voting, offline editing with an offline
 * reload, and a view-only link. The DOM list mirror is how the test reads the canvas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server'
import {
  E2E_CLIENT_DIR,
  cuttableProxy,
  launchBrowser,
  screenshot,
  type CuttableProxy,
  type LaunchedBrowser,
} from '../helpers/browser'

const VIEWPORT = { width: 1360, height: 820 }

let server: TestServer
let proxy: CuttableProxy
let launched: LaunchedBrowser
let contextA: BrowserContext
let contextB: BrowserContext
let pageA: Page
let pageB: Page
let editUrl = ''
let viewUrl = ''

async function chooseName(page: Page, name: string): Promise<void> {
  await page.getByTestId('name-input').fill(name)
  await page.getByTestId('name-save').click()
  await page.getByTestId('name-input').waitFor({ state: 'detached' })
}

const noteByText = (page: Page, text: string) =>
  page.locator('li[data-note-id]').filter({ hasText: text })

async function addNoteFromList(page: Page, text: string): Promise<void> {
  await page.getByTestId('list-new-note').fill(text)
  await page.getByTestId('list-add-note').click()
  await noteByText(page, text).waitFor()
}

beforeAll(async () => {
  server = await startTestServer({ config: { staticDir: E2E_CLIENT_DIR } })
  proxy = await cuttableProxy(server.port)
  launched = await launchBrowser()
  // A reaches the server through a proxy the test can cut; B connects directly.
  contextA = await launched.browser.newContext({ baseURL: proxy.url, viewport: VIEWPORT })
  contextB = await launched.browser.newContext({ baseURL: server.url, viewport: VIEWPORT })
  pageA = await contextA.newPage()
  pageB = await contextB.newPage()
})

afterAll(async () => {
  await launched?.close()
  await proxy?.close()
  await server?.close()
})

describe('two people on one board', () => {
  it('A creates a board from the home page and B joins through the edit link', async () => {
    await pageA.goto('/')
    await chooseName(pageA, 'Ada')
    await pageA.getByTestId('board-title-input').fill('Q3 OKR workshop')
    await pageA.getByTestId('create-board').click()
    await pageA.waitForURL(/\/b\/[^/#]+$/)
    await expect
      .poll(() => pageA.getByTestId('status-chip').getAttribute('data-status'))
      .toBe('online')
    await pageA.getByTestId('share-button').click()
    editUrl = await pageA.locator('[data-share="edit"]').inputValue()
    viewUrl = await pageA.locator('[data-share="view"]').inputValue()
    await pageA.getByTestId('share-button').click()
    expect(editUrl).toMatch(/#token=/)
    expect(viewUrl).toMatch(/#token=/)
    expect(viewUrl).not.toBe(editUrl)

    await pageB.goto(new URL(new URL(editUrl).pathname + new URL(editUrl).hash, server.url).href)
    await chooseName(pageB, 'Ben')
    await expect
      .poll(() => pageB.getByTestId('status-chip').getAttribute('data-status'))
      .toBe('online')
    expect(await pageB.getByTestId('board-title').textContent()).toContain('Q3 OKR workshop')
    // The token moved to the device; the address bar no longer shows it.
    expect(pageB.url()).not.toContain('token=')
  })

  it('shows who is here on both sides', async () => {
    for (const page of [pageA, pageB]) {
      await expect.poll(() => page.getByTestId('avatars').getAttribute('data-count')).toBe('2')
    }
    expect(await pageB.locator('[data-peer="Ada"]').count()).toBe(1)
  })

  it('a note A creates appears for B within a second', async () => {
    await pageA.getByTestId('toggle-list').click()
    await pageB.getByTestId('toggle-list').click()
    await addNoteFromList(pageA, 'Grow weekly active teams from 120 to 200')
    const started = Date.now()
    await noteByText(pageB, 'Hidden note').or(noteByText(pageB, 'Grow weekly')).first().waitFor({
      timeout: 1000,
    })
    expect(Date.now() - started).toBeLessThan(1000)
    await screenshot(pageA, 'board-a-first-note')
  })
})

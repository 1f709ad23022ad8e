/**
 * Issue 14 item 10: owners are people on the board, not strings. Two people in two browsers:
 * Ada and Ben join (both become members of the document), Ada picks Ben from the key result's
 * owner picker (avatars, typed search), Ben renames himself while Ada types a free-text owner
 * for someone not on the board, and Ada's page shows Ben's new name on the key result, in the
 * editor and in the dashboard's owner filter (which still selects him), while the typed owner
 * reads as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { createKeyResult, createObjective } from '../../core/board/commands/index'
import { readMembers } from '../../core/board/members'
import { readBoard } from '../../core/board/read'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import { screenshot, type LaunchedBrowser } from '../helpers/browser'
import { SEED, closeE2e, joinBoard, openSeededBoard, showOkrs } from '../helpers/e2e-board'

const TYPING = { delay: 120 }

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let pageA: Page
let pageB: Page

function seed(doc: Y.Doc): void {
  createObjective(doc, { id: 'o1', title: 'Keep customers', status: 'active' }, SEED)
  for (const [id, title, order] of [
    ['k1', 'Cut churn from 8% to 5%', 0],
    ['k2', 'Raise NPS from 32 to 45', 1],
    ['k3', 'Answer 90% of tickets within a day', 2],
  ] as const) {
    createKeyResult(doc, { id, objectiveId: 'o1', title, start: 0, target: 10, order }, SEED)
  }
}

async function open(page: Page, name: string): Promise<void> {
  await joinBoard(page, server, board.editUrl, name, TYPING)
  await showOkrs(page, 'editor')
}

const members = () => readMembers(peer.doc)
const memberId = (name: string) => members().find((m) => m.name === name)?.id
const ownerOf = (id: string) => readBoard(peer.doc).keyResults.find((kr) => kr.id === id)?.owner
const picker = (page: Page, kr: string) => page.getByTestId(`kr-owner-${kr}`)
const shownOwner = (page: Page, kr: string) =>
  picker(page, kr).getByTestId('owner-button').getAttribute('data-owner')
const ownerFilterLabels = (page: Page) =>
  page
    .getByTestId('filter-owner')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o.textContent ?? '').trim()))

beforeAll(async () => {
  ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
    title: 'Members',
    seed,
    stored: (stored) => stored.keyResults.length === 3,
    what: 'server has the seeded key results',
  }))
  await Promise.all([open(pageA, 'Ada Lovelace'), open(pageB, 'Ben')])
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('members and the owners that pick them', () => {
  it('makes everyone who joins with an edit link a member', async () => {
    await waitFor(() => members().length === 2, { what: 'both members in the document' })
    expect(members().map((m) => m.name)).toEqual(['Ada Lovelace', 'Ben'])
    expect(members().every((m) => /^#[0-9a-f]{6}$/.test(m.color))).toBe(true)
  })

  it('lets A pick B from the owner picker, with avatars', async () => {
    await picker(pageA, 'k1').getByTestId('owner-button').click()
    const options = picker(pageA, 'k1').getByTestId('owner-option')
    await expect.poll(() => options.count()).toBe(2)
    expect(await options.first().locator('.avatar').textContent()).toBe('AL')
    await picker(pageA, 'k1').getByTestId('owner-search').pressSequentially('be', TYPING)
    await expect.poll(() => options.count()).toBe(1)
    await screenshot(pageA, 'members-picker')
    await options.first().click()
    await waitFor(() => ownerOf('k1') === memberId('Ben'), { what: 'k1 owned by Ben' })
    await expect.poll(() => shownOwner(pageA, 'k1')).toBe('Ben')
    await expect.poll(() => shownOwner(pageB, 'k1')).toBe('Ben')
  })

  it('follows B’s rename on A’s page: the key result and the owner filter', async () => {
    await pageA.getByTestId('okr-tab-dashboard').click()
    await pageA.getByTestId('filter-owner').selectOption({ label: 'Ben' })
    await expect.poll(() => pageA.getByTestId('dash-objective-o1').count()).toBe(1)

    await pageB.getByTestId('name-button').click()
    const input = pageB.getByTestId('name-input')
    await input.fill('')
    await input.pressSequentially('Benjamin Okafor', TYPING)
    await pageB.getByTestId('name-save').click()

    await waitFor(() => memberId('Benjamin Okafor') !== undefined, { what: 'rename in the doc' })
    // The owner field still holds Ben's id: only his member entry changed.
    expect(ownerOf('k1')).toBe(memberId('Benjamin Okafor'))
    expect(members()).toHaveLength(2)
    await expect
      .poll(async () => (await pageA.getByTestId('dash-kr-k1').textContent()) ?? '')
      .toContain('Benjamin Okafor')
    expect(await ownerFilterLabels(pageA)).toEqual(['Everyone', 'Benjamin Okafor'])
    // The filter Ada set before the rename still selects Ben, now under his new name.
    const selected = await pageA
      .getByTestId('filter-owner')
      .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent?.trim())
    expect(selected).toBe('Benjamin Okafor')
    expect(await pageA.getByTestId('dash-objective-o1').count()).toBe(1)
    await screenshot(pageA, 'members-renamed')
    await pageA.getByTestId('okr-tab-editor').click()
    await expect.poll(() => shownOwner(pageA, 'k1')).toBe('Benjamin Okafor')
  })

  it('keeps a free-text owner for someone not on the board, typed while B picks A', async () => {
    const typeOwner = async () => {
      await picker(pageA, 'k2').getByTestId('owner-button').click()
      await picker(pageA, 'k2').getByTestId('owner-search').pressSequentially('Dana', TYPING)
      await picker(pageA, 'k2').getByTestId('owner-free').click()
    }
    const objectivePicker = pageB.getByTestId('objective-owner-o1')
    const pickAda = async () => {
      await objectivePicker.getByTestId('owner-button').click()
      await objectivePicker.getByTestId('owner-search').pressSequentially('ada', TYPING)
      await objectivePicker.getByTestId('owner-option').first().click()
    }
    await Promise.all([typeOwner(), pickAda()])

    await waitFor(() => ownerOf('k2') === 'Dana', { what: 'k2 owned by the typed name' })
    const objectiveOwner = () => readBoard(peer.doc).objectives[0]?.owner
    await waitFor(() => objectiveOwner() === memberId('Ada Lovelace'), { what: 'o1 owned by Ada' })
    await expect.poll(() => shownOwner(pageA, 'k2')).toBe('Dana')
    await expect.poll(() => shownOwner(pageB, 'k2')).toBe('Dana')
    await expect
      .poll(() =>
        pageA
          .getByTestId('objective-owner-o1')
          .getByTestId('owner-button')
          .getAttribute('data-owner'),
      )
      .toBe('Ada Lovelace')

    await pageB.getByTestId('okr-tab-dashboard').click()
    expect(await ownerFilterLabels(pageB)).toEqual([
      'Everyone',
      'Ada Lovelace',
      'Benjamin Okafor',
      'Dana',
    ])
    expect(await pageB.getByTestId('dash-kr-k2').textContent()).toContain('Dana')
  })

  it('“Assign to me” in the quality panel assigns the member, so it follows a rename', async () => {
    await pageB.getByTestId('okr-tab-quality').click()
    await pageB.getByTestId('quality-kr-k3').getByRole('button', { name: 'Assign to me' }).click()
    await waitFor(() => ownerOf('k3') === memberId('Benjamin Okafor'), { what: 'k3 owned by Ben' })
    await expect.poll(() => shownOwner(pageA, 'k3')).toBe('Benjamin Okafor')
  })
})

/**
 * The setup every two-person browser test repeats: a server with the built web app, a board
 * seeded by a Node peer and stored by the relay before any page opens (so the pages load the
 * seed rather than race it), Chromium with one context per person, and each person opening the
 * edit link and choosing a name the way people do.
 *
 * @example
 * ;({ server, board, peer, launched, pageA, pageB } = await openSeededBoard({
 *   title: 'Check-ins',
 *   seed,
 *   stored: (stored) => stored.keyResults.length === 3,
 *   what: 'server has the seeded key results',
 * }))
 * await Promise.all([joinBoard(pageA, server, board.editUrl, 'Ada', { delay: 140 }), ...])
 * afterAll(() => closeE2e({ peer, launched, server }))
 */
import type { BrowserContext, Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { readBoard } from '../../core/board/read'
import type { EpochMs } from '../../core/okr/okr-model'
import { E2E_CLIENT_DIR, launchBrowser, type LaunchedBrowser } from './browser'
import { connectProvider } from './clients'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from './server'

/** A laptop screen: wide enough for the OKR workspace's side panels. */
export const E2E_VIEWPORT = { width: 1360, height: 900 } as const

/** The origin the seed peer's commands pass. */
export const SEED = 'seed'

export const DAY = 86_400_000
const TODAY = Math.floor(Date.now() / DAY) * DAY

/**
 * A board period from 45 days ago to 46 days ahead, whenever the test runs: halfway through,
 * so check-ins are due, pace is measurable and a late check-in fits inside it.
 */
export const PERIOD = {
  start: (TODAY - 45 * DAY) as EpochMs,
  end: (TODAY + 46 * DAY) as EpochMs,
} as const

/** How a person enters their name: key by key with a delay, or pasted at once (`fill`). */
export type NameEntry = { readonly delay: number } | 'fill'

/** The test server serving the client that the e2e global setup built. */
export function startE2eServer(): Promise<TestServer> {
  return startTestServer({ config: { staticDir: E2E_CLIENT_DIR } })
}

/** A Node peer on the board with the given token, once it has synced. */
export async function connectSeedPeer(
  server: TestServer,
  boardId: string,
  token: string,
): Promise<WebsocketProvider> {
  const peer = connectProvider(server.wsUrl, boardId, token)
  await waitFor(() => peer.synced, { what: 'seed peer synced' })
  return peer
}

/** Waits until the relay's copy of the board satisfies `stored`. */
export function waitForStored(
  server: TestServer,
  boardId: string,
  stored: (board: ReturnType<typeof readBoard>) => boolean,
  what: string,
): Promise<true> {
  return waitFor(
    () => {
      const room = server.relay.rooms.get(boardId)
      return room !== null && stored(readBoard(room.doc))
    },
    { what },
  )
}

/**
 * Connects the seed peer, runs `seed` on its document and waits until the relay holds what
 * `stored` looks for; the peer stays connected so tests can read the board as others see it.
 */
export async function seedBoard(
  server: TestServer,
  board: CreatedBoard,
  seed: (doc: Y.Doc) => void,
  stored: (board: ReturnType<typeof readBoard>) => boolean,
  what: string,
): Promise<WebsocketProvider> {
  // The seed sets up what a facilitator would (phase, reveals, conversion): the relay takes
  // those only from the facilitate link.
  const peer = await connectSeedPeer(server, board.id, board.facilitatorToken)
  seed(peer.doc)
  await waitForStored(server, board.id, stored, what)
  return peer
}

export interface TwoPeople {
  readonly launched: LaunchedBrowser
  /** One clean context per person, on the server and the e2e viewport: A's, B's, then spares. */
  readonly contexts: BrowserContext[]
  readonly pageA: Page
  readonly pageB: Page
}

/**
 * Launches Chromium with a context and a page for A and for B, plus `spareContexts` contexts
 * for people who join later.
 */
export async function openTwoPeople(baseURL: string, spareContexts = 0): Promise<TwoPeople> {
  const launched = await launchBrowser()
  const contexts: BrowserContext[] = []
  for (let i = 0; i < 2 + spareContexts; i++) {
    contexts.push(await launched.browser.newContext({ baseURL, viewport: E2E_VIEWPORT }))
  }
  const pageA = await contexts[0]!.newPage()
  const pageB = await contexts[1]!.newPage()
  return { launched, contexts, pageA, pageB }
}

export interface SeededBoardOptions {
  /** The board's title, as created through the API. */
  readonly title: string
  readonly seed: (doc: Y.Doc) => void
  /** True once the relay's copy holds the seed (the last thing `seed` writes, say). */
  readonly stored: (board: ReturnType<typeof readBoard>) => boolean
  /** What `stored` waits for, for the timeout message. */
  readonly what: string
  /** Contexts beyond A's and B's, for people who join later. */
  readonly spareContexts?: number
}

export interface SeededBoardWithPeople extends TwoPeople {
  readonly server: TestServer
  readonly board: CreatedBoard
  /** The seed peer, still connected: the board as a third device sees it. */
  readonly peer: WebsocketProvider
}

/**
 * The whole beforeAll of a two-person browser test up to the pages: a server with the built
 * client, a board seeded and stored by the relay, Chromium with A's and B's pages. If a step
 * fails, what was started is closed before the error goes on (afterAll never sees it).
 */
export async function openSeededBoard(options: SeededBoardOptions): Promise<SeededBoardWithPeople> {
  const server = await startE2eServer()
  let peer: WebsocketProvider | undefined
  try {
    const board = await server.createBoard(options.title)
    peer = await seedBoard(server, board, options.seed, options.stored, options.what)
    const people = await openTwoPeople(server.url, options.spareContexts)
    return { server, board, peer, ...people }
  } catch (error) {
    await closeE2e({ peer, server })
    throw error
  }
}

/** Goes to the board's edit link on this server (the link names the board and its token). */
export async function gotoEditLink(page: Page, serverUrl: string, editUrl: string): Promise<void> {
  const link = new URL(editUrl)
  await page.goto(new URL(link.pathname + link.hash, serverUrl).href)
}

/** Answers the name dialog and waits for it to go. */
export async function chooseName(page: Page, name: string, entry: NameEntry): Promise<void> {
  const input = page.getByTestId('name-input')
  if (entry === 'fill') await input.fill(name)
  else await input.pressSequentially(name, entry)
  await page.getByTestId('name-save').click()
  await input.waitFor({ state: 'detached' })
}

/** Opens the edit link and chooses a name, as someone joining a shared board does. */
export async function joinBoard(
  page: Page,
  server: TestServer,
  editUrl: string,
  name: string,
  entry: NameEntry,
): Promise<void> {
  await gotoEditLink(page, server.url, editUrl)
  await chooseName(page, name, entry)
}

/** Switches to the OKR view, and to one of its tabs when given. */
export async function showOkrs(page: Page, tab?: string): Promise<void> {
  await page.locator('[data-view="okrs"]').click()
  await page.getByTestId('okr-workspace').waitFor()
  if (tab !== undefined) await page.getByTestId(`okr-tab-${tab}`).click()
}

/** afterAll: the seed peer, then the browser, then the server; whatever was started. */
export async function closeE2e(started: {
  readonly peer?: WebsocketProvider | undefined
  readonly launched?: LaunchedBrowser | undefined
  readonly server?: TestServer | undefined
}): Promise<void> {
  started.peer?.destroy()
  await started.launched?.close()
  await started.server?.close()
}

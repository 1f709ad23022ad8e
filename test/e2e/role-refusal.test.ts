/**
 * The one way a participant's app still sends a change the relay refuses (issue 15): Pat, on
 * the edit link, deletes Fay's note offline while the room is grouping (allowed then); the
 * facilitator starts the vote meanwhile, when only Fay or a facilitator may delete it. When Pat
 * comes back the relay refuses the delete whole (4403): Pat reads why beside the status chip,
 * and "Discard my unsent changes" drops the refused change so the board loads from the server
 * again, Fay's note included. Without it the device would resend the change on every reconnect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { createNote, revealNotes, setPhase } from '../../core/board/commands/index'
import type { EpochMs } from '../../core/okr/okr-model'
import type { LaunchedBrowser } from '../helpers/browser'
import { SEED, closeE2e, joinBoard, openSeededBoard } from '../helpers/e2e-board'
import { waitFor, type CreatedBoard, type TestServer } from '../helpers/server'

let server: TestServer
let board: CreatedBoard
let peer: WebsocketProvider
let launched: LaunchedBrowser
let contexts: BrowserContext[]
let pat: Page

function seed(doc: Y.Doc): void {
  revealNotes(doc, { revealed: true }, SEED)
  createNote(
    doc,
    {
      id: 'fay-note',
      x: 80,
      y: 80,
      author: 'fay',
      createdAt: Date.now() as EpochMs,
      text: 'Ship v2',
    },
    SEED,
  )
  setPhase(doc, { phase: 'group' }, SEED)
}

const serverHasNote = () => server.relay.rooms.get(board.id)?.doc.getMap('notes').has('fay-note')
const patHasNote = () =>
  pat.locator('sb-board-canvas').evaluate((el) => {
    const scene = (el as unknown as { scene: { hasNote(id: string): boolean } | null }).scene
    return scene?.hasNote('fay-note') ?? false
  })

beforeAll(async () => {
  ;({
    server,
    board,
    peer,
    launched,
    contexts,
    pageB: pat,
  } = await openSeededBoard({
    title: 'Refusal',
    seed,
    stored: (stored) => stored.meta.phase === 'group' && stored.notes.length === 1,
    what: 'server has the seeded board in the group phase',
  }))
  await joinBoard(pat, server, board.editUrl, 'Pat', { delay: 60 })
  await waitFor(patHasNote, { what: 'Pat sees the note' })
})

afterAll(() => closeE2e({ peer, launched, server }))

describe('a change the relay refuses', () => {
  it('shows why, and discarding this device’s unsent changes brings the board back', async () => {
    await contexts[1]!.setOffline(true)
    await pat
      .locator('sb-board-canvas')
      .evaluate((el) =>
        (el as unknown as { setSelection(ids: string[]): void }).setSelection(['fay-note']),
      )
    await pat.locator('sb-board-canvas').focus()
    await pat.keyboard.press('Delete')
    await expect.poll(patHasNote).toBe(false)

    setPhase(peer.doc, { phase: 'vote' }, SEED)
    await waitFor(
      () => server.relay.rooms.get(board.id)?.doc.getMap('meta').get('phase') === 'vote',
      {
        what: 'the relay is in the vote',
      },
    )
    await contexts[1]!.setOffline(false)
    const alert = pat.getByTestId('role-refused')
    await alert.waitFor({ timeout: 20_000 })
    expect(await alert.textContent()).toContain(
      'During the vote only a facilitator can delete or replace a note someone else wrote',
    )
    // Refused whole: the relay still has Fay's note.
    expect(serverHasNote()).toBe(true)

    pat.once('dialog', (dialog) => void dialog.accept())
    await Promise.all([pat.waitForEvent('load'), alert.getByRole('button').click()])
    await expect.poll(patHasNote, { timeout: 20_000 }).toBe(true)
    await expect
      .poll(() => pat.getByTestId('status-chip').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('online')
    expect(await pat.getByTestId('role-refused').count()).toBe(0)
  })
})

/**
 * Issue 15, "a view link can show itself as 'Ann (facilitator)'": on real sockets, only the
 * socket opened with the facilitate link is stamped 'facilitate' (the app's "facilitator" label);
 * an edit or view socket claiming the role, in `user.role` or in its name, is stamped with its own.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { connectProvider, synced } from '../helpers/clients'
import { cleanupsAfter } from '../helpers/cleanups'
import { startTestServer, waitFor } from '../helpers/server'

const cleanups = cleanupsAfter(afterEach)

describe('roles in presence', () => {
  it('stamps facilitate only on the facilitate link, whatever the others claim', async () => {
    const srv = await startTestServer()
    cleanups.push(() => srv.close())
    const board = await srv.createBoard()
    const links = {
      facilitate: board.facilitatorToken,
      edit: board.editToken,
      view: board.viewToken,
    } as const
    const peers = Object.entries(links).map(([role, token]) => {
      const provider = connectProvider(srv.wsUrl, board.id, token, { cleanups })
      return { role, provider }
    })
    const observer = connectProvider(srv.wsUrl, board.id, board.viewToken, { cleanups })
    await Promise.all([...peers.map((p) => synced(p.provider)), synced(observer)])
    for (const { role, provider } of peers) {
      provider.awareness.setLocalState({
        user: { id: role, name: `${role} (facilitator)`, color: '#e11d48', role: 'facilitate' },
        cursor: null,
        selection: [],
      })
    }
    for (const { role, provider } of peers) {
      const seen = await waitFor(
        () => observer.awareness.getStates().get(provider.awareness.clientID)?.['user'],
        { what: `the ${role} socket's presence` },
      )
      expect(seen).toEqual({ id: role, name: role, color: '#e11d48', role })
    }
  })
})

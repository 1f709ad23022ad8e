import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../server/config'

describe('security settings', () => {
  it('defaults: open creation, no PUBLIC_URL, socket address only, limits on', () => {
    expect(DEFAULT_CONFIG).toMatchObject({
      publicUrl: '',
      trustProxy: 0,
      boardCreation: 'open',
      boardCreationSecret: '',
      createBoardsPerMinute: 30,
      snapshotUploadsPerMinute: 30,
      socketOpensPerMinute: 120,
      maxConnectionsPerBoard: 100,
    })
  })

  it('reduces PUBLIC_URL to its origin and refuses what cannot be one', () => {
    const parsed = parseConfig({ PUBLIC_URL: 'https://Boards.Example.com:443/' }, [])
    expect(parsed.kind === 'run' && parsed.config.publicUrl).toBe('https://boards.example.com')
    for (const bad of [
      'boards.example.com',
      'ftp://boards.example.com',
      'https://boards.example.com/okr',
      'https://user:pw@boards.example.com',
      'https://boards.example.com/?x=1',
    ]) {
      expect(() => parseConfig({ PUBLIC_URL: bad }, [])).toThrow(ConfigError)
      expect(() => parseConfig({ PUBLIC_URL: bad }, [])).toThrow(/PUBLIC_URL \/ --public-url/)
    }
  })

  it('needs a long secret for BOARD_CREATION=secret, and knows only open and secret', () => {
    expect(() => parseConfig({ BOARD_CREATION: 'secret' }, [])).toThrow(/at least 16 characters/)
    expect(() =>
      parseConfig({ BOARD_CREATION: 'secret', BOARD_CREATION_SECRET: 'too-short' }, []),
    ).toThrow(ConfigError)
    expect(() => parseConfig({ BOARD_CREATION: 'closed' }, [])).toThrow(/one of open, secret/)
    const parsed = parseConfig({ BOARD_CREATION_SECRET: 's'.repeat(16) }, [
      '--board-creation',
      'secret',
      '--socket-opens-per-minute=0',
    ])
    expect(parsed).toMatchObject({
      kind: 'run',
      config: {
        boardCreation: 'secret',
        boardCreationSecret: 's'.repeat(16),
        socketOpensPerMinute: 0,
      },
    })
  })
})

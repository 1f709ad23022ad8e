import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CONFIG, helpText, parseConfig, SETTINGS } from '../../server/config'

describe('parseConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(parseConfig({}, [])).toEqual({ kind: 'run', config: DEFAULT_CONFIG })
    expect(DEFAULT_CONFIG).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './data' })
    expect(DEFAULT_CONFIG.maxPayloadBytes).toBe(16 * 1024 * 1024)
    expect(DEFAULT_CONFIG.maxBufferedBytes).toBe(8 * 1024 * 1024)
  })

  it('reads the environment and lets flags win, in both flag spellings', () => {
    const parsed = parseConfig(
      { PORT: '9000', DATA_DIR: '/env', ALLOWED_ORIGINS: 'https://a.example/, https://b.example' },
      ['--port', '9100', '--data-dir=/flag', '--log-level', 'warn'],
    )
    expect(parsed).toEqual({
      kind: 'run',
      config: {
        ...DEFAULT_CONFIG,
        port: 9100,
        dataDir: '/flag',
        logLevel: 'warn',
        allowedOrigins: ['https://a.example', 'https://b.example'],
      },
    })
  })

  it('returns help for --help and -h', () => {
    expect(parseConfig({}, ['--port', '1', '--help'])).toEqual({ kind: 'help' })
    expect(parseConfig({}, ['-h'])).toEqual({ kind: 'help' })
  })

  it('explains bad values and unknown options', () => {
    const cases: [Record<string, string>, string[], RegExp][] = [
      [{ PORT: 'eighty' }, [], /PORT .*whole number/],
      [{}, ['--port', '70000'], /65535/],
      [{}, ['--max-payload-bytes', '-1'], /whole number/],
      [{}, ['--log-level', 'loud'], /one of fatal/],
      [{}, ['--frobnicate', '1'], /Unknown option --frobnicate/],
      [{}, ['--port'], /needs a value/],
      [{}, ['stray'], /Unexpected argument/],
    ]
    for (const [env, argv, message] of cases) {
      expect(() => parseConfig(env, argv)).toThrow(ConfigError)
      expect(() => parseConfig(env, argv)).toThrow(message)
    }
  })

  it('lists every setting with its variable in --help', () => {
    const text = helpText()
    for (const setting of SETTINGS) {
      expect(text).toContain(`--${setting.flag}`)
      expect(text).toContain(setting.env)
    }
  })
})

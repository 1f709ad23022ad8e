/**
 * Structured JSON logs. Children carry `boardId` and `connId`; tokens never reach a log line:
 * request URLs are logged without their query string, and `redact` catches any field that
 * slips through under a secret-sounding name.
 */
import { pino } from 'pino'
import type { DestinationStream, Logger } from 'pino'
import type { LogLevel } from './config'

export type { Logger }

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'stretchboard' },
    redact: {
      paths: ['token', 'editToken', 'viewToken', '*.token', 'authorization', '*.authorization'],
      censor: '[redacted]',
    },
  }
  // Synchronous writes so that the line about a crash or a SIGTERM is on disk before exit.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }))
}

/** The path of a URL with the query (which may hold `?token=`) and fragment removed. */
export function safePath(url: string): string {
  const cut = url.search(/[?#]/)
  return cut === -1 ? url : url.slice(0, cut)
}

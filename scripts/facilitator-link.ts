/**
 * `npm run facilitator-link -- <boardId> [server flags]`: on the server machine, gives an
 * existing board a new facilitate link and prints it. Boards made before roles (issue 15) have
 * none, and no web route hands one out: whoever runs this holds the database, which already
 * holds every board. It reads the server's own configuration (DATABASE_URL or DATA_DIR,
 * PUBLIC_URL, as environment or `--flags`, server/config.ts), replaces any earlier facilitate
 * link of the board, and leaves its edit and view links alone (docs/roles.md).
 *
 * Output: the link alone on stdout; what happened on stderr. Exit 0 done, 1 the board or the
 * database failed, 2 a usage problem (nothing was written).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigError, parseConfig } from '../server/config'
import { isBoardId, linkAt } from '../server/http/auth'
import { openBoardStore, SQLITE_FILE_NAME } from '../server/storage/open-store'
import { generateToken, hashToken } from '../server/storage/tokens'

const USAGE = `usage: npm run facilitator-link -- <boardId> [--public-url https://…] [--data-dir DIR | --database-url postgres://…]
The same configuration as the server (environment or flags; npm start -- --help lists them).`

export interface Outcome {
  readonly code: 0 | 1 | 2
  /** The new link (stdout), present only when code is 0. */
  readonly link?: string
  /** What to tell the operator (stderr). */
  readonly message: string
}

export async function facilitatorLink(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<Outcome> {
  const { boardId, flags } = splitArgs(argv)
  if (boardId === undefined || flags.includes('--help') || flags.includes('-h')) {
    return { code: 2, message: USAGE }
  }
  if (!isBoardId(boardId)) return { code: 2, message: `'${boardId}' is not a board id\n${USAGE}` }
  let config
  try {
    const parsed = parseConfig(env, flags)
    if (parsed.kind === 'help') return { code: 2, message: USAGE }
    config = parsed.config
  } catch (error) {
    if (error instanceof ConfigError) return { code: 2, message: `${error.message}\n${USAGE}` }
    throw error
  }
  if (config.publicUrl === '') {
    // Checked before the store is touched: a link nobody can be shown must not replace one.
    return {
      code: 2,
      message:
        'PUBLIC_URL is not set: pass the origin people open the board at, e.g. ' +
        `PUBLIC_URL=https://boards.example.com npm run facilitator-link -- ${boardId} ` +
        '(or --public-url https://boards.example.com). Nothing was changed.',
    }
  }
  const file = join(config.dataDir, SQLITE_FILE_NAME)
  if (config.databaseUrl === '' && !existsSync(file)) {
    // Opening would create an empty database: a mistyped DATA_DIR must not look like success.
    return {
      code: 1,
      message: `no database at ${file}: pass the server's DATA_DIR (or DATABASE_URL). Nothing was changed.`,
    }
  }
  const { store, description } = await openBoardStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
  })
  try {
    if ((await store.getBoard(boardId)) === null) {
      return { code: 1, message: `no board '${boardId}' in ${description}. Nothing was changed.` }
    }
    const token = generateToken()
    if (!(await store.setTokenHashes(boardId, { facilitateTokenHash: hashToken(token) }))) {
      return { code: 1, message: `board '${boardId}' vanished from ${description}` }
    }
    return {
      code: 0,
      link: linkAt(config.publicUrl, boardId, token),
      message:
        `board '${boardId}' in ${description} has a new facilitate link (any earlier one no ` +
        'longer opens; a socket already open with it keeps its role until it reconnects). ' +
        'Hand it only to the facilitator.',
    }
  } finally {
    await store.close()
  }
}

/** The board id is the one argument that is neither a flag nor a flag's value (`--x v`). */
function splitArgs(argv: readonly string[]): { boardId?: string; flags: string[] } {
  const flags: string[] = []
  let boardId: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg.startsWith('-')) {
      flags.push(arg)
      const takesValue = arg.startsWith('--') && !arg.includes('=') && arg !== '--help'
      if (takesValue && i + 1 < argv.length) flags.push(argv[++i] ?? '')
    } else if (boardId === undefined) {
      boardId = arg
    } else {
      flags.push(arg) // parseConfig refuses a stray argument with its own message
    }
  }
  return boardId === undefined ? { flags } : { boardId, flags }
}

async function main(): Promise<void> {
  try {
    const outcome = await facilitatorLink(process.argv.slice(2), process.env)
    if (outcome.link !== undefined) process.stdout.write(`${outcome.link}\n`)
    process.stderr.write(`${outcome.message}\n`)
    process.exitCode = outcome.code
  } catch (error) {
    process.stderr.write(`facilitator-link failed: ${String(error)}\n`)
    process.exitCode = 1
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main()

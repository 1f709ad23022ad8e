// `npm start`: build the web app when dist/client is missing or older than its sources, then
// run the server (TypeScript through tsx, in this process) on 127.0.0.1:8787 with ./data.
// Extra arguments pass through: `npm start -- --port 9000 --data-dir /srv/boards`.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { register } from 'tsx/esm/api'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = join(root, 'dist', 'client', 'index.html')
const sources = [join(root, 'client'), join(root, 'core'), join(root, 'vite.config.ts')]

/** Newest modification time under the given files and folders (0 when none exist). */
function newest(paths) {
  let latest = 0
  const visit = (path) => {
    if (!existsSync(path)) return
    const stats = statSync(path)
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry))
    } else {
      latest = Math.max(latest, stats.mtimeMs)
    }
  }
  for (const path of paths) visit(path)
  return latest
}

function buildClientIfNeeded() {
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0
  if (builtAt > 0 && builtAt >= newest(sources)) {
    console.log('Stretchboard: web app is up to date (dist/client).')
    return
  }
  console.log('Stretchboard: building the web app (vite build)…')
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status === 0) return
  console.error(
    '\nStretchboard: the web app could not be built (see the errors above).\n' +
      (existsSync(builtIndex)
        ? 'Serving the previous build from dist/client, with the API and live relay.\n'
        : 'Serving the API and live relay only; / will answer 503 until the client builds.\n'),
  )
}

buildClientIfNeeded()
process.env.HOST ??= '127.0.0.1'
process.env.PORT ??= '8787'
process.env.DATA_DIR ??= join(root, 'data')
process.env.STATIC_DIR ??= join(root, 'dist', 'client')
register()
const { runCli } = await import(pathToFileURL(join(root, 'server', 'main.ts')).href)
await runCli(process.argv.slice(2))

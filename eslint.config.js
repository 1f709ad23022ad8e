// Lint is where the architecture is enforced (see README "Layout"): the dependency direction
// between core/, client/ and server/, core's purity, no import cycles and no focused tests.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import globals from 'globals'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

const nodeBuiltins =
  'assert|async_hooks|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|http2|https|' +
  'module|net|os|path|perf_hooks|process|readline|stream|string_decoder|timers|tls|tty|url|util|' +
  'v8|vm|worker_threads|zlib'

/** core/ may import only itself (relative paths) and the CRDT libraries. */
const coreImports = {
  patterns: [
    {
      regex: '^(?!\\.{1,2}/|yjs$|lib0(/|$)|y-protocols(/|$)|stemmer$)',
      message:
        'core/ is pure: it may import only core/ modules, yjs, lib0, y-protocols and stemmer.',
    },
    {
      regex: '(^|/)(client|server)(/|$)',
      message: 'core/ must not import from client/ or server/.',
    },
  ],
}

/** client/ may not reach into server/ or Node. */
const clientImports = [
  {
    regex: '(^|/)server(/|$)',
    message: 'client/ must not import from server/: share code through core/.',
  },
  {
    regex: `^(node:|(${nodeBuiltins})(/|$))`,
    message: 'client/ runs in the browser: no Node modules.',
  },
]

const ambient = (where) => [
  ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame']
    .concat(['fetch', 'localStorage', 'sessionStorage', 'indexedDB', 'WebSocket', 'XMLHttpRequest'])
    .concat(['window', 'document', 'navigator', 'process', 'Buffer', 'performance', 'crypto'])
    .map((name) => ({
      name,
      message: `${where} has no ambient I/O, clock or randomness: pass '${name}' in.`,
    })),
]

const focused = ['describe', 'it', 'test', 'suite'].flatMap((object) =>
  ['only', 'skip', 'todo', 'skipIf', 'runIf'].map((property) => ({
    object,
    property,
    message: 'Every test runs: no focused, skipped or todo tests.',
  })),
)

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'test-output/',
      'bench-results/',
      'coverage/',
      'test/lint/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', ...focused],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreImports],
      'no-restricted-globals': ['error', ...ambient('core/')],
      'no-restricted-properties': [
        'error',
        ...focused,
        { object: 'Date', property: 'now', message: 'core/ has no clock: pass a clock in.' },
        { object: 'Math', property: 'random', message: 'core/ has no randomness: pass it in.' },
        { object: 'globalThis', message: 'core/ has no ambient globals: pass them in.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core/ has no clock: `new Date()` reads the time; pass a clock in.',
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: clientImports }],
    },
  },
  {
    // The board controller is the client's one seam (docs/client.md): only client/board/ and
    // client/net/ hold the Y.Doc; every view reads derived state and runs core commands there.
    files: ['client/**/*.ts'],
    ignores: ['client/board/**', 'client/net/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...clientImports,
            {
              regex: '^(yjs|y-indexeddb|y-websocket)$',
              message:
                'Only client/board/ and client/net/ touch the Y.Doc: read and run commands through the BoardController.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='doc']",
          message:
            'Only client/board/ and client/net/ touch the Y.Doc: read and run commands through the BoardController.',
        },
        {
          selector: "Identifier[name='boardSessionContext']",
          message:
            'Views consume the BoardController (client/board/board-consumer.ts), not the session.',
        },
      ],
    },
  },
  {
    // Rooms a newcomer can read: a file that grows past this holds two things; a function past
    // this is two steps. Tests and data tables are exempt.
    files: ['client/**/*.ts', 'core/**/*.ts', 'server/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)client(/|$)',
              message: 'server/ must not import from client/: share code through core/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**', '*.config.*', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
)

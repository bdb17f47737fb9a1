// Lint rules that keep the layers honest (STYLE.md): domain/ is pure, only store/ speaks SQL,
// views/ and http/ never reach into store/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const storageModules = ['kysely', 'better-sqlite3', 'pg'];
const httpModules = ['fastify', '@fastify/*'];

// What differs between the databases is asked of the store's dialect object (src/store/dialect.ts),
// never decided by comparing their names (docs/decisions/0030-dialect-objects.md).
const dialectName = 'Literal[value=/^(sqlite|postgres)$/]';
const dialectMessage =
  'Compare no database names: ask the dialect object (src/store/dialect.ts) for what differs.';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: storageModules, message: 'Only src/store/ may import SQL libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: storageModules, message: 'domain/ is pure: no storage code.' },
            { group: httpModules, message: 'domain/ is pure: no HTTP code.' },
            {
              group: [
                '**/store/**',
                '**/http/**',
                '**/services/**',
                '**/views/**',
                'node:fs',
                'node:net',
                'node:http',
              ],
              message: 'domain/ is pure: it imports only other domain modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/views/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: storageModules, message: 'Only src/store/ may import SQL libraries.' },
            {
              group: ['**/store/**'],
              message:
                'views/ render read models from src/domain/; they import nothing from src/store/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: storageModules, message: 'Only src/store/ may import SQL libraries.' },
            {
              group: ['**/store/**'],
              message:
                'http/ talks to services and src/domain/; it imports nothing from src/store/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/sqlite/**', 'src/store/postgres/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `BinaryExpression:matches([operator="=="], [operator="==="], [operator="!="], [operator="!=="]) > ${dialectName}`,
          message: dialectMessage,
        },
        { selector: `SwitchCase > ${dialectName}.test`, message: dialectMessage },
      ],
    },
  },
  {
    files: ['assets/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js', '.ci/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);

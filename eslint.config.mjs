// Lint for the root TypeScript (engine, worker, service, CLI, scripts, tests); `npm run lint`, part of `npm test`.
// Type-aware where it catches real bugs (a forgotten `await`), plus the rules that keep workflow code
// deterministic and free of I/O. web/ has its own toolchain (Vite, React) and is not linted here.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

// Workflow code is replayed and bundled into Temporal's sandbox: Node built-ins and activity code
// cannot run there. Its node/ folders hold the loaders the worker and service use instead.
const SANDBOXED = ['workflows/**/*.ts', 'definitions/**/*.ts'];
const SANDBOX_ESCAPES = ['workflows/**/node/**', 'definitions/**/node/**'];

const CLOCK = 'Read workflow time through workflows/project/time.ts (nowMs, nowIso).';
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

export default defineConfig(
  globalIgnores(['web/', 'data/', '.tools/', 'tools/', 'dist/', 'coverage/', 'tmp/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      // A promise nobody awaits fails silently; in a workflow it also reorders commands.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Type-only imports vanish from the bundle, which is what lets workflows name activity types.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import type { A }` when every name is a type: `import { type A }` would still load the module.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-duplicates': 'error',
      'import-x/no-self-import': 'error',
    },
  },
  {
    // Tests, the soak and benchmarks read HTTP and CLI JSON whose shape is what they assert.
    files: ['tests/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: SANDBOXED,
    ignores: SANDBOX_ESCAPES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins cannot run in the workflow sandbox; put I/O in activities or a node/ folder.' })),
          patterns: [
            { group: ['node:*'], message: 'Node built-ins cannot run in the workflow sandbox; put I/O in activities or a node/ folder.' },
            {
              regex: '(^|/)activities(/|$)',
              allowTypeImports: true,
              message: 'Workflows call activities through proxyActivities; import their types only (`import type`).',
            },
            { regex: '(^|/)node(/|$)', message: 'node/ folders hold Node I/O; workflow code cannot import them.' },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
              message: 'Workflow code may use @temporalio/workflow and @temporalio/common only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: SANDBOXED,
    ignores: SANDBOX_ESCAPES,
    rules: {
      // Temporal replays workflow code (definitions/ included: workflows import it); time and randomness come from the workflow's own clock.
      // workflows/project/time.ts reads it once, under an eslint-disable that says why.
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: CLOCK },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'Workflow code must be deterministic; use uuid4() from @temporalio/workflow.',
        },
      ],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

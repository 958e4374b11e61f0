// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'bench/dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.cache/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core runs in the editor, the CLI and (later) a browser: no editor API, no file system.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core must not depend on the editor.' },
            { name: 'fs', message: 'src/core reads files through ConfigHost.' },
            { name: 'node:fs', message: 'src/core reads files through ConfigHost.' },
            { name: 'fs/promises', message: 'src/core reads files through ConfigHost.' },
            { name: 'node:fs/promises', message: 'src/core reads files through ConfigHost.' },
            { name: 'path', message: 'Use src/core/paths.ts (posix, runs in a browser).' },
            { name: 'node:path', message: 'Use src/core/paths.ts (posix, runs in a browser).' },
          ],
        },
      ],
      // The first call of a process sets up ICU (10 to 25 ms of a one-note CLI run): numbers go through numberFormat.ts.
      'no-restricted-properties': [
        'error',
        { property: 'toLocaleString', message: 'Use formatNumber (src/core/numberFormat.ts): the first toLocaleString of a process costs 10 to 25 ms.' },
        { property: 'localeCompare', message: 'Compare code units (a < b): the first localeCompare of a process sets up ICU collation.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[regex.pattern=/\\\\[pP]\\{/]',
          message: 'Write \\p{…} expressions with UnicodePattern (src/core/unicodePattern.ts): each one costs 0.3 to 0.6 ms to build, at start-up when it is a literal.',
        },
      ],
    },
  },
  {
    files: ['src/vscode/**/*.ts'],
    rules: {
      // The extension sees the core through its public API only (src/core/index.ts), so the core can move
      // its modules around without breaking the editor.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+core/.+',
              message: "Import from '../core' (src/core/index.ts, the core's public API); export what you need there.",
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);

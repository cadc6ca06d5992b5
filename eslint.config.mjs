// ESLint with typescript-eslint's type-checked recommended rules; formatting is Prettier's (`npm run format`).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'libs/client/dist/',
      'coverage/',
      '.bench/',
      '.sandbox/',
      'libs/client/src/generated/',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
      '!apps/upload-api/src/sandbox/demo/page/*.mjs',
      '!libs/providers/src/*/demo/*.mjs',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Leaving a field out by destructuring (`{ secret: _secret, ...rest }`) is how a copy drops it.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Methods that implement a Promise-returning contract without awaiting anything (MemoryStore) are async on purpose.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Jest's asymmetric matchers (expect.any...) and parsed JSON bodies are typed `any` by design, and
    // tests pick client methods off the object to call them by operation id.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The demo page's script and the providers' uploader scripts run in browsers, as written: plain JavaScript
    // modules. Each uploader script declares its SDK's globals itself (/* global */).
    files: ['apps/upload-api/src/sandbox/demo/page/*.mjs', 'libs/providers/src/*/demo/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  prettier,
  {
    rules: {
      // After eslint-config-prettier, which turns it off: Prettier wraps code, but not strings or comments.
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
);

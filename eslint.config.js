// ESLint flat config: typescript-eslint's recommended rules (syntax only, no type information) for
// the TypeScript sources, the tests and the Node scripts. Run: npm run lint  (npx eslint .)
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { layers } from './eslint.layers.js';

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', '.cache/', '**/coverage/']),
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    extends: [tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The code marks deliberately unused names with a leading underscore, and drops a key from an
      // object with a rest pattern (`const { $schema: _ignored, ...rest } = ...`): allow both.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Left off on purpose: @typescript-eslint/consistent-type-imports, unless told about
      // emitDecoratorMetadata, rewrites the imports of classes Nest injects by constructor type into
      // `import type`, which erases them from the decorator metadata and breaks DI.
    },
  },
  {
    // Tests, test helpers and scripts read JSON off the wire and assert on it: `any` is the honest type there.
    files: ['test/**', '**/test/**', 'libs/testing/**', 'scripts/**', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Import boundaries between apps and libs: eslint.layers.js.
  ...layers,
);

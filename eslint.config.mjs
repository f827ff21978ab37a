// Lint for TypeScript/TSX across the repo (run by `npm run lint`, first step of `npm test`).
// Layering (who may import whom) is checked by dependency-cruiser: see .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '**/dist/**', 'server/drizzle/**', 'coverage/**', '.ci/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, wx: 'readonly' } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Pages load through useRemote/usePagedRemote (miniapp/refresh.ts) and act through useAction
    // (miniapp/useAction.ts): no page-show, pull-down or reach-bottom handlers and no toasts of
    // their own. Validation notices use hint() from useAction.ts.
    files: ['miniapp/pages/**/*.tsx', 'miniapp/packages/*/pages/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tarojs/taro',
              importNames: ['useDidShow', 'usePullDownRefresh', 'useReachBottom'],
              message: 'Pages load through useRemote / usePagedRemote (miniapp/refresh.ts), which reload on show, pull-down and reach-bottom.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Taro'][callee.property.name='showToast']",
          message: 'Pages show how a server call went through useAction (miniapp/useAction.ts), and other notices with hint().',
        },
      ],
    },
  },
  {
    // Tests, benches and the Taro build config read loose JSON / untyped webpack-chain objects.
    files: ['**/*.test.{ts,tsx}', 'server/test/**', 'miniapp/test/**', 'bench/**', 'config/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // CommonJS files, and the spreadsheet worker (plain CommonJS so it loads under tsx, jest and node)
    files: ['**/*.cjs', 'babel.config.js', '**/jest.config.js', 'server/src/domain/sheets/sheetWorker.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

// Lint: type-aware rules plus the layer rule from ARCHITECTURE.md (eslint-rules/layer-imports.js):
// imports point inward (domain <- db <- services <- api / jobs / cli / demo), the edges reach
// services only through *.service.ts files, and web/ imports nothing outside itself.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layer-imports.js';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'web/dist', 'coverage', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['eslint.config.js', 'eslint-rules/**'], ...tseslint.configs.disableTypeChecked },
  {
    // Tests read untyped JSON responses; their assertions check the shape.
    files: ['**/*.test.ts', 'test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Generated from the OpenAPI document: a `cf.<key>` sort is written as string beside the
    // named columns, which says more to a reader than it costs the types.
    files: ['web/src/api/schema.d.ts'],
    rules: { '@typescript-eslint/no-redundant-type-constituents': 'off' },
  },
  {
    // Fastify plugins are async by contract even when they only register routes.
    files: ['src/api/routes/**'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['src/**/*.ts', 'web/**/*.{ts,tsx}'],
    plugins: { qanat: layers },
    rules: { 'qanat/layer-imports': 'error' },
  },
);

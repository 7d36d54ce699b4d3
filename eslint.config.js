// Lint: type-aware rules plus the layer rule from ARCHITECTURE.md.
// Imports point inward only: domain <- db <- services <- api / jobs / cli.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((name) => ({
          group: [`**/${name}/**`, `../${name}/*`, `./${name}/*`],
          message: `This layer may not import from src/${name} (see ARCHITECTURE.md).`,
        })),
      },
    ],
  },
});

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
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
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
    // Fastify plugins are async by contract even when they only register routes.
    files: ['src/api/routes/**'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  layer(['src/domain/**'], ['db', 'services', 'api', 'jobs', 'cli']),
  layer(['src/db/**'], ['services', 'api', 'jobs', 'cli']),
  layer(['src/services/**'], ['api', 'jobs', 'cli']),
  layer(['src/api/**'], ['jobs', 'cli']),
  layer(['src/jobs/**'], ['api', 'cli']),
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '.tmp/', 'scratch/', 'src/db/migrations/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Prettier wraps code at 120 columns but leaves long strings, templates and comments: 140 is the hard limit.
    rules: { 'max-len': ['error', { code: 140, ignoreUrls: true }] },
    // To be fixed after the modules' merge (other branches are editing these files); then remove this list.
    ignores: [
      'src/core/i18n.ts',
      'src/modules/assessments/assessments.test.ts',
      'src/modules/assessments/demo.test.ts',
      'src/modules/assessments/demo.ts',
      'src/modules/assessments/export.ts',
      'src/modules/assessments/service.ts',
      'src/modules/audit/service.ts',
      'src/modules/dossiers/dossiers.test.ts',
      'src/modules/dossiers/forms/model.ts',
      'src/modules/dossiers/forms/routes.ts',
      'src/modules/dossiers/service.ts',
      'src/modules/recommendations/recommendations.test.ts',
      'src/modules/recommendations/routes.ts',
      'src/modules/reinforcement/demo-texts.ts',
      'src/modules/reinforcement/demo.ts',
      'src/modules/reinforcement/domain/weeks.ts',
      'src/modules/reinforcement/routes.ts',
      'src/modules/reinforcement/service.ts',
      'src/modules/workforce/io/export.ts',
      'src/modules/workforce/io/io.test.ts',
      'src/modules/workforce/io/routes.ts',
      'src/modules/workforce/routes.ts',
      'web/src/components/ProvinceChoropleth.tsx',
      'web/src/i18n/en.ts',
      'web/src/i18n/vi.ts',
      'web/src/pages/Dossier.tsx',
      'web/src/pages/Reinforcement.tsx',
    ],
  },
);

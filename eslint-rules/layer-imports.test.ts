import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { layerImports } from './layer-imports.js';

RuleTester.describe = describe;
RuleTester.it = it;

const root = path.resolve(import.meta.dirname, '..');
const at = (file: string) => path.join(root, file);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });

tester.run('layer-imports', layerImports, {
  valid: [
    {
      filename: at('src/api/routes/deal.routes.ts'),
      code: "import { getDeal } from '../../services/deals/deal.service.js';",
    },
    {
      filename: at('src/cli/commands/import.command.ts'),
      code: "import { PRESETS } from '../../domain/import/import-presets.js';",
    },
    {
      filename: at('src/services/deals/deal.service.ts'),
      code: "import { toDealView } from './deal-view.js';",
    },
    {
      filename: at('src/demo/deal-replay.ts'),
      code: "import { createDeal } from '../services/deals/deal.service.js';",
    },
    {
      filename: at('web/src/features/board/board-page.tsx'),
      code: "import { api } from '../../api';",
    },
    {
      filename: at('src/services/transfer/export/list-export.service.test.ts'),
      code: "import { loadDemoData } from '../../../demo/load-demo.js';",
    },
  ],
  invalid: [
    {
      // An edge reaching into a feature's internals instead of its use-case.
      filename: at('src/api/routes/deal.routes.ts'),
      code: "import { toDealView } from '../../services/deals/deal-view.js';",
      errors: [{ messageId: 'useCase' }],
    },
    {
      filename: at('src/cli/commands/metrics.command.ts'),
      code: "export { x } from '../../services/analytics/metrics-result.js';",
      errors: [{ messageId: 'useCase' }],
    },
    {
      filename: at('src/jobs/handlers.ts'),
      code: "const m = await import('../services/deals/deal-access.js');",
      errors: [{ messageId: 'useCase' }],
    },
    {
      // The web app importing server code.
      filename: at('web/src/features/board/board-api.ts'),
      code: "import { planStageMove } from '../../../../src/domain/deal-transition.js';",
      errors: [{ messageId: 'web' }],
    },
    {
      filename: at('src/domain/deal.ts'),
      code: "import { findDeal } from '../db/deal.repository.js';",
      errors: [{ messageId: 'inward' }],
    },
    {
      filename: at('src/services/deals/deal.service.ts'),
      code: "import { contextOf } from '../../api/auth.js';",
      errors: [{ messageId: 'inward' }],
    },
  ],
});

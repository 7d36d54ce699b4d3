import { Command, CommanderError } from 'commander';
import { describeError } from './cli-error.js';
import { registerBackupCommands } from './commands/backup.command.js';
import { registerDemoCommand } from './commands/demo.command.js';
import { registerExportCommands } from './commands/export.command.js';
import { registerForecastCommand } from './commands/forecast.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerMetricsCommand } from './commands/metrics.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerPipelineChangesCommand } from './commands/pipeline-changes.command.js';
import { registerReviewCommand } from './commands/review.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerTargetCommands } from './commands/targets.command.js';
import { registerUserCommand } from './commands/user.command.js';
import { registerWorkerCommand } from './commands/worker.command.js';
import { registerWorkspaceTransferCommands } from './commands/workspace-transfer.command.js';

const program = new Command('qanat')
  .description('Qanat — a sales-pipeline CRM for teams that sell in Arabic and English')
  .showHelpAfterError()
  .exitOverride();

registerServeCommand(program);
registerWorkerCommand(program);
registerMigrateCommand(program);
registerUserCommand(program);
registerDemoCommand(program);
registerBackupCommands(program);
registerForecastCommand(program);
registerMetricsCommand(program);
registerPipelineChangesCommand(program);
registerTargetCommands(program);
registerReviewCommand(program);
registerImportCommand(program);
registerExportCommands(program);
// After any other `import` command: it adds `import workspace` to it (see command-group.ts).
registerWorkspaceTransferCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  const { message, exitCode } = describeError(error);
  console.error(`qanat: ${message}`);
  process.exit(exitCode);
}
